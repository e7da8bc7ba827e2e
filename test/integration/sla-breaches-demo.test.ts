import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { loadDemo } from '../../src/demo.js';
import { incidentQueue } from '../../src/modules/incidents/index.js';
import { asUser, json, startTestApp, type SignedIn, type TestApp } from '../support/test-app.js';
import { storeNames } from '../support/test-databases.js';

const day = 86_400_000;
const isSlaClock = (clock: string | null) => clock !== null && !clock.startsWith('ola-') && !clock.startsWith('uc-');

/**
 * One truth about SLA breaches on the demo's six months: every breached clock snapshot has one
 * breach record, and the dashboard, the register, the queue and the 8.3.3-05 rule count the same.
 */
describe.each(storeNames())('SLA breaches of the demo organisation on %s', (store) => {
  let t: TestApp;
  let manager: SignedIn;
  const now = Date.now();
  beforeAll(async () => {
    t = await startTestApp(store);
    expect(await loadDemo(t.certus.database, t.certus.assembly, undefined, now)).toBe(true);
    manager = await t.user(['sms-manager', 'service-level-manager']);
  }, 300_000);
  afterAll(async () => t?.close());

  it('has one breach record per breached clock, and the dashboard, the register, the queue and the rule agree', async () => {
    const { db } = t.certus.database;
    const incidentClocks = await db.selectFrom('incident_sla_clocks as c').innerJoin('incidents as i', 'i.id', 'c.incident_id')
      .select(['i.reference', 'c.clock_id', 'c.kind', 'c.breached_at']).where('c.breached', '=', 1).execute();
    // Service requests' fulfilment clocks are watched and recorded too (their breach records name the request).
    const requestClocks = await db.selectFrom('request_sla_clocks as c').innerJoin('service_requests as r', 'r.id', 'c.request_id')
      .select(['r.reference', 'c.clock_id', 'c.kind', 'c.breached_at']).where('c.breached', '=', 1).execute();
    const breachedClocks = [...incidentClocks, ...requestClocks];
    const rows = await db.selectFrom('sla_breaches').select(['reference', 'incident', 'request', 'clock', 'breached_at', 'status', 'created_at']).execute();
    const records = rows.map((r) => ({ ...r, ticket: r.incident ?? r.request }));
    expect(incidentClocks.length).toBeGreaterThan(100);
    expect(requestClocks.length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.request !== null).length).toBe(requestClocks.length);
    expect(rows.every((r) => (r.incident === null) !== (r.request === null))).toBe(true);
    // The same clocks, each once, with the instant it breached; none investigated yet.
    expect(records.map((r) => `${r.ticket} ${r.clock} ${r.breached_at}`).sort()).toEqual(breachedClocks.map((c) => `${c.reference} ${c.clock_id} ${c.breached_at}`).sort());
    expect(new Set(records.map((r) => `${r.ticket} ${r.clock}`)).size).toBe(records.length);
    expect(records.every((r) => r.status === 'open' && r.created_at === now)).toBe(true);

    // The dashboard counts the customer SLAs' own clocks (OLA and contract breaches are in the register too).
    const slaBreaches = breachedClocks.filter((c) => c.kind === 'sla');
    expect(records.filter((r) => isSlaClock(r.clock)).length).toBe(slaBreaches.length);
    const from = new Date(now - 200 * day).toISOString().slice(0, 10);
    const to = new Date(now).toISOString().slice(0, 10);
    const dashboard = await t.app.inject({ method: 'GET', url: `/api/service-level-dashboard?from=${from}&to=${to}`, headers: asUser(manager) });
    expect(dashboard.statusCode, dashboard.body).toBe(200);
    const body = json<{ months: { breaches: number }[]; services: { name: string | null; breaches: number }[]; kpis: { id: string; value: number | null }[] }>(dashboard);
    expect(body.months.reduce((a, m) => a + m.breaches, 0)).toBe(slaBreaches.length);
    expect(body.services.reduce((a, s) => a + s.breaches, 0)).toBe(slaBreaches.length);
    expect(body.kpis.find((k) => k.id === 'sla-breaches')!.value).toBe(slaBreaches.length);
    // The payment gateway is Contoso's only, under Contoso's SLA: it has a row of its own.
    expect(body.services.map((s) => s.name)).toContain('Payment gateway hosting');

    // The register as the API lists it.
    const listed = await t.app.inject({ method: 'GET', url: '/api/sla-breaches?count=true&limit=1', headers: asUser(manager) });
    expect(json<{ total: number }>(listed).total).toBe(records.length);

    // Every open incident the queue shows breached has its breach record for the clock it shows.
    const queue = await incidentQueue(db, { sort: 'due', limit: 200, breached: true }, now);
    expect(queue.items.length).toBeGreaterThan(0);
    const recorded = new Set(records.map((r) => `${r.ticket} ${r.clock}`));
    for (const item of queue.items) expect(recorded.has(`${item.reference} ${item.clock!.clockId}`), item.reference).toBe(true);
    // The watch's first pass escalated the open incidents that reached a level; the closed history was never watched.
    const escalated = await db.selectFrom('incidents').select(['status', sql<number>`count(*)`.as('n')]).where('escalation_level', 'is not', null).groupBy('status').execute();
    expect(escalated.length).toBeGreaterThan(0);
    expect(escalated.every((r) => !['resolved', 'closed', 'cancelled'].includes(r.status))).toBe(true);

    // 8.3.3-05 reads the register: all of them, none investigated, the oldest named.
    const evaluation = await t.app.inject({ method: 'GET', url: '/api/compliance/evaluation?requirement=8.3.3-05', headers: asUser(manager) });
    const rule = json<{ items: { outcome: string; explanation: string; evidence: string[] }[] }>(evaluation).items[0]!;
    expect(rule.outcome).toBe('nonconformant');
    expect(rule.explanation).toContain(`None of the ${records.length} SLA breaches recorded in the last 12 months has been investigated`);
    expect(rule.evidence.length).toBeGreaterThan(0);
    for (const reference of rule.evidence) expect(recorded.has(`${records.find((r) => r.reference === reference)!.ticket} ${records.find((r) => r.reference === reference)!.clock}`)).toBe(true);
  });
});
