/**
 * bench/checkpoint: N record chains of 10 events each (written as an import would), then
 * - the first checkpoint, which checks every chain before anchoring it, against the raw database
 *   reading every event (the least any full check must do);
 * - a checkpoint after 1% of the records gained an event (only those chains are re-read);
 * - a checkpoint when nothing changed;
 * - `certus verify` (chains, rows, comments, files, checkpoint) against the same raw read.
 *
 * Usage: npx tsx bench/checkpoint.bench.ts [--n 20000] [--store sqlite|postgres|both]
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { openCertus, type Certus } from '../src/certus.js';
import { appendHistory, writeNewHistory } from '../src/kernel/history/history.service.js';
import { makeCheckpoint } from '../src/kernel/integrity/checkpoint.service.js';
import { verifyIntegrity } from '../src/kernel/integrity/integrity-verify.js';
import { loadConfig } from '../src/platform/config/config.js';
import { newId } from '../src/platform/db/ids.js';
import { benchStore, postgresReachable } from './support/stores.js';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1] ?? '');
const n = Number(args.get('n') ?? 20_000);
const which = args.get('store') ?? 'sqlite';
const eventsPerRecord = 10;

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { ms: performance.now() - start, value };
}

async function seed(certus: Certus): Promise<string[]> {
  const ids: string[] = [];
  const at = Date.now();
  for (let i = 0; i < n; i += 500) {
    await certus.database.db.transaction().execute(async (trx) => {
      for (let j = i; j < Math.min(n, i + 500); j++) {
        const id = newId();
        ids.push(id);
        await writeNewHistory(trx, 'bench-record', id, Array.from({ length: eventsPerRecord }, (_, k) => ({ kind: k === 0 ? 'created' : 'updated', actorId: null, at: at + k, data: { step: k, note: `event ${k} of ${id}` } })));
      }
    });
  }
  return ids;
}

async function run(store: 'sqlite' | 'postgres'): Promise<void> {
  const s = await benchStore(store);
  const certus = await openCertus(loadConfig({ ...s.env, LOG_LEVEL: 'silent', CERTUS_SQLITE_SYNCHRONOUS: 'NORMAL', CERTUS_DEMO: 'false' }), { logger: false, serveWeb: false });
  try {
    const ids = await seed(certus);
    const { registry } = certus.assembly;
    const raw = await timed(() => sql`select * from history_events order by record_id, seq`.execute(certus.database.db));
    const first = await timed(() => makeCheckpoint(certus.database, registry));
    await certus.database.db.transaction().execute(async (trx) => {
      for (const id of ids.slice(0, Math.ceil(n / 100))) await appendHistory(trx, { recordType: 'bench-record', recordId: id, kind: 'updated', actorId: null, at: Date.now(), data: { step: 'more' } });
    });
    const incremental = await timed(() => makeCheckpoint(certus.database, registry));
    const unchanged = await timed(() => makeCheckpoint(certus.database, registry, { onlyIfChanged: true }));
    const verify = await timed(() => verifyIntegrity(certus.database, registry));
    if (!verify.value.ok) throw new Error(`verify found ${verify.value.problems.length} problems`);
    const events = n * eventsPerRecord;
    console.log(`${store}: ${n} records, ${events} events`);
    console.log(`  raw read of every event        ${raw.ms.toFixed(0)} ms`);
    console.log(`  first checkpoint               ${first.value.checkpoint.seq === 1 ? '' : '!'}${first.ms.toFixed(0)} ms  (${(first.ms / raw.ms).toFixed(2)}× raw)`);
    console.log(`  after 1% changed               ${incremental.ms.toFixed(0)} ms  (${(incremental.ms / raw.ms).toFixed(2)}× raw)`);
    console.log(`  nothing changed (skipped)      ${unchanged.ms.toFixed(0)} ms  (${(unchanged.ms / raw.ms).toFixed(2)}× raw)`);
    console.log(`  certus verify                  ${verify.ms.toFixed(0)} ms  (${(verify.ms / raw.ms).toFixed(2)}× raw)`);
  } finally {
    await certus.close();
    await s.drop();
  }
}

const stores: ('sqlite' | 'postgres')[] = which === 'both' ? ['sqlite', 'postgres'] : [which as 'sqlite' | 'postgres'];
for (const store of stores) {
  if (store === 'postgres' && !(await postgresReachable())) { console.log('postgres: not reachable, skipped'); continue; }
  await run(store);
}
