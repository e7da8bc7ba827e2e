import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/platform/auth/principal.js';
import { principalOfUser } from '../../src/platform/auth/principals.js';
import { createRecord, transitionRecord } from '../../src/kernel/records/record.service.js';
import type { RecordView } from '../../src/kernel/records/record-row.js';
import { serviceRequestRecord } from '../../src/modules/requests/index.js';
import { watchSlas } from '../../src/modules/service-levels/index.js';
import { asUser, json, startTestApp, type SignedIn, type TestApp } from '../support/test-app.js';
import { storeNames } from '../support/test-databases.js';
import { requestApi } from './requests-fixture.js';

const minute = 60_000;
const hour = 60 * minute;

describe.each(storeNames())('breach records of service requests on %s', (store) => {
  let t: TestApp;
  let manager: SignedIn;
  let as: { agent: Principal; requester: Principal };
  beforeAll(async () => {
    t = await startTestApp(store);
    manager = await t.user(['sms-manager', 'service-level-manager']);
    const agent = await t.user(['service-desk-agent']);
    const requester = await t.user(['requester']);
    const db = t.certus.database.db;
    as = { agent: await principalOfUser(db, agent.userId), requester: await principalOfUser(db, requester.userId) };
  });
  afterAll(async () => t?.close());

  const raise = (model: string, at: number) => t.certus.database.db.transaction().execute((trx) =>
    createRecord(trx, serviceRequestRecord, as.requester, { model, answers: {} }, at));
  const step = (request: RecordView, to: string, at: number) => t.certus.database.db.transaction().execute((trx) =>
    transitionRecord(trx, serviceRequestRecord, as.agent, request.id, request.version, to, {}, at));

  it('records exactly one breach naming the request for a breached fulfilment clock, fulfilled or still open, and a second pass adds none', async () => {
    const api = requestApi(t);
    const service = await api.liveService(manager, null);
    const model = await api.publishedModel(manager, service, { formFields: [], tasks: [], fulfilmentTargetHours: 1 });
    const now = Date.now();
    const t0 = now - 4 * hour;
    const fulfilled = await raise(model, t0);
    const open = await raise(model, t0);
    // A pass while both are within target stores their clocks; then one is fulfilled late.
    expect((await watchSlas(t.certus.database, t0 + 10 * minute)).breached).toBe(0);
    const started = await step(fulfilled, 'in-fulfilment', t0 + 2 * hour);
    await step(started, 'fulfilled', t0 + 3 * hour);

    const first = await watchSlas(t.certus.database, now);
    // The open request's breach is news (an e-mail); the fulfilled one's is recorded without.
    expect(first.breached).toBe(1);
    expect(first.recorded).toBe(1);
    const second = await watchSlas(t.certus.database, now + minute);
    expect(second.breached + second.recorded).toBe(0);

    const { db } = t.certus.database;
    const records = await db.selectFrom('sla_breaches').select(['request', 'incident', 'clock', 'breached_at', 'status']).orderBy('request').execute();
    expect(records).toEqual([fulfilled, open].map((r) => ({ request: r.reference, incident: null, clock: 'fulfilment', breached_at: t0 + hour, status: 'open' }))
      .sort((a, b) => a.request.localeCompare(b.request)));
    const stored = await db.selectFrom('request_sla_clocks').select(['request_id', 'status', 'breached']).orderBy('request_id').execute();
    expect(stored.map((c) => [c.request_id === fulfilled.id ? 'fulfilled' : 'open', c.status, c.breached]).sort()).toEqual([['fulfilled', 'stopped', 1], ['open', 'running', 1]]);

    // The register filters by the request.
    const listed = await t.app.inject({ method: 'GET', url: `/api/sla-breaches?request=${open.reference}&count=true`, headers: asUser(manager) });
    expect(listed.statusCode, listed.body).toBe(200);
    expect(json<{ total: number }>(listed).total).toBe(1);
  });
});
