import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/platform/auth/principal.js';
import { principalOfUser } from '../../src/platform/auth/principals.js';
import { createRecord, transitionRecord } from '../../src/kernel/records/record.service.js';
import type { RecordView } from '../../src/kernel/records/record-row.js';
import { serviceRequestRecord } from '../../src/modules/requests/index.js';
import { asUser, json, startTestApp, type SignedIn, type TestApp } from '../support/test-app.js';
import { storeNames } from '../support/test-databases.js';
import { requestApi } from './requests-fixture.js';

const minute = 60_000;
const hour = 60 * minute;
const weekday = [{ start: '09:00', end: '17:00' }];

interface Segment { from: number; to: number; state: string; reason: string | null; text: string }
interface Clock {
  clockId: string; name: string; status: string; targetMillis: number | null; elapsedMillis: number; pausedMillis: number;
  remainingMillis: number | null; percentUsed: number | null; dueAt: number | null; breached: boolean; stoppedAt: number | null;
  elapsedText: string; remainingText: string | null; segments: Segment[];
}
interface RequestClocks { calendar: { id: string; name: string; timeZone: string } | null; clocks: Clock[] }

describe.each(storeNames())('service request clocks on %s', (store) => {
  let t: TestApp;
  let api: ReturnType<typeof requestApi>;
  let manager: SignedIn;
  let owner: SignedIn;
  let agent: SignedIn;
  let requester: SignedIn;
  let otherRequester: SignedIn;
  let as: { agent: Principal; requester: Principal };
  beforeAll(async () => {
    t = await startTestApp(store);
    api = requestApi(t);
    manager = await t.user(['sms-manager']);
    owner = await t.user(['service-level-manager']);
    agent = await t.user(['service-desk-agent']);
    requester = await t.user(['requester']);
    otherRequester = await t.user(['requester']);
    const db = t.certus.database.db;
    as = { agent: await principalOfUser(db, agent.userId), requester: await principalOfUser(db, requester.userId) };
  });
  afterAll(async () => t?.close());

  // Written through the services at fixed past instants, so the clock is the same on any day and hour.
  const raise = (model: string, at: number) => t.certus.database.db.transaction().execute((trx) =>
    createRecord(trx, serviceRequestRecord, as.requester, { model, answers: {} }, at));
  const step = (who: Principal, request: RecordView, to: string, at: number) => t.certus.database.db.transaction().execute((trx) =>
    transitionRecord(trx, serviceRequestRecord, who, request.id, request.version, to, {}, at));
  const clocksOf = (who: SignedIn | null, reference: string) =>
    t.app.inject({ method: 'GET', url: `/api/service-requests/${reference}/clocks`, headers: who ? asUser(who) : {} });

  it('explains the fulfilment clock from the history: the pause, its reason, and business time without it', async () => {
    const service = await api.liveService(manager, owner);
    const model = await api.publishedModel(manager, service, { formFields: [], tasks: [], fulfilmentTargetHours: 1 });
    const t0 = Date.parse('2026-11-02T08:00:00Z');
    let request = await raise(model, t0);
    request = await step(as.agent, request, 'in-fulfilment', t0 + 10 * minute);
    request = await step(as.agent, request, 'awaiting-requester', t0 + 20 * minute);
    request = await step(as.requester, request, 'in-fulfilment', t0 + 3 * hour);
    await step(as.agent, request, 'fulfilled', t0 + 3 * hour + 30 * minute);

    const res = await clocksOf(agent, request.reference);
    expect(res.statusCode, res.body).toBe(200);
    const body = json<RequestClocks>(res);
    expect(body.calendar).toBeNull();
    expect(body.clocks).toHaveLength(1);
    const clock = body.clocks[0]!;
    expect(clock).toMatchObject({
      clockId: 'fulfilment', name: 'Fulfilment target', status: 'stopped', targetMillis: hour, breached: false,
      elapsedMillis: 50 * minute, stoppedAt: t0 + 3 * hour + 30 * minute, elapsedText: '50m', remainingText: '10m',
    });
    expect(clock.percentUsed).toBeCloseTo(83.3, 0);
    const paused = clock.segments.find((s) => s.state === 'paused');
    expect(paused).toMatchObject({ from: t0 + 20 * minute, to: t0 + 3 * hour, reason: 'awaiting-requester', text: 'paused 2h 40m awaiting requester' });
    expect(clock.segments.map((s) => s.state)).toEqual(['running', 'paused', 'running', 'stopped']);
    expect(clock.segments.at(-1)!.text).toBe('stopped: fulfilled');
    // The business time run is the running segments' sum: the pause is left out.
    expect(clock.elapsedMillis).toBe((t0 + 3 * hour + 30 * minute - t0) - (paused!.to - paused!.from));
    // The stored verdict agrees with the replay.
    const stored = json<{ fulfilmentBusinessMinutes: number; fulfilledWithinTarget: boolean }>(await api.call(agent, 'GET', `/api/service-requests/${request.reference}`));
    expect(stored).toMatchObject({ fulfilmentBusinessMinutes: 50, fulfilledWithinTarget: true });
  });

  it("names the service's calendar the target is counted on", async () => {
    const made = await t.app.inject({ method: 'POST', url: '/api/calendars', headers: asUser(manager), payload: { id: 'request-office', name: 'Request office', timeZone: 'Europe/London', workingHours: { monday: weekday, tuesday: weekday, wednesday: weekday, thursday: weekday, friday: weekday } } });
    expect(made.statusCode, made.body).toBe(201);
    const service = await api.liveService(manager, owner, { supportCalendarId: 'request-office' });
    const model = await api.publishedModel(manager, service, { formFields: [], tasks: [], fulfilmentTargetHours: 8 });
    // A Monday at 16:00 (GMT in November): one working hour that day, seven on Tuesday; long past, so breached.
    const request = await raise(model, Date.parse('2026-11-16T16:00:00Z'));
    const body = json<RequestClocks>(await clocksOf(agent, request.reference));
    expect(body.calendar).toEqual({ id: 'request-office', name: 'Request office', timeZone: 'Europe/London' });
    expect(body.clocks[0]).toMatchObject({ name: 'Fulfilment target', status: 'running', targetMillis: 8 * hour, dueAt: Date.parse('2026-11-17T16:00:00Z'), breached: true });
  });

  it('shows a requester the clocks of their own requests only, and nobody signed out', async () => {
    const service = await api.liveService(manager, owner);
    const model = await api.publishedModel(manager, service, { formFields: [], tasks: [] });
    const mine = await api.raise(requester, model, {});
    expect((await clocksOf(requester, mine.reference)).statusCode).toBe(200);
    expect((await clocksOf(otherRequester, mine.reference)).statusCode).toBe(404);
    expect((await clocksOf(null, mine.reference)).statusCode).toBe(401);
    const unknown = await clocksOf(agent, 'REQ-999999');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
  });
});
