import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asUser, json, startTestApp, type SignedIn, type TestApp } from '../support/test-app.js';
import { storeNames } from '../support/test-databases.js';

interface Row { id: string; reference: string; title: string; priority: string; targetDate: string | null; status: string }
interface Page { items: Row[]; nextCursor: string | null; total: number | null }

describe.each(storeNames())('record lists on %s', (store) => {
  let t: TestApp;
  let manager: SignedIn;
  const priorities = ['low', 'medium', 'high'];

  beforeAll(async () => {
    t = await startTestApp(store);
    manager = await t.user(['sms-manager']);
    for (let i = 0; i < 25; i++) {
      const res = await t.app.inject({
        method: 'POST', url: '/api/improvements', headers: asUser(manager),
        payload: { title: `Item ${String(i).padStart(2, '0')}${i === 7 ? ' needle' : ''}`, source: i % 2 ? 'kpi' : 'audit', priority: priorities[i % 3], targetDate: i % 4 === 0 ? null : `2027-01-${String((i % 28) + 1).padStart(2, '0')}`, ...(i % 5 === 0 ? { ownerId: manager.userId } : {}) },
      });
      expect(res.statusCode).toBe(201);
    }
  });
  afterAll(async () => t?.close());

  const list = async (query: string) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/improvements?${query}`, headers: asUser(manager) });
    expect(res.statusCode, res.body).toBe(200);
    return json<Page>(res);
  };

  async function walk(query: string): Promise<Row[]> {
    const rows: Row[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await list(`${query}&limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      rows.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return rows;
  }

  it('pages through every record exactly once, newest first by default', async () => {
    const rows = await walk('');
    expect(rows.length).toBe(25);
    expect(new Set(rows.map((r) => r.id)).size).toBe(25);
    expect(rows[0]!.title.startsWith('Item 24')).toBe(true);
  });

  it('sorts by a nullable field with empty values last, in both directions, across pages', async () => {
    for (const sort of ['targetDate', '-targetDate']) {
      const rows = await walk(`sort=${sort}`);
      expect(rows.length).toBe(25);
      const dates = rows.map((r) => r.targetDate);
      const filled = dates.filter((d): d is string => d !== null);
      expect(dates.slice(filled.length).every((d) => d === null)).toBe(true);
      const sorted = [...filled].sort();
      expect(filled).toEqual(sort.startsWith('-') ? sorted.reverse() : sorted);
    }
  });

  it('filters by enum field, owner, status and free text, and counts', async () => {
    const high = await list('priority=high&count=true');
    expect(high.total).toBe(8);
    expect(high.items.every((r) => r.priority === 'high')).toBe(true);
    expect((await list('owner=me&count=true')).total).toBe(5);
    expect((await list('status=open&count=true')).total).toBe(25);
    expect((await list('status=done&count=true')).total).toBe(0);
    const needle = await list('q=NEEDLE');
    expect(needle.items.map((r) => r.title)).toEqual(['Item 07 needle']);
    expect((await list('q=50%25')).items).toEqual([]);
  });

  it('pages a filter on several states in created order, each record once, in both directions', async () => {
    const all = await walk('');
    for (const row of all.filter((_, i) => i % 3 === 0)) {
      const res = await t.app.inject({ method: 'POST', url: `/api/improvements/${row.id}/transitions`, headers: { ...asUser(manager), 'if-match': '"1"' }, payload: { to: 'approved', fields: { decisionReason: 'Worth it' } } });
      expect(res.statusCode, res.body).toBe(200);
    }
    const expected = (await walk('')).filter((r) => r.status === 'proposed' || r.status === 'approved').map((r) => r.id);
    expect(expected.length).toBe(25);
    // Two states, so the list merges one index walk per state; the order must be the plain one.
    expect((await walk('status=proposed,approved')).map((r) => r.id)).toEqual(expected);
    expect((await walk('status=open&sort=createdAt')).map((r) => r.id)).toEqual([...expected].reverse());
    const approved = await walk('status=approved,rejected&priority=high');
    expect(approved.every((r) => r.status === 'approved' && r.priority === 'high')).toBe(true);
    expect(approved.length).toBe(all.filter((r, i) => i % 3 === 0 && r.priority === 'high').length);
  });

  it('filters a type whose states are named open and closed by the state, and by category on request', async () => {
    // SLA breaches have a state called "open": status=open means that state, category=open all open work.
    const breaches: { reference: string; version: number }[] = [];
    for (const summary of ['Breach one', 'Breach two', 'Breach three']) {
      const res = await t.app.inject({ method: 'POST', url: '/api/sla-breaches', headers: asUser(manager), payload: { summary } });
      expect(res.statusCode, res.body).toBe(201);
      breaches.push(json<{ reference: string; version: number }>(res));
    }
    const moved = await t.app.inject({ method: 'POST', url: `/api/sla-breaches/${breaches[0]!.reference}/transitions`, headers: { ...asUser(manager), 'if-match': '"1"' }, payload: { to: 'investigating' } });
    expect(moved.statusCode, moved.body).toBe(200);
    const breachList = async (query: string) => {
      const res = await t.app.inject({ method: 'GET', url: `/api/sla-breaches?${query}&count=true`, headers: asUser(manager) });
      expect(res.statusCode, res.body).toBe(200);
      return json<Page>(res).total;
    };
    expect(await breachList('status=open')).toBe(2);
    expect(await breachList('category=open')).toBe(3);
    expect(await breachList('status=investigating&category=open')).toBe(1);
    expect(await breachList('status=investigating&category=done')).toBe(0);
    expect(await breachList('category=done')).toBe(0);
    // Types without such a state keep open / done as the category.
    expect((await list('category=open&count=true')).total).toBe((await list('status=open&count=true')).total);
  });

  it('refuses unknown sorts, states and filters with the parameter named', async () => {
    for (const [query, field] of [['sort=colour', 'sort'], ['status=lost', 'status'], ['category=pending', 'category'], ['colour=red', 'colour'], ['limit=500', 'limit'], ['cursor=garbage', 'cursor']] as const) {
      const res = await t.app.inject({ method: 'GET', url: `/api/improvements?${query}`, headers: asUser(manager) });
      expect(res.statusCode, query).toBe(400);
      expect(json<{ errors: { field: string }[] }>(res).errors[0]!.field, query).toBe(field);
    }
  });

  it('exports the current filter as CSV with every matching row', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/improvements?format=csv&priority=low', headers: asUser(manager) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body.trim().split('\n');
    expect(lines[0]).toContain('reference,status,title');
    expect(lines.length).toBe(1 + 9);
  });

  it('guards CSV cells against spreadsheet formulas', async () => {
    await t.app.inject({ method: 'POST', url: '/api/improvements', headers: asUser(manager), payload: { title: '=HYPERLINK("http://x")', source: 'kpi', priority: 'low' } });
    const res = await t.app.inject({ method: 'GET', url: '/api/improvements?format=csv&q=hyperlink', headers: asUser(manager) });
    expect(res.body).toContain(`'=HYPERLINK`);
  });
});

