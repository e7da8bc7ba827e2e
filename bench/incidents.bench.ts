/**
 * bench/incidents: 1,000,000 incidents (seeded, inserted straight into the table) on SQLite and
 * PostgreSQL, then
 * - the KPI API call (server in its own process) against the equivalent hand-written SQL run
 *   through the same driver on the same data: time and ratio;
 * - the incident list with filters: p50/p95 latency of page 1 and of page 100 (keyset cursor).
 *
 * Usage: npm run bench:incidents -- [--n 1000000] [--store sqlite|postgres|both] [--samples 40] [--keep yes]
 * (--keep leaves the seeded SQLite file or PostgreSQL schema in place, for EXPLAIN.)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { v7 } from 'uuid';
import { assemble, prepareDatabase } from '../src/certus.js';
import { loadConfig } from '../src/platform/config/config.js';
import { createDatabase } from '../src/platform/db/database.js';
import { createUser } from '../src/platform/auth/users.service.js';
import { benchStore, postgresReachable, percentile, type BenchStore } from './support/stores.js';
import { seededRandom } from '../src/platform/random/seeded-random.js';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1] ?? '');
const n = Number(args.get('n') ?? 1_000_000);
const samples = Number(args.get('samples') ?? 40);
const which = args.get('store') ?? 'both';
const keep = args.get('keep') === 'yes';
const root = path.resolve(import.meta.dirname, '..');
const password = 'bench-administrator-password';
const day = 86_400_000;
const from = Date.parse('2025-01-01T00:00:00Z');
const to = from + 365 * day;

const columns = ['id', 'reference', 'status', 'owner_id', 'created_by', 'created_at', 'updated_by', 'updated_at', 'version', 'short_description', 'category', 'impact', 'urgency', 'priority', 'service', 'assignment_group', 'reassignment_count', 'reopen_count', 'resolution_code', 'resolved_at', 'major', 'major_declared_at'];

function* incidentRows(userId: string): Generator<unknown[]> {
  const random = seededRandom(1_000_003);
  const priorities = ['P1', 'P2', 'P3', 'P3', 'P3', 'P4', 'P4'];
  // A desk's year: most incidents closed, a few per cent still open (the queue), as in real logs.
  const statuses = [...Array<string>(92).fill('closed'), ...Array<string>(3).fill('resolved'), 'new', 'assigned', 'in-progress', 'in-progress', 'awaiting-caller'];
  for (let i = 0; i < n; i++) {
    const created = Math.floor(from + (i / n) * 365 * day);
    const status = statuses[Math.floor(random() * statuses.length)]!;
    const done = status === 'closed' || status === 'resolved';
    const priority = priorities[Math.floor(random() * priorities.length)]!;
    const major = priority === 'P1' && random() < 0.2 ? 1 : 0;
    const resolved = done ? created + Math.floor(random() * 5 * day) : null;
    yield [v7(), `INC-${String(i + 1).padStart(7, '0')}`, status, null, userId, created, userId, resolved ?? created, 1, `Bench incident ${i}`,
      'software', 'medium', 'medium', priority, `SVC-${String(1 + (i % 20)).padStart(6, '0')}`, random() < 0.5 ? 'Service desk' : 'Hosting',
      random() < 0.3 ? 1 : 0, random() < 0.03 ? 1 : 0, done ? 'fixed' : null, resolved, major, major ? created + 600_000 : null];
  }
}

async function seed(store: BenchStore): Promise<void> {
  const config = loadConfig({ ...store.env, LOG_LEVEL: 'silent' });
  const database = createDatabase(config);
  await prepareDatabase(database, assemble());
  // The administrator the bench signs in as, who is also recorded as creating the incidents.
  const admin = await database.db.transaction().execute((trx) => createUser(trx, { email: 'admin@certus.local', displayName: 'Bench administrator', password, roles: ['administrator'] }));
  const userId = admin.id;
  await database.close();
  const started = performance.now();
  if (store.sqliteFile) {
    const db = new SQLite(store.sqliteFile);
    db.pragma('journal_mode = WAL');
    const insert = db.prepare(`insert into incidents (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`);
    const batch = db.transaction((rows: unknown[][]) => { for (const r of rows) insert.run(...r); });
    let rows: unknown[][] = [];
    for (const r of incidentRows(userId)) {
      rows.push(r);
      if (rows.length === 10_000) { batch(rows); rows = []; }
    }
    batch(rows);
    db.prepare("update reference_counters set last_value = ? where prefix = 'INC'").run(n);
    db.exec('analyze');
    db.close();
  } else {
    const client = new pg.Client({ connectionString: store.postgresUrl! });
    await client.connect();
    let rows: unknown[][] = [];
    const flush = async () => {
      if (!rows.length) return;
      const params: unknown[] = [];
      const tuples = rows.map((r) => `(${r.map((v) => { params.push(v); return `$${params.length}`; }).join(', ')})`);
      await client.query(`insert into incidents (${columns.join(', ')}) values ${tuples.join(', ')}`, params);
      rows = [];
    };
    for (const r of incidentRows(userId)) {
      rows.push(r);
      if (rows.length === 2_000) await flush();
    }
    await flush();
    await client.query("update reference_counters set last_value = $1 where prefix = 'INC'", [n]);
    await client.query('analyze incidents');
    await client.end();
  }
  console.log(`  seeded ${n.toLocaleString('en-GB')} incidents in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => { const s = net.createServer().listen(0, '127.0.0.1', () => { const { port } = s.address() as net.AddressInfo; s.close(() => resolve(port)); }); });
}

function get(agent: http.Agent, port: number, url: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: url, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

function post(agent: http.Agent, port: number, url: string, headers: Record<string, string>, body: unknown): Promise<{ status: number; body: string; cookie: string }> {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const req = http.request({ host: '127.0.0.1', port, path: url, method: 'POST', agent, headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), cookie: String(res.headers['set-cookie']?.[0] ?? '').split(';')[0]! }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

async function server(store: BenchStore, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/main.ts'), 'serve'], {
    cwd: root, stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, ...store.env, PORT: String(port), LOG_LEVEL: 'warn', CERTUS_DEMO: 'false', CERTUS_ADMIN_PASSWORD: password, CERTUS_JOB_INTERVAL_MS: '3600000' },
  });
  const agent = new http.Agent();
  for (let i = 0; i < 300; i++) {
    try { if ((await get(agent, port, '/health/ready', {})).status === 200) return child; } catch { /* starting */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error('server did not start');
}

