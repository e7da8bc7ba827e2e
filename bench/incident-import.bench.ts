/**
 * bench/incident-import: the real ServiceNow export (UCI, 141,712 rows, 24,918 incidents) imported
 * three ways, each into a fresh store:
 * - cli: `certus import incidents FILE` — the service reading the zip from disk, check then write;
 * - job: an upload (POST /api/incident-imports) run by the durable job, reading the stored blob
 *   in 1 MB ranges, check then write;
 * - job after dry run: a dry run, then POST /api/incident-imports/{id}/import, which relies on the
 *   dry run's check and only writes.
 * Rows per second are rows of the export over the run's own time (started → finished).
 *
 * Usage: npx tsx bench/incident-import.bench.ts [--store sqlite|postgres|both]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { openCertus, type Certus } from '../src/certus.js';
import { loadConfig } from '../src/platform/config/config.js';
import { createUser } from '../src/platform/auth/users.service.js';
import { fileSource, importServicenowIncidents } from '../src/modules/incidents/index.js';
import { benchStore, postgresReachable } from './support/stores.js';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1] ?? '');
const which = args.get('store') ?? 'sqlite';
const exportFile = path.resolve(import.meta.dirname, '../../shared/data/uci_incident_event_log.zip');
const rows = 141_712;

interface Run { id: string; status: string; error: string | null; startedAt: string; finishedAt: string; report: { rows: number; imported: number } | null }

async function signedIn(certus: Certus): Promise<{ userId: string; headers: Record<string, string> }> {
  const email = 'importer@bench.local';
  const password = 'bench-password-long';
  const user = await certus.database.db.transaction().execute((trx) => createUser(trx, { email, displayName: 'Bench importer', password, roles: ['incident-problem-manager'] }));
  const signIn = await certus.app.inject({ method: 'POST', url: '/api/session', payload: { email, password } });
  const cookie = signIn.cookies.find((c) => c.name === 'certus_session')!.value;
  const csrf = signIn.json<{ csrfToken: string }>().csrfToken;
  const token = (await certus.app.inject({ method: 'POST', url: '/api/me/tokens', headers: { cookie: `certus_session=${cookie}`, 'x-csrf-token': csrf }, payload: { name: 'bench' } })).json<{ token: string }>().token;
  return { userId: user.id, headers: { authorization: `Bearer ${token}` } };
}

async function withCertus<T>(store: 'sqlite' | 'postgres', work: (certus: Certus) => Promise<T>): Promise<T> {
  const s = await benchStore(store);
  const certus = await openCertus(loadConfig({ ...s.env, LOG_LEVEL: 'silent', CERTUS_SQLITE_SYNCHRONOUS: 'NORMAL' }), { logger: false, serveWeb: false });
  try {
    return await work(certus);
  } finally {
    await certus.close();
    await s.drop();
  }
}

async function runJob(certus: Certus, headers: Record<string, string>, url: string, payload?: Buffer, contentType?: string): Promise<Run> {
  const queued = await certus.app.inject({ method: 'POST', url, headers: { ...headers, ...(contentType ? { 'content-type': contentType } : {}) }, payload });
  if (queued.statusCode !== 202) throw new Error(`${url}: ${queued.statusCode} ${queued.body}`);
  await certus.jobs.runDue();
  const run = (await certus.app.inject({ method: 'GET', url: `/api/incident-imports/${queued.json<Run>().id}`, headers })).json<Run>();
  if (run.status !== 'succeeded') throw new Error(`run ${run.id} ${run.status}: ${run.error ?? ''}`);
  return run;
}

const secondsOf = (run: Run) => (Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000;
const line = (what: string, seconds: number) => console.log(`  ${what.padEnd(34)} ${seconds.toFixed(1).padStart(6)} s  ${Math.round(rows / seconds).toLocaleString('en-GB').padStart(7)} rows/s`);

async function bench(store: 'sqlite' | 'postgres'): Promise<void> {
  console.log(`\n${store}`);
  const zip = readFileSync(exportFile);
  const boundary = '----certus-bench';
  const body = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="uci_incident_event_log.zip"\r\nContent-Type: application/zip\r\n\r\n`), zip, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  const multipart = `multipart/form-data; boundary=${boundary}`;

  const cli = await withCertus(store, async (certus) => {
    const { userId } = await signedIn(certus);
    const report = await importServicenowIncidents(certus.database, fileSource(exportFile), { dryRun: false, actorId: userId });
    if (report.imported !== 24_918) throw new Error(`cli imported ${report.imported}`);
    return report.seconds;
  });
  line('cli (check + write, from file)', cli);

  const direct = await withCertus(store, async (certus) => {
    const { headers } = await signedIn(certus);
    return secondsOf(await runJob(certus, headers, '/api/incident-imports', body, multipart));
  });
  line('job (check + write, from blob)', direct);

  const [check, write] = await withCertus(store, async (certus) => {
    const { headers } = await signedIn(certus);
    const dryRun = await runJob(certus, headers, '/api/incident-imports?dryRun=true', body, multipart);
    const imported = await runJob(certus, headers, `/api/incident-imports/${dryRun.id}/import`);
    return [secondsOf(dryRun), secondsOf(imported)];
  });
  line('job dry run (check)', check);
  line('job import after dry run (write)', write);
  console.log(`  job (check + write) / cli: ${(cli / direct).toFixed(2)} × the CLI's rows/s`);
}

for (const store of which === 'both' ? ['sqlite', 'postgres'] as const : [which as 'sqlite' | 'postgres']) {
  if (store === 'postgres' && !(await postgresReachable())) {
    console.log('\npostgres: not reachable, skipped');
    continue;
  }
  await bench(store);
}
