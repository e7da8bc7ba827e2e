import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asUser, json, startTestApp, type SignedIn, type TestApp } from '../support/test-app.js';
import { storeNames } from '../support/test-databases.js';

interface Improvement { id: string; reference: string; status: string; version: number; title: string; allowedTransitions: { to: string; permitted: boolean }[] }

describe.each(storeNames())('records on %s', (store) => {
  let t: TestApp;
  let manager: SignedIn;
  beforeAll(async () => {
    t = await startTestApp(store);
    manager = await t.user(['sms-manager']);
  });
  afterAll(async () => t?.close());

  const create = (title = 'Automate reports', user = manager) => t.app.inject({
    method: 'POST', url: '/api/improvements', headers: asUser(user),
    payload: { title, source: 'kpi', priority: 'high' },
  });

  it('creates a record with a reference, an ETag and a created event', async () => {
    const res = await create();
    expect(res.statusCode).toBe(201);
    const body = json<Improvement>(res);
    expect(body.reference).toMatch(/^IMP-\d{6}$/);
    expect(body.status).toBe('proposed');
    expect(res.headers.etag).toBe('"1"');
    const history = await t.app.inject({ method: 'GET', url: `/api/improvements/${body.reference}/history`, headers: asUser(manager) });
    expect(json<{ items: { kind: string }[] }>(history).items.map((e) => e.kind)).toEqual(['created']);
  });

  it('rejects an update without If-Match (428) and a stale one (412)', async () => {
    const created = json<Improvement>(await create());
    const missing = await t.app.inject({ method: 'PATCH', url: `/api/improvements/${created.id}`, headers: asUser(manager), payload: { title: 'x' } });
    expect(missing.statusCode).toBe(428);
    const ok = await t.app.inject({ method: 'PATCH', url: `/api/improvements/${created.id}`, headers: { ...asUser(manager), 'if-match': '"1"' }, payload: { title: 'First edit' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers.etag).toBe('"2"');
    const stale = await t.app.inject({ method: 'PATCH', url: `/api/improvements/${created.id}`, headers: { ...asUser(manager), 'if-match': '"1"' }, payload: { title: 'Second edit' } });
    expect(stale.statusCode).toBe(412);
    expect(stale.headers['content-type']).toContain('application/problem+json');
    const after = json<Improvement>(await t.app.inject({ method: 'GET', url: `/api/improvements/${created.id}`, headers: asUser(manager) }));
    expect(after.title).toBe('First edit');
  });

  it('names the allowed transitions when one is invalid (409)', async () => {
    const created = json<Improvement>(await create());
    const res = await t.app.inject({ method: 'POST', url: `/api/improvements/${created.id}/transitions`, headers: { ...asUser(manager), 'if-match': '"1"' }, payload: { to: 'completed' } });
    expect(res.statusCode).toBe(409);
    expect(json<{ detail: string; allowed: string[] }>(res).allowed).toEqual(['approved', 'rejected']);
  });

  it('requires the transition\'s fields and names them (400)', async () => {
    const created = json<Improvement>(await create());
    const res = await t.app.inject({ method: 'POST', url: `/api/improvements/${created.id}/transitions`, headers: { ...asUser(manager), 'if-match': '"1"' }, payload: { to: 'approved' } });
    expect(res.statusCode).toBe(400);
    expect(json<{ errors: { field: string }[] }>(res).errors).toEqual([{ field: 'decisionReason', reason: 'is required to approve' }]);
    const ok = await t.app.inject({ method: 'POST', url: `/api/improvements/${created.id}/transitions`, headers: { ...asUser(manager), 'if-match': '"1"' }, payload: { to: 'approved', fields: { decisionReason: 'Worth it' } } });
    expect(ok.statusCode).toBe(200);
    expect(json<Improvement>(ok).status).toBe('approved');
  });

  it('rejects unknown fields, wrong types and malformed JSON with problem+json naming the field', async () => {
    const unknown = await t.app.inject({ method: 'POST', url: '/api/improvements', headers: asUser(manager), payload: { title: 'x', source: 'kpi', priority: 'high', colour: 'red' } });
    expect(unknown.statusCode).toBe(400);
    expect(json<{ errors: { field: string; reason: string }[] }>(unknown).errors).toContainEqual({ field: 'colour', reason: 'is not a known field' });
    const wrongEnum = await t.app.inject({ method: 'POST', url: '/api/improvements', headers: asUser(manager), payload: { title: 'x', source: 'kpi', priority: 'urgent' } });
    expect(wrongEnum.statusCode).toBe(400);
    expect(json<{ errors: { field: string }[] }>(wrongEnum).errors[0]!.field).toBe('priority');
    const malformed = await t.app.inject({ method: 'POST', url: '/api/improvements', headers: { ...asUser(manager), 'content-type': 'application/json' }, payload: '{"title": ' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers['content-type']).toContain('application/problem+json');
    const badId = await t.app.inject({ method: 'GET', url: '/api/improvements/not-an-id', headers: asUser(manager) });
    expect(badId.statusCode).toBe(400);
  });
});