/** The same figures as the KPI endpoint computes, written by hand: counts, means, the median and the repeat rate. */
const resolvedWhere = (p: string) => `resolved_at >= ${p}1 and resolved_at < ${p}2 and (resolution_code is null or resolution_code not in ('duplicate', 'withdrawn'))`;
const handKpiSql = (p: string) => [
  `select count(*), sum(case when major = 1 then 1 else 0 end), sum(case when priority = 'P1' then 1 else 0 end) from incidents where created_at >= ${p}1 and created_at < ${p}2`,
  `select count(*), avg(resolved_at - created_at), sum(case when reassignment_count > 0 then 1 else 0 end), sum(case when reopen_count > 0 then 1 else 0 end), sum(case when reassignment_count = 0 and assignment_group = 'Service desk' then 1 else 0 end), avg(case when major = 1 then resolved_at - coalesce(major_declared_at, created_at) end) from incidents where ${resolvedWhere(p)}`,
  `select resolved_at - created_at as d from incidents where ${resolvedWhere(p)} order by d limit 2 offset ${p}3`,
  `select count(*) from incidents m where m.major = 1 and m.created_at >= ${p}1 and m.created_at < ${p}2 and exists (select 1 from incidents q where q.major = 1 and q.service = m.service and q.id <> m.id and q.created_at < m.created_at and q.created_at >= m.created_at - 7776000000)`,
];

