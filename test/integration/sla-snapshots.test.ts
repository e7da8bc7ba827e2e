import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { principalOfUser } from '../../src/platform/auth/principals.js';
import { transitionRecord, updateRecord } from '../../src/kernel/records/record.service.js';
import { incidentRecord, refreshIncidentClocks } from '../../src/modules/incidents/index.js';
import { watchSlas } from '../../src/modules/service-levels/index.js';
import { startTestApp, type SignedIn, type TestApp } from '../support/test-app.js';
import { storeNames } from '../support/test-databases.js';
import { h, incidentWith, slaFixture } from './sla-fixture.js';
import { liveService } from './catalogue-fixture.js';

const day = 24 * h;

describe.each(storeNames())('incident SLA clock snapshots on %s', (store) => {
  let t: TestApp;
  let agent: SignedIn;
  let service = '';
  let sla = '';
  let withoutSla = '';
  // Each test works on its own day, later than the one before, as the watch's passes move forward.
  const base = (n: number) => Date.parse('2026-03-02T09:00:00Z') + n * day;
  const clocksOf = (incidentId: string) => t.certus.database.db.selectFrom('incident_sla_clocks').selectAll().where('incident_id', '=', incidentId).orderBy('clock_id').execute();
  const resolutionOf = async (incidentId: string) => (await clocksOf(incidentId)).find((c) => c.clock_id === 'resolution')!;

  beforeAll(async () => {
    t = await startTestApp(store);
    const slm = await t.user(['service-level-manager']);
    agent = await t.user(['service-desk-agent']);
    ({ service, sla } = await slaFixture(t, slm, 'Snapshots'));
    withoutSla = await liveService(t, slm, 'Printing');
  });
  afterAll(async () => t?.close());

  it('stores a snapshot per clock of each open incident, with due and at-risk instants', async () => {
    const start = base(0);
    const incident = await incidentWith(t, agent, { shortDescription: 'Printer offline', impact: 'medium', urgency: 'medium', service }, start, [
      { at: start + 60_000, to: 'assigned', fields: { assignmentGroup: 'Service desk', assigneeId: agent.userId } },
    ]);
    const summary = await watchSlas(t.certus.database, start + 2 * h);
    expect(summary.checked).toBeGreaterThanOrEqual(1);
    const clocks = await clocksOf(incident.id);
    expect(clocks.map((c) => [c.clock_id, c.kind, c.measure])).toEqual([['resolution', 'sla', 'resolution'], ['response', 'sla', 'response']]);
    // P3: 8 h resolution target, 2 h used; at risk at 75% = 6 h.
    expect(clocks[0]).toMatchObject({ sla, priority: 'P3', status: 'running', target_ms: 8 * h, elapsed_ms: 2 * h, remaining_ms: 6 * h, due_at: start + 8 * h, at_risk_at: start + 6 * h, at_risk: 0, breached: 0, met: null, lead: 1, computed_at: start + 2 * h });
    // Assigning it a minute in was the first response: the 1 h response target was met.
    expect(clocks[1]).toMatchObject({ status: 'stopped', breached: 0, met: 1, elapsed_ms: 60_000, lead: 0 });
  });

  it('leaves unchanged incidents alone and replays one when its at-risk or due time comes', async () => {
    const start = base(1);
    const incident = await incidentWith(t, agent, { shortDescription: 'Disk filling up', impact: 'medium', urgency: 'medium', service }, start);
    await watchSlas(t.certus.database, start + h);
    expect((await resolutionOf(incident.id)).computed_at).toBe(start + h);
    await watchSlas(t.certus.database, start + 2 * h);
    expect((await resolutionOf(incident.id)).computed_at).toBe(start + h);
    await watchSlas(t.certus.database, start + 6 * h + 1000);
    expect(await resolutionOf(incident.id)).toMatchObject({ computed_at: start + 6 * h + 1000, at_risk: 1, breached: 0 });
    await watchSlas(t.certus.database, start + 8 * h);
    expect(await resolutionOf(incident.id)).toMatchObject({ computed_at: start + 8 * h, breached: 1, breached_at: start + 8 * h, at_risk: 0 });
  });

  it('pauses while awaiting the caller and stores the outcome once the incident is resolved', async () => {
    const start = base(2);
    const incident = await incidentWith(t, agent, { shortDescription: 'Cannot print invoices', impact: 'medium', urgency: 'medium', service }, start, [
      { at: start + 0.5 * h, to: 'in-progress' },
      { at: start + h, to: 'awaiting-caller' },
    ]);
    await watchSlas(t.certus.database, start + 2 * h);
    expect(await resolutionOf(incident.id)).toMatchObject({ status: 'paused', pause_reason: 'awaiting-caller', due_at: null, elapsed_ms: h, paused_ms: h, met: null });
    const { db } = t.certus.database;
    const row = await db.selectFrom('incidents').select('version').where('id', '=', incident.id).executeTakeFirstOrThrow();
    const principal = await principalOfUser(db, agent.userId);
    await db.transaction().execute(async (trx) => {
      const r = await transitionRecord(trx, incidentRecord, principal, incident.id, row.version, 'in-progress', {}, start + 3 * h);
      await transitionRecord(trx, incidentRecord, principal, incident.id, r.version, 'resolved', { resolutionCode: 'fixed', resolutionNotes: 'Driver reinstalled' }, start + 5 * h);
    });
    await watchSlas(t.certus.database, start + 5 * h + 60_000);
    // Ran 09:00–10:00 and 12:00–14:00: 3 h of 8 h, met.
    expect(await resolutionOf(incident.id)).toMatchObject({ status: 'stopped', met: 1, breached: 0, elapsed_ms: 3 * h, stopped_at: start + 5 * h, due_at: null });
    // Work started half an hour in: the first response, inside the 1 h response target.
    expect((await clocksOf(incident.id)).find((c) => c.clock_id === 'response')).toMatchObject({ status: 'stopped', met: 1, breached: 0, elapsed_ms: 0.5 * h });
  });

  it('recomputes when the priority changes, retroactively', async () => {
    const start = base(3);
    const incident = await incidentWith(t, agent, { shortDescription: 'Intermittent outage', impact: 'medium', urgency: 'medium', service }, start, [{ at: start + 0.2 * h, to: 'in-progress' }]);
    await watchSlas(t.certus.database, start + 3 * h);
    expect(await resolutionOf(incident.id)).toMatchObject({ priority: 'P3', breached: 0, due_at: start + 8 * h });
    // Found to be critical after 5 h: P1 (4 h target), which has already passed.
    const { db } = t.certus.database;
    const principal = await principalOfUser(db, agent.userId);
    const row = await db.selectFrom('incidents').select('version').where('id', '=', incident.id).executeTakeFirstOrThrow();
    await db.transaction().execute((trx) => updateRecord(trx, incidentRecord, principal, incident.id, row.version, { impact: 'high', urgency: 'high' }, start + 5 * h));
    await watchSlas(t.certus.database, start + 5 * h + 60_000);
    expect(await resolutionOf(incident.id)).toMatchObject({ priority: 'P1', target_ms: 4 * h, breached: 1, breached_at: start + 4 * h, due_at: start + 4 * h });
  });

  it('refreshes one incident on demand and drops the snapshots when it leaves the SLA', async () => {
    const start = base(4);
    const incident = await incidentWith(t, agent, { shortDescription: 'Slow login', impact: 'low', urgency: 'high', service }, start);
    const snapshots = await refreshIncidentClocks(t.certus.database.db, incident.id, start + h);
    expect(snapshots.find((s) => s.clockId === 'resolution')).toMatchObject({ priority: 'P3', status: 'running', lead: true, met: null });
    expect((await clocksOf(incident.id)).length).toBe(2);
    const res = await t.app.inject({ method: 'PATCH', url: `/api/incidents/${incident.id}`, headers: { authorization: `Bearer ${agent.token}`, 'if-match': `"${incident.version}"` }, payload: { service: withoutSla } });
    expect(res.statusCode, res.body).toBe(200);
    expect(await refreshIncidentClocks(t.certus.database.db, incident.id, Date.now())).toEqual([]);
    expect(await clocksOf(incident.id)).toEqual([]);
  });
});
