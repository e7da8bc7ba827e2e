/**
 * bench/records: creating records through the HTTP API against the same rows written by raw SQL.
 *
 * API path: a Certus server in its own process; this process is the client, with C concurrent
 * keep-alive connections, each POSTing improvements with an API token.
 * Raw path: the same driver (better-sqlite3 / pg) in this process, one transaction per record
 * writing what the API writes — the record row, the reference counter, the history head and the
 * hash-chained history event — with the same durability settings (SQLite WAL, synchronous=FULL;
 * PostgreSQL defaults), C connections on PostgreSQL.
 *
 * Usage: npm run bench -- [--n 20000] [--concurrency 8] [--store sqlite|postgres|both]
 * Target: API throughput ≥ 20% of raw on both databases.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import canonicalize from 'canonicalize';
import pg from 'pg';
import { v7 } from 'uuid';
import { assemble, prepareDatabase } from '../src/certus.js';
import { loadConfig } from '../src/platform/config/config.js';
import { createDatabase } from '../src/platform/db/database.js';
import { benchStore, figures, postgresReachable, type BenchStore, type RunFigures } from './support/stores.js';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1] ?? '');
const n = Number(args.get('n') ?? 20000);
const concurrency = Number(args.get('concurrency') ?? 8);
const which = args.get('store') ?? 'both';
const root = path.resolve(import.meta.dirname, '..');
const adminPassword = 'bench-administrator-password';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function request(agent: http.Agent, port: number, method: string, url: string, headers: Record<string, string>, body?: unknown): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request({ host: '127.0.0.1', port, method, path: url, agent, headers: { ...headers, ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
    });
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

async function startServer(store: BenchStore, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/main.ts'), 'serve'], {
    cwd: root, stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...store.env, PORT: String(port), LOG_LEVEL: 'warn', CERTUS_DEMO: 'false', CERTUS_ADMIN_PASSWORD: adminPassword, CERTUS_SQLITE_SYNCHRONOUS: 'FULL' },
  });
  const agent = new http.Agent({ keepAlive: false });
  for (let i = 0; i < 200; i++) {
    try {
      const res = await request(agent, port, 'GET', '/health/ready', {});
      if (res.status === 200) return child;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error('the Certus server did not become ready');
}

async function apiRun(store: BenchStore): Promise<RunFigures> {
  const port = await freePort();
  const server = await startServer(store, port);
  try {
    const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
    const signIn = await request(agent, port, 'POST', '/api/session', {}, { email: 'admin@certus.local', password: adminPassword });
    const cookie = String(signIn.headers['set-cookie']?.[0] ?? '').split(';')[0]!;
    const csrf = (JSON.parse(signIn.body) as { csrfToken: string }).csrfToken;
    const tokenReply = await request(agent, port, 'POST', '/api/me/tokens', { cookie, 'x-csrf-token': csrf }, { name: 'bench' });
    const token = (JSON.parse(tokenReply.body) as { token: string }).token;
    const headers = { authorization: `Bearer ${token}` };
    const latencies: number[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (next < n) {
        const i = next++;
        const t0 = performance.now();
        const res = await request(agent, port, 'POST', '/api/improvements', headers, { title: `Bench improvement ${i}`, source: 'kpi', priority: 'medium', description: 'Created by bench/records' });
        latencies.push(performance.now() - t0);
        if (res.status !== 201) throw new Error(`API answered ${res.status}: ${res.body}`);
      }
    }));
    const result = figures(latencies, (performance.now() - started) / 1000);
    agent.destroy();
    return result;
  } finally {
    server.kill('SIGTERM');
  }
}

/** What one API create writes, built the same way, minus HTTP, validation and the service layer. */
function rawRows(i: number, prefixValue: number, userId: string) {
  const id = v7();
  const now = Date.now();
  const reference = `IMP-${String(prefixValue).padStart(6, '0')}`;
  const fields = { title: `Bench improvement ${i}`, description: 'Created by bench/records', source: 'kpi', priority: 'medium', expectedBenefit: null, targetDate: null, decisionReason: null, outcome: null };
  const data = { reference, status: 'proposed', ownerId: null, fields };
  const prevHash = '0'.repeat(64);
  const hash = createHash('sha256').update(canonicalize({ recordType: 'improvement', recordId: id, seq: 1, kind: 'created', actorId: userId, at: now, data, prevHash })!).digest('hex');
  return {
    record: [id, reference, 'proposed', null, userId, now, userId, now, 1, fields.title, fields.description, fields.source, fields.priority],
    head: [id, 'improvement', 1, hash],
    event: [randomUUID(), 'improvement', id, 1, 'created', userId, now, JSON.stringify(data), prevHash, hash],
  };
}

