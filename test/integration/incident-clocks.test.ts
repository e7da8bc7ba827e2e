import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { principalOfUser } from '../../src/platform/auth/principals.js';
import { createRecord, transitionRecord, updateRecord } from '../../src/kernel/records/record.service.js';
import { incidentRecord } from '../../src/modules/incidents/index.js';
import { asUser, json, startTestApp, type SignedIn, type TestApp } from '../support/test-app.js';
import { storeNames } from '../support/test-databases.js';

const h = 3_600_000;
const allDay = [{ start: '00:00', end: '24:00' }];

interface Clock { clockId: string; status: string; elapsedMillis: number; pausedMillis: number; breached: boolean; breachedAt: number | null; priority: string | null; segments: { text: string }[] }

describe.each(storeNames())('incident SLA clocks on %s', (store) => {
  let t: TestApp;
  let slm: SignedIn;
  let agent: SignedIn;
  let service = '';
  let sla = '';
  beforeAll(async () => {
    t = await startTestApp(store);
    slm = await t.user(['service-level-manager']);
    agent = await t.user(['service-desk-agent']);
    const post = (url: string, payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url, headers: asUser(slm), payload });
    await post('/api/calendars', { id: 'always', name: 'Always', timeZone: 'UTC', workingHours: { monday: allDay, tuesday: allDay, wednesday: allDay, thursday: allDay, friday: allDay, saturday: allDay, sunday: allDay } });
    service = json<{ reference: string }>(await post('/api/services', { name: 'Clock test service', serviceType: 'customer-facing', criticality: 'high' })).reference;
    const draft = json<{ id: string; reference: string; version: number }>(await post('/api/slas', {
      title: 'Clock test SLA', service, calendarId: 'always', pauseStatuses: 'awaiting-caller',
      p1ResponseMinutes: 15, p1ResolutionMinutes: 240, p2ResponseMinutes: 30, p2ResolutionMinutes: 480, p3ResponseMinutes: 60, p3ResolutionMinutes: 480, p4ResponseMinutes: 120, p4ResolutionMinutes: 960,
    }));
    const agreed = await t.app.inject({ method: 'POST', url: `/api/slas/${draft.id}/transitions`, headers: { ...asUser(slm), 'if-match': `"${draft.version}"` }, payload: { to: 'agreed' } });
    expect(agreed.statusCode, agreed.body).toBe(200);
    sla = draft.reference;
  });
  afterAll(async () => t?.close());

  it('pauses while awaiting the caller, stops at resolution and explains itself', async () => {
    const principal = await principalOfUser(t.certus.database.db, agent.userId);
    const start = Date.parse('2026-03-02T09:00:00Z');
    const id = await t.certus.database.db.transaction().execute(async (trx) => {
      let r = await createRecord(trx, incidentRecord, principal, { shortDescription: 'Clocked', category: 'software', impact: 'medium', urgency: 'medium', service }, start);
      r = await transitionRecord(trx, incidentRecord, principal, r.id, r.version, 'in-progress', {}, start + 0.5 * h);
      r = await transitionRecord(trx, incidentRecord, principal, r.id, r.version, 'awaiting-caller', {}, start + 1 * h);
      r = await transitionRecord(trx, incidentRecord, principal, r.id, r.version, 'in-progress', {}, start + 3 * h);
      r = await transitionRecord(trx, incidentRecord, principal, r.id, r.version, 'resolved', { resolutionCode: 'fixed', resolutionNotes: 'ok' }, start + 7 * h);
      return r.id;
    });
    const res = await t.app.inject({ method: 'GET', url: `/api/incidents/${id}/clocks`, headers: asUser(agent) });
    expect(res.statusCode, res.body).toBe(200);
    const body = json<{ sla: { reference: string }; clocks: Clock[] }>(res);
    expect(body.sla.reference).toBe(sla);
    const resolution = body.clocks.find((c) => c.clockId.includes('resolution'))!;
    // P3 (medium × medium), 8 h target; ran 09:00–10:00 and 12:00–16:00, paused 10:00–12:00.
    expect(resolution).toMatchObject({ status: 'stopped', priority: 'P3', elapsedMillis: 5 * h, pausedMillis: 2 * h, breached: false });
    expect(resolution.segments.map((s) => s.text).join(' | ')).toContain('paused 2h');
  });

  it('recomputes retroactively when the priority rises, finding the breach where it would have been', async () => {
    const principal = await principalOfUser(t.certus.database.db, agent.userId);
    const start = Date.parse('2026-03-03T09:00:00Z');
    const id = await t.certus.database.db.transaction().execute(async (trx) => {
      let r = await createRecord(trx, incidentRecord, principal, { shortDescription: 'Escalated', category: 'network', impact: 'medium', urgency: 'medium', service }, start);
      r = await transitionRecord(trx, incidentRecord, principal, r.id, r.version, 'in-progress', {}, start + 0.2 * h);
      // Found to be critical after 5 h: P1 (high × high), whose 4 h target has already passed.
      r = await updateRecord(trx, incidentRecord, principal, r.id, r.version, { impact: 'high', urgency: 'high' }, start + 5 * h);
      r = await transitionRecord(trx, incidentRecord, principal, r.id, r.version, 'resolved', { resolutionCode: 'fixed', resolutionNotes: 'ok' }, start + 6 * h);
      return r.id;
    });
    const body = json<{ clocks: Clock[] }>(await t.app.inject({ method: 'GET', url: `/api/incidents/${id}/clocks`, headers: asUser(agent) }));
    const resolution = body.clocks.find((c) => c.clockId.includes('resolution'))!;
    expect(resolution).toMatchObject({ priority: 'P1', breached: true, breachedAt: start + 4 * h, elapsedMillis: 6 * h });
  });

  it('has no clocks for an incident on a service without an SLA, and keeps requesters to their own', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/incidents', headers: asUser(agent), payload: { shortDescription: 'No SLA', category: 'other', impact: 'low', urgency: 'low', service: 'SVC-999999' } });
    const incident = json<{ id: string; sla: string | null }>(res);
    expect(incident.sla).toBeNull();
    expect(json<{ sla: null; clocks: unknown[] }>(await t.app.inject({ method: 'GET', url: `/api/incidents/${incident.id}/clocks`, headers: asUser(agent) }))).toEqual({ sla: null, clocks: [] });
    const requester = await t.user(['requester']);
    expect((await t.app.inject({ method: 'GET', url: `/api/incidents/${incident.id}/clocks`, headers: asUser(requester) })).statusCode).toBe(404);
  });
});
