import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { asUser, json, startTestApp, type SignedIn, type TestApp } from '../support/test-app.js';
import { storeNames } from '../support/test-databases.js';

interface Problem {
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: { field: string; reason: string }[];
}

function problemOf(response: LightMyRequestResponse, status: number): Problem {
  expect(response.statusCode, response.body.slice(0, 300)).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const problem = json<Problem>(response);
  expect(problem.status).toBe(status);
  expect(problem.title).not.toBe('');
  return problem;
}

function fieldsOf(response: LightMyRequestResponse): string[] {
  return (problemOf(response, 400).errors ?? []).map((e) => e.field);
}

describe.each(storeNames())('bad input on %s', (store) => {
  let t: TestApp;
  let admin: SignedIn;
  beforeAll(async () => {
    t = await startTestApp(store);
    admin = await t.user(['administrator']);
  });
  afterAll(async () => t?.close());

  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: asUser(admin) });
  const createImprovement = (body: string) => t.app.inject({ method: 'POST', url: '/api/improvements', headers: { ...asUser(admin), 'content-type': 'application/json' }, payload: body });

  it('refuses a limit or offset that is not a finite number, on record and catalogue lists', async () => {
    expect(fieldsOf(await get('/api/improvements?limit=1e309'))).toEqual(['limit']);
    expect(fieldsOf(await get('/api/catalogue/requirements?limit=1e309'))).toEqual(['limit']);
    expect(fieldsOf(await get('/api/catalogue/requirements?offset=1e309'))).toEqual(['offset']);
    expect(problemOf(await get('/api/catalogue/requirements?offset=-1'), 400).errors?.[0]?.field).toBe('offset');
    expect((await get('/api/catalogue/requirements?offset=2&limit=3')).statusCode).toBe(200);
  });

  it('refuses a number JSON cannot hold (1e309) in a body, naming the field', async () => {
    const res = await t.app.inject({ method: 'PUT', url: '/api/incident-settings/escalation', headers: { ...asUser(admin), 'content-type': 'application/json', 'if-match': '"1"' }, payload: '{"levels":[{"when":"elapsed","percent":1e309,"notify":[]}],"groupAddresses":{}}' });
    expect(fieldsOf(res)).toEqual(['levels.0.percent']);
    expect(fieldsOf(await get('/api/problem-proposals?days=1e309'))).toEqual(['days']);
  });

  it('refuses a lone UTF-16 surrogate in any string of a create, at any depth, and stores nothing', async () => {
    const res = await createImprovement('{"title":"Half \\ud800 a pair","source":"kpi","priority":"low"}');
    expect(fieldsOf(res)).toEqual(['title']);
    expect(problemOf(res, 400).errors![0]!.reason).toContain('lone UTF-16 surrogate');
    const emoji = await createImprovement(JSON.stringify({ title: 'A whole pair 😀 is fine', source: 'kpi', priority: 'low' }));
    expect(emoji.statusCode).toBe(201);
    expect(json<{ title: string }>(emoji).title).toBe('A whole pair 😀 is fine');
  });

  it('refuses a NUL character in a body, a query and a path the same way on both databases', async () => {
    const before = json<{ items: unknown[] }>(await get('/api/improvements')).items.length;
    const res = await createImprovement(JSON.stringify({ title: 'Null\u0000byte', source: 'kpi', priority: 'low', description: 'ok' }));
    expect(fieldsOf(res)).toEqual(['title']);
    expect(problemOf(res, 400).errors![0]!.reason).toContain('NUL');
    expect(json<{ items: unknown[] }>(await get('/api/improvements')).items).toHaveLength(before);
    expect(fieldsOf(await get('/api/improvements?q=a%00b'))).toEqual(['q']);
    const keyed = await t.app.inject({ method: 'POST', url: '/api/improvements', headers: { ...asUser(admin), 'content-type': 'application/json' }, payload: '{"title":"t","source":"kpi","priority":"low","a\\u0000":1}' });
    expect(fieldsOf(keyed)).toEqual(['a\u0000']);
  });

  it('refuses an integer filter that is not a whole number instead of passing NaN to the database', async () => {
    expect(fieldsOf(await get('/api/incidents?escalationLevel=abc'))).toEqual(['escalationLevel']);
    expect(fieldsOf(await get('/api/incidents?escalationLevel=99999999999999999999'))).toEqual(['escalationLevel']);
    expect((await get('/api/incidents?escalationLevel=1')).statusCode).toBe(200);
  });

  it('downloads an attachment whose name is not Latin-1 with an ASCII fallback and a UTF-8 filename*', async () => {
    const created = json<{ reference: string }>(await createImprovement(JSON.stringify({ title: 'With a file', source: 'kpi', priority: 'low' })));
    const boundary = 'certusboundary';
    const payload = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="文件😀.txt"\r\nContent-Type: text/plain\r\n\r\nevidence\r\n--${boundary}--\r\n`;
    const attached = await t.app.inject({ method: 'POST', url: `/api/improvements/${created.reference}/attachments`, headers: { ...asUser(admin), 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
    expect(attached.statusCode, attached.body).toBe(201);
    const { id, filename } = json<{ id: string; filename: string }>(attached);
    expect(filename).toBe('文件😀.txt');
    const download = await get(`/api/improvements/${created.reference}/attachments/${id}/content`);
    expect(download.statusCode).toBe(200);
    expect(download.body).toBe('evidence');
    expect(download.headers['content-disposition']).toBe("attachment; filename=\"___.txt\"; filename*=UTF-8''%E6%96%87%E4%BB%B6%F0%9F%98%80.txt");
  });

  it('refuses an attached file whose name holds a NUL character, which PostgreSQL cannot store', async () => {
    const created = json<{ reference: string }>(await createImprovement(JSON.stringify({ title: 'With a bad name', source: 'kpi', priority: 'low' })));
    const boundary = 'certusboundary';
    const payload = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a\u0000b.txt"\r\nContent-Type: text/plain\r\n\r\nevidence\r\n--${boundary}--\r\n`;
    const url = `/api/improvements/${created.reference}/attachments`;
    const attached = await t.app.inject({ method: 'POST', url, headers: { ...asUser(admin), 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
    expect(fieldsOf(attached)).toEqual(['file']);
    expect(problemOf(attached, 400).detail).toContain('NUL');
    expect(json<{ items: unknown[] }>(await get(url)).items).toEqual([]);
  });

  it('answers an over-long path parameter with a 414 problem that does not echo the URL', async () => {
    const long = `IMP-${'1'.repeat(5000)}`;
    const problem = problemOf(await get(`/api/improvements/${long}`), 414);
    expect(JSON.stringify(problem)).not.toContain('1111111111');
    expect(problem.instance).toBeUndefined();
  });

  it('answers other framework-level errors as problem+json without echoing the URL', async () => {
    expect(problemOf(await get('/api/improvements/%E0%A4%A'), 400).title).toBe('Malformed URL');
    const unknown = problemOf(await get(`/api/nothing/${'x'.repeat(3000)}`), 404);
    expect(JSON.stringify(unknown)).not.toContain('xxxxxxxxxx');
    expect(problemOf(await createImprovement('{"title":'), 400).title).toBe('Malformed JSON');
    expect(problemOf(await createImprovement(`{"title":"${'x'.repeat(1_100_000)}"}`), 413).title).toBe('Request too large');
    const xml = await t.app.inject({ method: 'POST', url: '/api/improvements', headers: { ...asUser(admin), 'content-type': 'application/xml' }, payload: '<title/>' });
    expect(problemOf(xml, 415).title).toBe('Unsupported media type');
    expect(problemOf(await get('/api/improvements?q=x'.padEnd(300, 'x')), 400).instance).toBe('/api/improvements');
  });
});
