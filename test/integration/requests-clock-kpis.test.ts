import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/platform/auth/principal.js';
import { principalOfUser } from '../../src/platform/auth/principals.js';
import { createRecord, transitionRecord } from '../../src/kernel/records/record.service.js';
import type { RecordView } from '../../src/kernel/records/record-row.js';
import { requestFacts, serviceRequestRecord } from '../../src/modules/requests/index.js';
import { asUser, json, startTestApp, type SignedIn, type TestApp } from '../support/test-app.js';
import { storeNames } from '../support/test-databases.js';
import { requestApi } from './requests-fixture.js';

const minute = 60_000;
const hour = 60 * minute;
const weekday = [{ start: '09:00', end: '17:00' }];

describe.each(storeNames())('request fulfilment clock and KPIs on %s', (store) => {
  let t: TestApp;
  let api: ReturnType<typeof requestApi>;
  let manager: SignedIn;
  let owner: SignedIn;
  let as: { agent: Principal; owner: Principal; requester: Principal };
  beforeAll(async () => {
    t = await startTestApp(store);
    api = requestApi(t);
    manager = await t.user(['sms-manager']);
    owner = await t.user(['service-level-manager']);
    const agent = await t.user(['service-desk-agent']);
    const requester = await t.user(['requester']);
    const db = t.certus.database.db;
    as = { agent: await principalOfUser(db, agent.userId), owner: await principalOfUser(db, owner.userId), requester: await principalOfUser(db, requester.userId) };
    const calendar = await t.app.inject({ method: 'POST', url: '/api/calendars', headers: asUser(manager), payload: { id: 'office', name: 'Office', timeZone: 'UTC', workingHours: { monday: weekday, tuesday: weekday, wednesday: weekday, thursday: weekday, friday: weekday } } });
    expect(calendar.statusCode, calendar.body).toBe(201);
  });
  afterAll(async () => t?.close());

  const raise = (model: string, at: number) => t.certus.database.db.transaction().execute((trx) =>
    createRecord(trx, serviceRequestRecord, as.requester, { model, answers: {} }, at));
  const step = (who: Principal, request: RecordView, to: string, at: number, fields: Record<string, unknown> = {}) => t.certus.database.db.transaction().execute((trx) =>
    transitionRecord(trx, serviceRequestRecord, who, request.id, request.version, to, fields, at));

  it("counts the target in the service's business hours", async () => {
    const service = await api.liveService(manager, owner, { supportCalendarId: 'office' });
    const model = await api.publishedModel(manager, service, { formFields: [], tasks: [], fulfilmentTargetHours: 8 });
    const request = await raise(model, Date.parse('2026-11-30T16:00:00Z'));
    // One working hour on Monday, seven on Tuesday.
    expect(request.dueAt).toBe('2026-12-01T16:00:00.000Z');
    expect(request.calendarId).toBe('office');
  });

  it('pauses while awaiting the requester, and judges the target on business time that ran', async () => {
    const service = await api.liveService(manager, owner);
    const model = await api.publishedModel(manager, service, { formFields: [], tasks: [], fulfilmentTargetHours: 1 });
    const t0 = Date.parse('2026-11-02T08:00:00Z');
    let paused = await raise(model, t0);
    paused = await step(as.agent, paused, 'in-fulfilment', t0 + 10 * minute);
    paused = await step(as.agent, paused, 'awaiting-requester', t0 + 20 * minute);
    expect(paused.dueAt).toBeNull();
    paused = await step(as.requester, paused, 'in-fulfilment', t0 + 3 * hour);
    expect(paused.dueAt).toBe(new Date(t0 + 3 * hour + 40 * minute).toISOString());
    paused = await step(as.agent, paused, 'fulfilled', t0 + 3 * hour + 30 * minute);
    expect(paused).toMatchObject({ fulfilledWithinTarget: true, fulfilmentBusinessMinutes: 50, dueAt: new Date(t0 + 3 * hour + 40 * minute).toISOString() });

    let late = await raise(model, t0);
    late = await step(as.agent, late, 'in-fulfilment', t0 + 10 * minute);
    late = await step(as.agent, late, 'fulfilled', t0 + 2 * hour);
    expect(late).toMatchObject({ fulfilledWithinTarget: false, fulfilmentBusinessMinutes: 120 });
  });

  it('computes the KPIs as defined, for a period and a service', async () => {
    const service = await api.liveService(manager, owner);
    const model = await api.publishedModel(manager, service, { formFields: [], tasks: [], fulfilmentTargetHours: 1, approvalRequired: true });
    const day = Date.parse('2026-11-10T00:00:00Z');
    const at = (h: number, m = 0) => day + h * hour + m * minute;
    // R1: approved after 30 min, fulfilled 30 min later (within), rated 4.
    let r1 = await raise(model, at(10));
    r1 = await step(as.owner, r1, 'approved', at(10, 30));
    r1 = await step(as.agent, r1, 'in-fulfilment', at(10, 40));
    r1 = await step(as.agent, r1, 'fulfilled', at(11));
    await step(as.requester, r1, 'closed', at(12), { satisfaction: 4, satisfactionComment: 'Fine' });
    // R2: approved after 2 h, fulfilled 2 h later (breached), closed by the desk without a rating.
    let r2 = await raise(model, at(10));
    r2 = await step(as.owner, r2, 'approved', at(12));
    r2 = await step(as.agent, r2, 'in-fulfilment', at(12, 5));
    r2 = await step(as.agent, r2, 'fulfilled', at(14));
    await step(as.agent, r2, 'closed', at(15));
    // R3: rejected after 1 h. R4: still awaiting approval.
    const r3 = await raise(model, at(10));
    await step(as.owner, r3, 'rejected', at(11), { approvalReason: 'Not in budget' });
    await raise(model, at(10));
    // Outside the period: not counted.
    await raise(model, day + 2 * 24 * hour);

    const res = await t.app.inject({ method: 'GET', url: `/api/request-kpis?from=2026-11-10&to=2026-11-10&service=${service}`, headers: asUser(manager) });
    expect(res.statusCode, res.body).toBe(200);
    const kpis = Object.fromEntries(json<{ items: { id: string; value: number | null; numerator: number | null; denominator: number | null }[] }>(res).items.map((k) => [k.id, k]));
    expect(kpis['requests-raised']!.value).toBe(4);
    expect(kpis['requests-fulfilled']!.value).toBe(2);
    expect(kpis['fulfilled-within-target']).toMatchObject({ value: 50, numerator: 1, denominator: 2 });
    expect(kpis['mean-fulfilment-business']!.value).toBe(1.25); // (30 + 120) / 2 minutes
    expect(kpis['mean-fulfilment-wall']!.value).toBe(1.25); // (0.5 h + 2 h) / 2, from approval
    expect(kpis['approval-turnaround']!.value).toBe(1.17); // (0.5 + 2 + 1) / 3 hours
    expect(kpis['rejection-rate']).toMatchObject({ value: 33.3, numerator: 1, denominator: 3 });
    expect(kpis['csat-average']!.value).toBe(4);
    expect(kpis['csat-response-rate']).toMatchObject({ value: 50, numerator: 1, denominator: 2 });

    const bad = await t.app.inject({ method: 'GET', url: '/api/request-kpis?from=2026-11-10&to=2026-11-01', headers: asUser(manager) });
    expect(bad.statusCode).toBe(400);
    expect(json<{ errors: { field: string }[] }>(bad).errors[0]!.field).toBe('to');
  });

  it('gives the compliance engine facts on the catalogue, targets and satisfaction', async () => {
    const service = await api.liveService(manager, owner);
    const model = await api.publishedModel(manager, service, { formFields: [], tasks: [], fulfilmentTargetHours: 2 });
    const since = Date.parse('2026-10-01T00:00:00Z');
    const before = await requestFacts(t.certus.database.db, since);
    let request = await raise(model, Date.parse('2026-11-20T09:00:00Z'));
    request = await step(as.agent, request, 'in-fulfilment', Date.parse('2026-11-20T09:10:00Z'));
    request = await step(as.agent, request, 'fulfilled', Date.parse('2026-11-20T10:00:00Z'));
    await step(as.requester, request, 'closed', Date.parse('2026-11-20T11:00:00Z'), { satisfaction: 5 });
    const facts = await requestFacts(t.certus.database.db, since);
    expect(facts.services.find((s) => s.service === service)).toMatchObject({ publishedModels: [model], modelsWithTarget: [model] });
    expect(facts.fulfilled - before.fulfilled).toBe(1);
    expect(facts.fulfilledWithinTarget - before.fulfilledWithinTarget).toBe(1);
    expect([facts.closed - before.closed, facts.rated - before.rated]).toEqual([1, 1]);
    expect(facts.examples[0]).toBe(request.reference);
    expect(facts.withoutModel).toEqual([]);
  });
});
