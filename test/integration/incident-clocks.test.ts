import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { principalOfUser } from '../../src/platform/auth/principals.js';
import { createRecord, transitionRecord, updateRecord } from '../../src/kernel/records/record.service.js';
import { incidentRecord } from '../../src/modules/incidents/index.js';
import { watchSlas } from '../../src/modules/service-levels/index.js';
import { asUser, json, startTestApp, type SignedIn, type TestApp } from '../support/test-app.js';
import { storeNames } from '../support/test-databases.js';
import { liveService } from './catalogue-fixture.js';

const h = 3_600_000;
const allDay = [{ start: '00:00', end: '24:00' }];

interface Clock { clockId: string; calendar?: { id: string; name: string }; status: string; elapsedMillis: number; pausedMillis: number; breached: boolean; breachedAt: number | null; priority: string | null; segments: { text: string }[] }

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
    service = await liveService(t, slm, 'Clock test service');
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
    // Each clock says, by name, the calendar it counts in.
    expect(body.clocks.map((c) => c.calendar)).toEqual(body.clocks.map(() => ({ id: 'always', name: 'Always' })));
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

  it('turns a breached clock into one breach record and escalation, and warns once when at risk', async () => {
    const principal = await principalOfUser(t.certus.database.db, agent.userId);
    const now = Date.parse('2026-03-10T15:00:00Z');
    const { db } = t.certus.database;
    const make = (impact: string, urgency: string, hoursAgo: number, title: string) => db.transaction().execute(async (trx) => {
      let r = await createRecord(trx, incidentRecord, principal, { shortDescription: title, category: 'network', impact, urgency, service }, now - hoursAgo * h);
      r = await transitionRecord(trx, incidentRecord, principal, r.id, r.version, 'assigned', { assignmentGroup: 'Network', assigneeId: agent.userId }, now - hoursAgo * h + 60_000);
      return r.reference;
    });
    const late = await make('high', 'high', 5, 'Core switch down'); // P1: 4 h resolution target, 5 h gone
    const close = await make('medium', 'medium', 7, 'Slow VPN'); // P3: 8 h target, 7 h gone = 87.5%
    const first = await watchSlas(t.certus.database, now);
    expect(first.breached).toBeGreaterThanOrEqual(1);
    const breaches = await db.selectFrom('sla_breaches').selectAll().where('incident', '=', late).execute();
    expect(breaches.map((b) => b.clock).sort()).toEqual(expect.arrayContaining([expect.stringContaining('resolution')]));
    const resolutionBreach = breaches.find((b) => b.clock!.includes('resolution'))!;
    expect(resolutionBreach).toMatchObject({ sla, priority: 'P1', status: 'open', breached_at: now - 5 * h + 4 * h });
    // The P3 one missed its 1 h response target but is still inside its resolution target.
    expect((await db.selectFrom('sla_breaches').select('clock').where('incident', '=', close).execute()).map((b) => b.clock).filter((c) => c!.includes('resolution'))).toEqual([]);
    await watchSlas(t.certus.database, now + 60_000);
    expect((await db.selectFrom('sla_breaches').select('id').where('incident', '=', late).execute()).length).toBe(breaches.length);
    const mails = await db.selectFrom('jobs').select(['dedupe_key', 'payload']).where('kind', '=', 'notify.email').execute();
    const keys = mails.map((m) => m.dedupe_key ?? '');
    const allBreaches = await db.selectFrom('sla_breaches').select(['id', 'clock']).execute();
    // Every breach gets one e-mail. The SLA resolution clock's come from its escalation levels
    // (at risk: level 1, breached: level 2, naming the breach record), the other clocks' from the watch.
    expect(keys.filter((k) => k.startsWith('breached:')).length).toBe(allBreaches.filter((b) => b.clock !== 'resolution').length);
    expect(keys.filter((k) => k.startsWith('breached:') && k.endsWith(':resolution'))).toEqual([]);
    expect(keys.filter((k) => k.startsWith('at-risk:') && k.endsWith(':resolution'))).toEqual([]);
    const [lateId, closeId] = await Promise.all([late, close].map(async (reference) => (await db.selectFrom('incidents').select('id').where('reference', '=', reference).executeTakeFirstOrThrow()).id));
    expect(keys).toEqual(expect.arrayContaining([`escalation:${lateId}:1`, `escalation:${lateId}:2`, `escalation:${closeId}:1`]));
    expect(keys).not.toContain(`escalation:${closeId}:2`);
    const breachMail = mails.find((m) => m.dedupe_key === `escalation:${lateId}:2`)!;
    expect(JSON.stringify(breachMail.payload)).toContain(resolutionBreach.reference);
    // Investigating closes with a cause and an action, like any record.
    const res = await t.app.inject({ method: 'POST', url: `/api/sla-breaches/${resolutionBreach.reference}/transitions`, headers: { ...asUser(slm), 'if-match': '"1"' }, payload: { to: 'closed', fields: { cause: 'Carrier outage', action: 'Raised with Acme Networks; see IMP' } } });
    expect(res.statusCode, res.body).toBe(200);
  });

  it('has no clocks for an incident on a service without an SLA, and keeps requesters to their own', async () => {
    const withoutSla = await liveService(t, slm, 'Service without an SLA');
    const res = await t.app.inject({ method: 'POST', url: '/api/incidents', headers: asUser(agent), payload: { shortDescription: 'No SLA', category: 'other', impact: 'low', urgency: 'low', service: withoutSla } });
    expect(res.statusCode, res.body).toBe(201);
    const incident = json<{ id: string; sla: string | null }>(res);
    expect(incident.sla).toBeNull();
    expect(json<{ sla: null; clocks: unknown[] }>(await t.app.inject({ method: 'GET', url: `/api/incidents/${incident.id}/clocks`, headers: asUser(agent) }))).toEqual({ sla: null, clocks: [] });
    const requester = await t.user(['requester']);
    expect((await t.app.inject({ method: 'GET', url: `/api/incidents/${incident.id}/clocks`, headers: asUser(requester) })).statusCode).toBe(404);
  });
});
