import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backfillIncidentClocks } from '../../src/modules/incidents/index.js';
import { asUser, json, startTestApp, type SignedIn, type TestApp } from '../support/test-app.js';
import { storeNames } from '../support/test-databases.js';
import { h, incidentWith, slaFixture } from './sla-fixture.js';

interface Figures { resolved: number; resolutionMetPercent: number | null; responseMetPercent: number | null; attainmentPercent: number | null; breaches: number; meanResolutionHours: number | null }
interface Dashboard {
  attainmentTarget: number;
  months: (Figures & { month: string })[];
  services: (Figures & { service: string; name: string | null; atRiskNow: number; breachedOpenNow: number; months: (Figures & { month: string })[] })[];
  atRiskNow: number;
  breachedOpenNow: number;
  kpis: { id: string; value: number | null; numerator: number | null; denominator: number | null }[];
}

describe.each(storeNames())('service level dashboard on %s', (store) => {
  let t: TestApp;
  let slm: SignedIn;
  let s1 = '';
  let s2 = '';
  const resolve = (at: number) => ({ at, to: 'resolved', fields: { resolutionCode: 'fixed', resolutionNotes: 'Fixed' } });
  const dashboard = async (query: string, user = slm) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/service-level-dashboard${query}`, headers: asUser(user) });
    expect(res.statusCode, res.body).toBe(200);
    return json<Dashboard>(res);
  };

  beforeAll(async () => {
    t = await startTestApp(store);
    slm = await t.user(['service-level-manager']);
    const agent = await t.user(['service-desk-agent']);
    s1 = (await slaFixture(t, slm, 'Dashboard one')).service;
    s2 = (await slaFixture(t, slm, 'Dashboard two')).service;
    const at = (iso: string) => Date.parse(iso);
    // Targets (24×7): P1 4 h / 15 min, P3 8 h / 1 h, P4 16 h / 2 h. No response is recorded, so a
    // response clock is met only when the incident is resolved within the response target.
    const i1 = at('2026-03-02T09:00:00Z'); // S1 P3, resolved after 5 h: resolution met, response missed
    await incidentWith(t, agent, { shortDescription: 'i1', impact: 'medium', urgency: 'medium', service: s1 }, i1, [resolve(i1 + 5 * h)]);
    const i2 = at('2026-03-10T09:00:00Z'); // S1 P1, resolved after 6 h: both missed
    await incidentWith(t, agent, { shortDescription: 'i2', impact: 'high', urgency: 'high', service: s1 }, i2, [resolve(i2 + 6 * h)]);
    const i3 = at('2026-04-01T09:00:00Z'); // S1 P3, resolved after 30 min: both met
    await incidentWith(t, agent, { shortDescription: 'i3', impact: 'medium', urgency: 'medium', service: s1 }, i3, [resolve(i3 + 0.5 * h)]);
    const i4 = at('2026-04-05T09:00:00Z'); // S2 P4, resolved after 10 h: resolution met, response missed
    await incidentWith(t, agent, { shortDescription: 'i4', impact: 'low', urgency: 'low', service: s2 }, i4, [resolve(i4 + 10 * h)]);
    const now = Date.now();
    // Open now: S1 P1 5 h old (breached); S2 P3 7 h old (resolution at risk, response breached).
    await incidentWith(t, agent, { shortDescription: 'i5', impact: 'high', urgency: 'high', service: s1 }, now - 5 * h);
    await incidentWith(t, agent, { shortDescription: 'i6', impact: 'medium', urgency: 'medium', service: s2 }, now - 7 * h);
    await backfillIncidentClocks(t.certus.database.db, now);
  });
  afterAll(async () => t?.close());

  it('gives per-month and per-service figures that match a hand count', async () => {
    const body = await dashboard('?from=2026-03-01&to=2026-04-30');
    expect(body.attainmentTarget).toBe(95);
    expect(body.months).toEqual([
      { month: '2026-03', resolved: 2, resolutionMetPercent: 50, responseMetPercent: 0, attainmentPercent: 25, breaches: 3, meanResolutionHours: 5.5 },
      { month: '2026-04', resolved: 2, resolutionMetPercent: 100, responseMetPercent: 50, attainmentPercent: 75, breaches: 1, meanResolutionHours: 5.25 },
    ]);
    const [one, two] = body.services;
    expect(one).toMatchObject({ service: s1, name: 'Dashboard one service', resolved: 3, resolutionMetPercent: 66.7, responseMetPercent: 33.3, attainmentPercent: 50, breaches: 3, meanResolutionHours: 3.83, atRiskNow: 0, breachedOpenNow: 1 });
    expect(one!.months.map((m) => [m.month, m.resolved, m.attainmentPercent])).toEqual([['2026-03', 2, 25], ['2026-04', 1, 100]]);
    expect(two).toMatchObject({ service: s2, resolved: 1, resolutionMetPercent: 100, responseMetPercent: 0, attainmentPercent: 50, breaches: 1, meanResolutionHours: 10, atRiskNow: 1, breachedOpenNow: 1 });
    expect(two!.months.map((m) => [m.month, m.resolved])).toEqual([['2026-03', 0], ['2026-04', 1]]);
    expect([body.atRiskNow, body.breachedOpenNow]).toEqual([1, 2]);
  });

  it('returns SLA KPIs with their numerators and denominators', async () => {
    const kpis = Object.fromEntries((await dashboard('?from=2026-03-01&to=2026-04-30')).kpis.map((k) => [k.id, k]));
    expect(kpis['sla-attainment']).toMatchObject({ value: 50, numerator: 4, denominator: 8 });
    expect(kpis['resolution-target-met']).toMatchObject({ value: 75, numerator: 3, denominator: 4 });
    expect(kpis['response-target-met']).toMatchObject({ value: 25, numerator: 1, denominator: 4 });
    expect(kpis['mean-business-ttr']).toMatchObject({ value: 5.38, denominator: 4 });
    expect(kpis['sla-breaches']).toMatchObject({ value: 4 });
  });

  it('narrows to one service and one month', async () => {
    const body = await dashboard(`?from=2026-04-01&to=2026-04-30&service=${s2}`);
    expect(body.services.map((s) => s.service)).toEqual([s2]);
    expect(body.months).toEqual([{ month: '2026-04', resolved: 1, resolutionMetPercent: 100, responseMetPercent: 0, attainmentPercent: 50, breaches: 1, meanResolutionHours: 10 }]);
    expect(body.kpis.find((k) => k.id === 'sla-attainment')).toMatchObject({ numerator: 1, denominator: 2 });
  });

  it('lists a service delivered to one customer under that customer\'s SLA, with its P1 incidents', async () => {
    const made = await t.app.inject({ method: 'POST', url: '/api/customers', headers: asUser(slm), payload: { organisationName: 'Contoso Retail Ltd', sector: 'retail', accountManager: slm.userId } });
    expect(made.statusCode, made.body).toBe(201);
    const customer = json<{ reference: string }>(made).reference;
    // Like the demo's payment gateway: hosted for one customer, whose SLA is the only one on it.
    const { service, sla } = await slaFixture(t, slm, 'Dashboard gateway', { customer, serviceFields: { customersServed: `${customer} Contoso Retail Ltd` } });
    const agent = await t.user(['service-desk-agent']);
    const opened = Date.parse('2026-03-20T09:00:00Z'); // P1, resolved after 5 h: both targets missed
    const incident = await incidentWith(t, agent, { shortDescription: 'Payment page returns 502', impact: 'high', urgency: 'high', service }, opened, [resolve(opened + 5 * h)]);
    expect((await t.certus.database.db.selectFrom('incidents').select('sla').where('id', '=', incident.id).executeTakeFirstOrThrow()).sla).toBe(sla);
    await backfillIncidentClocks(t.certus.database.db, Date.now());
    const gateway = (await dashboard(`?from=2026-03-01&to=2026-03-31&service=${service}`)).services;
    expect(gateway).toEqual([expect.objectContaining({ service, name: 'Dashboard gateway service', resolved: 1, resolutionMetPercent: 0, breaches: 2 })]);
  });

  it('names the field of a bad period and is for staff only', async () => {
    const backwards = await t.app.inject({ method: 'GET', url: '/api/service-level-dashboard?from=2026-04-01&to=2026-03-01', headers: asUser(slm) });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json<{ errors: { field: string }[] }>().errors[0]!.field).toBe('to');
    const bad = await t.app.inject({ method: 'GET', url: '/api/service-level-dashboard?from=2026-13-45&to=2026-03-01', headers: asUser(slm) });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('from');
    const requester = await t.user(['requester']);
    expect((await t.app.inject({ method: 'GET', url: '/api/service-level-dashboard?from=2026-03-01&to=2026-04-30', headers: asUser(requester) })).statusCode).toBe(403);
  });
});