const insertRecord = 'insert into improvements (id, reference, status, owner_id, created_by, created_at, updated_by, updated_at, version, title, description, source, priority)';
const insertHead = 'insert into history_heads (record_id, record_type, seq, hash)';
const insertEvent = 'insert into history_events (id, record_type, record_id, seq, kind, actor_id, at, data, prev_hash, hash)';

async function prepareRawStore(store: BenchStore): Promise<string> {
  const config = loadConfig({ ...store.env, LOG_LEVEL: 'silent' });
  const database = createDatabase(config);
  await prepareDatabase(database, assemble());
  const userId = v7();
  await database.db.insertInto('users').values({ id: userId, email: 'raw@bench', display_name: 'Raw', password_hash: 'x', active: 1, must_change_password: 0, time_zone: 'UTC', created_at: Date.now(), updated_at: Date.now(), version: 1 }).execute();
  await database.close();
  return userId;
}

async function rawSqlite(store: BenchStore): Promise<RunFigures> {
  const userId = await prepareRawStore(store);
  const db = new SQLite(store.sqliteFile!);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = FULL');
  const bump = db.prepare("update reference_counters set last_value = last_value + 1 where prefix = 'IMP' returning last_value");
  const record = db.prepare(`${insertRecord} values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const head = db.prepare(`${insertHead} values (?, ?, ?, ?)`);
  const event = db.prepare(`${insertEvent} values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const createOne = db.transaction((i: number) => {
    const { last_value } = bump.get() as { last_value: number };
    const rows = rawRows(i, last_value, userId);
    record.run(...rows.record);
    head.run(...rows.head);
    event.run(...rows.event);
  });
  const latencies: number[] = [];
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    createOne(i);
    latencies.push(performance.now() - t0);
  }
  const result = figures(latencies, (performance.now() - started) / 1000);
  db.close();
  return result;
}

async function rawPostgres(store: BenchStore): Promise<RunFigures> {
  const userId = await prepareRawStore(store);
  const pool = new pg.Pool({ connectionString: store.postgresUrl!, max: concurrency });
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    const client = await pool.connect();
    try {
      while (next < n) {
        const i = next++;
        const t0 = performance.now();
        await client.query('begin');
        const { rows } = await client.query<{ last_value: string }>("update reference_counters set last_value = last_value + 1 where prefix = 'IMP' returning last_value");
        const r = rawRows(i, Number(rows[0]!.last_value), userId);
        await client.query(`${insertRecord} values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`, r.record);
        await client.query(`${insertHead} values ($1, $2, $3, $4)`, r.head);
        await client.query(`${insertEvent} values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, r.event);
        await client.query('commit');
        latencies.push(performance.now() - t0);
      }
    } finally {
      client.release();
    }
  }));
  const result = figures(latencies, (performance.now() - started) / 1000);
  await pool.end();
  return result;
}

function line(label: string, f: RunFigures): string {
  return `${label.padEnd(6)} ${f.perSecond.toFixed(0).padStart(7)} records/s   p50 ${f.p50.toFixed(2).padStart(7)} ms   p95 ${f.p95.toFixed(2).padStart(7)} ms   (${f.seconds.toFixed(1)} s)`;
}

async function main(): Promise<void> {
  const stores: ('sqlite' | 'postgres')[] = which === 'both' ? ['sqlite', 'postgres'] : [which as 'sqlite' | 'postgres'];
  console.log(`bench/records: ${n} records, ${concurrency} concurrent API connections`);
  let failed = false;
  for (const name of stores) {
    if (name === 'postgres' && !(await postgresReachable())) {
      console.log('postgres: skipped (unreachable)');
      continue;
    }
    const apiStore = await benchStore(name);
    const rawStore = await benchStore(name);
    try {
      const api = await apiRun(apiStore);
      const raw = name === 'sqlite' ? await rawSqlite(rawStore) : await rawPostgres(rawStore);
      const ratio = api.perSecond / raw.perSecond;
      console.log(`\n${name}`);
      console.log(line('API', api));
      console.log(line('raw', raw));
      console.log(`ratio API/raw throughput: ${(ratio * 100).toFixed(1)}% (target ≥ 20%) ${ratio >= 0.2 ? 'MET' : 'NOT MET'}`);
      if (ratio < 0.2) failed = true;
    } finally {
      await apiStore.drop();
      await rawStore.drop();
    }
  }
  process.exitCode = failed ? 1 : 0;
}

await main();
