import { expect } from 'vitest';
import { principalOfUser } from '../../src/platform/auth/principals.js';
import { createRecord, transitionRecord, updateRecord } from '../../src/kernel/records/record.service.js';
import { incidentRecord } from '../../src/modules/incidents/index.js';
import { asUser, json, type SignedIn, type TestApp } from '../support/test-app.js';
import { liveService } from './catalogue-fixture.js';

export const h = 3_600_000;
const allDay = [{ start: '00:00', end: '24:00' }];

/**
 * A 24×7 UTC calendar, a live service and an agreed SLA on it: P1 4 h / 15 min, P2 8 h / 30 min,
 * P3 8 h / 1 h, P4 16 h / 2 h (resolution / response), paused while awaiting the caller.
 * With `customer`, the SLA is that customer's only.
 */
export async function slaFixture(t: TestApp, slm: SignedIn, name = 'Fixture', options: { customer?: string; serviceFields?: Record<string, unknown> } = {}): Promise<{ service: string; sla: string }> {
  const post = (url: string, payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url, headers: asUser(slm), payload });
  const calendarId = `always-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  const calendar = await post('/api/calendars', { id: calendarId, name: `Always (${name})`, timeZone: 'UTC', workingHours: { monday: allDay, tuesday: allDay, wednesday: allDay, thursday: allDay, friday: allDay, saturday: allDay, sunday: allDay } });
  expect(calendar.statusCode, calendar.body).toBe(201);
  const service = await liveService(t, slm, `${name} service`, options.serviceFields);
  const draft = json<{ id: string; reference: string; version: number }>(await post('/api/slas', {
    title: `${name} SLA`, service, calendarId, pauseStatuses: 'awaiting-caller', ...(options.customer ? { customer: options.customer } : {}),
    p1ResponseMinutes: 15, p1ResolutionMinutes: 240, p2ResponseMinutes: 30, p2ResolutionMinutes: 480, p3ResponseMinutes: 60, p3ResolutionMinutes: 480, p4ResponseMinutes: 120, p4ResolutionMinutes: 960,
  }));
  const agreed = await t.app.inject({ method: 'POST', url: `/api/slas/${draft.id}/transitions`, headers: { ...asUser(slm), 'if-match': `"${draft.version}"` }, payload: { to: 'agreed' } });
  expect(agreed.statusCode, agreed.body).toBe(200);
  return { service, sla: draft.reference };
}

export type Step =
  | { at: number; to: string; fields?: Record<string, unknown> }
  | { at: number; set: Record<string, unknown> };

/** Creates an incident at `openedAt` as `user` and applies transitions and updates at given instants. */
export async function incidentWith(t: TestApp, user: SignedIn, fields: Record<string, unknown>, openedAt: number, steps: Step[] = []): Promise<{ id: string; reference: string; version: number }> {
  const principal = await principalOfUser(t.certus.database.db, user.userId);
  return t.certus.database.db.transaction().execute(async (trx) => {
    let r = await createRecord(trx, incidentRecord, principal, { category: 'software', ...fields }, openedAt);
    for (const step of steps) {
      r = 'to' in step
        ? await transitionRecord(trx, incidentRecord, principal, r.id, r.version, step.to, step.fields ?? {}, step.at)
        : await updateRecord(trx, incidentRecord, principal, r.id, r.version, step.set, step.at);
    }
    return { id: r.id, reference: r.reference, version: r.version };
  });
}