describe.each(storeNames())('problem responses on %s', (store) => {
  let t: TestApp;
  let manager: SignedIn;
  beforeAll(async () => {
    t = await startTestApp(store);
    manager = await t.user(['sms-manager']);
  });
  afterAll(async () => t?.close());

  it('answers an oversize body with 413, an unknown route with 404 and a wrong media type with 415', async () => {
    const big = await t.app.inject({ method: 'POST', url: '/api/improvements', headers: { ...asUser(manager), 'content-type': 'application/json' }, payload: JSON.stringify({ title: 'x'.repeat(2 * 1024 * 1024) }) });
    expect(big.statusCode).toBe(413);
    const nowhere = await t.app.inject({ method: 'GET', url: '/api/nowhere', headers: asUser(manager) });
    expect(nowhere.statusCode).toBe(404);
    expect(nowhere.headers['content-type']).toContain('application/problem+json');
    const xml = await t.app.inject({ method: 'POST', url: '/api/improvements', headers: { ...asUser(manager), 'content-type': 'application/xml' }, payload: '<x/>' });
    expect(xml.statusCode).toBe(415);
  });

  it('names a missing required field and a blank one', async () => {
    const missing = await t.app.inject({ method: 'POST', url: '/api/improvements', headers: asUser(manager), payload: { source: 'kpi', priority: 'low' } });
    expect(json<{ errors: { field: string; reason: string }[] }>(missing).errors).toContainEqual({ field: 'title', reason: 'is required' });
    const blank = await t.app.inject({ method: 'POST', url: '/api/improvements', headers: asUser(manager), payload: { title: '   ', source: 'kpi', priority: 'low' } });
    expect(blank.statusCode).toBe(400);
    expect(json<{ errors: { field: string }[] }>(blank).errors[0]!.field).toBe('title');
  });

  it('refuses an owner who is not a user, and writes nothing', async () => {
    const before = await t.certus.database.db.selectFrom('improvements').select('id').execute();
    const res = await t.app.inject({ method: 'POST', url: '/api/improvements', headers: asUser(manager), payload: { title: 'Owned', source: 'kpi', priority: 'low', ownerId: '01900000-0000-7000-8000-000000000000' } });
    expect(res.statusCode).toBe(400);
    expect(json<{ errors: { field: string }[] }>(res).errors[0]!.field).toBe('ownerId');
    expect((await t.certus.database.db.selectFrom('improvements').select('id').execute()).length).toBe(before.length);
  });

  it('serves OpenAPI 3.1 with every API route documented, and health endpoints', async () => {
    const doc = json<{ openapi: string; paths: Record<string, unknown> }>(await t.app.inject({ method: 'GET', url: '/api/openapi.json' }));
    expect(doc.openapi).toBe('3.1.0');
    for (const rule of t.app.accessRules.filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') && r.url !== '/api/openapi.json')) {
      const path = rule.url.replace(/:([A-Za-z]+)/g, '{$1}');
      expect(doc.paths[path], `${rule.method} ${rule.url}`).toBeDefined();
    }
    expect(json<{ status: string }>(await t.app.inject({ method: 'GET', url: '/health/live' })).status).toBe('ok');
    expect(json<{ status: string; database: string }>(await t.app.inject({ method: 'GET', url: '/health/ready' }))).toEqual({ status: 'ready', database: store });
  });

  it('echoes a request id on every response', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health/live', headers: { 'x-request-id': 'trace-1234567' } });
    expect(res.headers['x-request-id']).toBe('trace-1234567');
  });
});

describe('validation messages', () => {
  it('give the real reason for a bad value in a nullable field, and refuse empty required text', async () => {
    const t = await startTestApp('sqlite');
    try {
      const user = await t.user(['sms-manager']);
      const badDate = await t.app.inject({ method: 'POST', url: '/api/improvements', headers: asUser(user), payload: { title: 'x', source: 'kpi', priority: 'low', targetDate: '31/12/2027' } });
      expect(json<{ errors: { field: string; reason: string }[] }>(badDate).errors).toEqual([{ field: 'targetDate', reason: 'is not in the expected form' }]);
      const empty = await t.app.inject({ method: 'POST', url: '/api/improvements', headers: asUser(user), payload: { title: '', source: 'kpi', priority: 'low' } });
      expect(json<{ errors: { field: string; reason: string }[] }>(empty).errors).toEqual([{ field: 'title', reason: 'cannot be empty' }]);
    } finally {
      await t.close();
    }
  });
});
