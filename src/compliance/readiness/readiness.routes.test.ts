import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asUser, json, startTestApp, type SignedIn, type TestApp } from '../../../test/support/test-app.js';
import { storeNames } from '../../../test/support/test-databases.js';

interface Item { id: string; state: string; notes: string | null; version: number; answeredByName: string | null; answeredAt: string | null; evidence: { kind: string; reference?: string; title?: string }[] }

describe.each(storeNames())('readiness checklist on %s', (store) => {
  let t: TestApp;
  let manager: SignedIn;
  let auditor: SignedIn;
  let requester: SignedIn;
  beforeAll(async () => {
    t = await startTestApp(store);
    manager = await t.user(['sms-manager']);
    auditor = await t.user(['internal-auditor']);
    requester = await t.user(['requester']);
  });
  afterAll(async () => t?.close());

  const put = (itemId: string, payload: Record<string, unknown>, version = 0, user = manager) => t.app.inject({
    method: 'PUT', url: `/api/readiness/${itemId}`, headers: { ...asUser(user), 'if-match': `"${version}"` }, payload,
  });

  it('lists every checklist item, not started until answered', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/readiness', headers: asUser(auditor) });
    expect(res.statusCode).toBe(200);
    const body = json<{ items: Item[]; totals: Record<string, number>; percentDone: number }>(res);
    expect(body.items).toHaveLength(18);
    expect(body.items.every((i) => i.state === 'not-started' && i.version === 0)).toBe(true);
    expect(body.percentDone).toBe(0);
    const audit = body.items.find((i) => i.id === 'RDY-14') as unknown as { signals: { requirementId: string; outcome: string }[] };
    expect(audit.signals).toContainEqual(expect.objectContaining({ requirementId: '9.2-01', outcome: 'nonconformant' }));
  });

  it('records state, who and when, with evidence, versions and a hash-chained history', async () => {
    const imp = json<{ reference: string }>(await t.app.inject({ method: 'POST', url: '/api/improvements', headers: asUser(manager), payload: { title: 'Sign the policy', source: 'management-review', priority: 'high' } }));
    const first = await put('RDY-01', { state: 'in-progress', notes: 'Policy drafted', evidence: [{ kind: 'record', reference: imp.reference }] });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.headers.etag).toBe('"1"');
    expect(json<Item>(first)).toMatchObject({ state: 'in-progress', answeredByName: expect.stringContaining('sms-manager'), evidence: [{ kind: 'record', reference: imp.reference, title: 'Sign the policy' }] });
    expect((await put('RDY-01', { state: 'done' }, 0)).statusCode).toBe(412);
    expect((await put('RDY-01', { state: 'done', notes: 'Signed by the MD' }, 1)).statusCode).toBe(200);
    expect((await put('RDY-02', { state: 'not-applicable' })).statusCode).toBe(400);
    expect((await put('RDY-99', { state: 'done' })).statusCode).toBe(404);
    const history = json<{ items: { kind: string; data: { itemId: string; changes: { field: string; from: unknown; to: unknown }[] } }[] }>(
      await t.app.inject({ method: 'GET', url: '/api/readiness/RDY-01/history', headers: asUser(manager) }));
    expect(history.items.map((e) => e.kind)).toEqual(['created', 'updated']);
    expect(history.items[1]!.data.changes).toContainEqual({ field: 'state', from: 'in-progress', to: 'done' });
    const totals = json<{ totals: Record<string, number> }>(await t.app.inject({ method: 'GET', url: '/api/readiness', headers: asUser(manager) })).totals;
    expect(totals.done).toBe(1);
    const integrity = json<{ ok: boolean }>(await t.app.inject({ method: 'GET', url: '/api/integrity', headers: asUser(manager) }));
    expect(integrity.ok).toBe(true);
  });

  it('lets the internal auditor read but not answer, and hides it from requesters', async () => {
    expect((await put('RDY-03', { state: 'done' }, 0, auditor)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/readiness', headers: asUser(requester) })).statusCode).toBe(403);
  });
});
