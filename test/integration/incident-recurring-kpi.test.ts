import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { principalOfUser } from '../../src/platform/auth/principals.js';
import { createRecord } from '../../src/kernel/records/record.service.js';
import { incidentRecord } from '../../src/modules/incidents/index.js';
import { asUser, json, startTestApp, type SignedIn, type TestApp } from '../support/test-app.js';
import { storeNames } from '../support/test-databases.js';
import { liveService } from './catalogue-fixture.js';

const at = (day: string) => Date.parse(`${day}T09:00:00Z`);

describe.each(storeNames())('the recurring-incidents KPI on %s', (store) => {
  let t: TestApp;
  let agent: SignedIn;
  let hosting = '';
  let payroll = '';

  beforeAll(async () => {
    t = await startTestApp(store);
    agent = await t.user(['service-desk-agent']);
    const [x, y] = [(await t.user(['requester'])).userId, (await t.user(['requester'])).userId];
    const { db } = t.certus.database;
    const principal = await principalOfUser(db, agent.userId);
    const catalogueEditor = await t.user(['sms-manager']);
    hosting = await liveService(t, catalogueEditor, 'Hosting');
    payroll = await liveService(t, catalogueEditor, 'Payroll');
    const report = (callerId: string, category: string, day: string, service = hosting) => db.transaction().execute((trx) =>
      createRecord(trx, incidentRecord, principal, { shortDescription: `${category} fault`, category, impact: 'low', urgency: 'low', service, callerId }, at(day)));
    await report(x, 'software', '2025-12-20');
    await report(x, 'software', '2026-01-10'); // recurs: X reported software 21 days before
    await report(x, 'network', '2026-01-12'); // another category
    await report(y, 'software', '2026-01-05'); // Y's first
    await report(y, 'software', '2026-01-20', payroll); // recurs: 15 days after the 5th, on another service
    await report(y, 'data', '2025-11-01');
    await report(y, 'data', '2026-01-25'); // 85 days later: too long ago to count
    await report(x, 'software', '2026-02-01'); // after the period
  });
  afterAll(async () => t?.close());

  const recurring = async (query: string) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/incident-kpis?${query}`, headers: asUser(agent) });
    expect(res.statusCode, res.body).toBe(200);
    return json<{ items: { id: string; value: number | null; numerator: number | null; denominator: number | null }[] }>(res).items.find((k) => k.id === 'recurring-incidents')!;
  };

  it('counts incidents whose caller reported the same category in the 30 days before', async () => {
    expect(await recurring('from=2026-01-01&to=2026-01-31')).toMatchObject({ value: 40, numerator: 2, denominator: 5 });
  });

  it('narrows to the incidents of one service, whatever service the earlier one was on', async () => {
    expect(await recurring(`from=2026-01-01&to=2026-01-31&service=${hosting}`)).toMatchObject({ value: 25, numerator: 1, denominator: 4 });
    expect(await recurring(`from=2026-01-01&to=2026-01-31&service=${payroll}`)).toMatchObject({ value: 100, numerator: 1, denominator: 1 });
  });
});