async function handKpi(store: BenchStore): Promise<number> {
  const started = performance.now();
  if (store.sqliteFile) {
    const db = new SQLite(store.sqliteFile, { readonly: true });
    const [opened, resolved, middle, repeats] = handKpiSql('@').map((q) => db.prepare(q.replace(/@1/g, '@from').replace(/@2/g, '@to').replace(/@3/g, '@offset')));
    opened!.get({ from, to });
    const count = Number(Object.values(resolved!.get({ from, to }) as Record<string, number>)[0]);
    middle!.all({ from, to, offset: Math.floor((count - 1) / 2) });
    repeats!.get({ from, to });
    db.close();
  } else {
    const client = new pg.Client({ connectionString: store.postgresUrl! });
    await client.connect();
    const t0 = performance.now();
    const [opened, resolved, middle, repeats] = handKpiSql('$');
    await client.query(opened!, [from, to]);
    const count = Number(Object.values((await client.query(resolved!, [from, to])).rows[0] as Record<string, string>)[0]);
    await client.query(middle!, [from, to, Math.floor((count - 1) / 2)]);
    await client.query(repeats!, [from, to]);
    const ms = performance.now() - t0;
    await client.end();
    return ms;
  }
  return performance.now() - started;
}

async function measure(store: BenchStore): Promise<void> {
  await seed(store);
  const port = await freePort();
  const child = await server(store, port);
  try {
    const agent = new http.Agent({ keepAlive: true });
    const signIn = await post(agent, port, '/api/session', {}, { email: 'admin@certus.local', password });
    const csrf = (JSON.parse(signIn.body) as { csrfToken: string }).csrfToken;
    const token = (JSON.parse((await post(agent, port, '/api/me/tokens', { cookie: signIn.cookie, 'x-csrf-token': csrf }, { name: 'bench' })).body) as { token: string }).token;
    const auth = { authorization: `Bearer ${token}` };
    const kpiUrl = '/api/incident-kpis?from=2025-01-01&to=2025-12-31';
    const api: number[] = [];
    const hand: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const res = await get(agent, port, kpiUrl, auth);
      if (res.status !== 200) throw new Error(`KPI API answered ${res.status}: ${res.body}`);
      api.push(performance.now() - t0);
      hand.push(await handKpi(store));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    console.log(`  KPI API call ${median(api).toFixed(0)} ms, hand-written SQL ${median(hand).toFixed(0)} ms (median of 5): ratio ${(median(api) / median(hand)).toFixed(2)}×`);

    const listUrl = '/api/incidents?status=open&priority=P1,P2&sort=-createdAt&limit=50';
    const timePage = async (url: string) => {
      for (let i = 0; i < 3; i++) await get(agent, port, url, auth); // warm-up: JIT and statement caches
      const times: number[] = [];
      for (let i = 0; i < samples; i++) {
        const t0 = performance.now();
        const res = await get(agent, port, url, auth);
        if (res.status !== 200) throw new Error(`list answered ${res.status}: ${res.body}`);
        times.push(performance.now() - t0);
      }
      return times.sort((a, b) => a - b);
    };
    const first = await timePage(listUrl);
    let cursor = '';
    let page = 1;
    for (; page < 100; page++) {
      const res = JSON.parse((await get(agent, port, `${listUrl}${cursor ? `&cursor=${cursor}` : ''}`, auth)).body) as { nextCursor: string | null };
      if (!res.nextCursor) break;
      cursor = res.nextCursor;
    }
    const deep = await timePage(`${listUrl}&cursor=${cursor}`);
    console.log(`  list (open, P1/P2, newest first, 50 a page): page 1 p50 ${percentile(first, 50).toFixed(1)} ms p95 ${percentile(first, 95).toFixed(1)} ms; page ${page} p50 ${percentile(deep, 50).toFixed(1)} ms p95 ${percentile(deep, 95).toFixed(1)} ms`);
    agent.destroy();
  } finally {
    child.kill('SIGTERM');
  }
}

console.log(`bench/incidents: ${n.toLocaleString('en-GB')} incidents`);
for (const name of (which === 'both' ? ['sqlite', 'postgres'] : [which]) as ('sqlite' | 'postgres')[]) {
  if (name === 'postgres' && !(await postgresReachable())) { console.log('postgres: skipped (unreachable)'); continue; }
  console.log(`\n${name}`);
  const store = await benchStore(name);
  try { await measure(store); } finally {
    if (keep) console.log(`  kept: ${store.sqliteFile ?? store.postgresUrl}`);
    else await store.drop();
  }
}
