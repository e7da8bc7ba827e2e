import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asUser, json, startTestApp, type SignedIn, type TestApp } from '../support/test-app.js';
import { storeNames } from '../support/test-databases.js';

describe.each(storeNames())('If-Match on %s', (store) => {
  let t: TestApp;
  let manager: SignedIn;
  beforeAll(async () => {
    t = await startTestApp(store);
    manager = await t.user(['sms-manager']);
  });
  afterAll(async () => t?.close());

  it('refuses a write with a weak tag (412, problem+json) and takes the strong one', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/improvements', headers: asUser(manager), payload: { title: 'Strong tags', source: 'kpi', priority: 'low' } });
    expect(created.statusCode, created.body).toBe(201);
    const { reference } = json<{ reference: string }>(created);
    const etag = created.headers.etag as string;
    expect(etag).toMatch(/^"\d+"$/);
    const weak = await t.app.inject({ method: 'PATCH', url: `/api/improvements/${reference}`, headers: { ...asUser(manager), 'if-match': `W/${etag}` }, payload: { title: 'Weakly tagged' } });
    expect(weak.statusCode).toBe(412);
    expect(weak.headers['content-type']).toContain('application/problem+json');
    expect(json<{ detail: string; errors: { field: string }[] }>(weak)).toMatchObject({ errors: [{ field: 'If-Match' }] });
    expect(json<{ detail: string }>(weak).detail).toContain('weak tag');
    const strong = await t.app.inject({ method: 'PATCH', url: `/api/improvements/${reference}`, headers: { ...asUser(manager), 'if-match': etag }, payload: { title: 'Strongly tagged' } });
    expect(strong.statusCode, strong.body).toBe(200);
  });
});
