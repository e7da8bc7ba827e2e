/**
 * bench/sla-watch: the SLA watch's pass over N open incidents under an SLA (plus resolved ones)
 * on SQLite and PostgreSQL:
 * - "replay all": what the watch did before snapshots — every open incident's clocks replayed
 *   from its history, every minute;
 * - first pass with snapshots (every open incident replayed and stored once);
 * - steady pass (nothing changed since the last pass): the usual minute;
 * - pass after 1% of the open incidents were changed by agents;
 * - the agent queue (50 a page: the first page and the 20th, by due time) and the dashboard over the year.
 *
 * Usage: npx tsx bench/sla-watch.bench.ts [--n 10000] [--resolved 10000] [--store sqlite|postgres|both]
 */
import { openCertus, type Certus } from '../src/certus.js';
import { loadConfig } from '../src/platform/config/config.js';
import { createUser } from '../src/platform/auth/users.service.js';
import { principalOfUser } from '../src/platform/auth/principals.js';
import { createRecord, transitionRecord, updateRecord } from '../src/kernel/records/record.service.js';
import { incidentClocks, incidentQueue, incidentRecord } from '../src/modules/incidents/index.js';
import { clockDefinitionsFor, slaDashboard, watchSlas } from '../src/modules/service-levels/index.js';
import { benchStore, postgresReachable, type BenchStore } from './support/stores.js';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1] ?? '');
const n = Number(args.get('n') ?? 10_000);
const resolvedCount = Number(args.get('resolved') ?? 10_000);
const which = args.get('store') ?? 'both';
const allDay = [{ start: '00:00', end: '24:00' }];
const hour = 3_600_000;

async function fixture(certus: Certus): Promise<string> {
  const { db } = certus.database;
  await db.transaction().execute((trx) => createUser(trx, { email: 'slm@bench.local', displayName: 'Bench', password: 'bench-password-long', roles: ['service-level-manager', 'service-desk-agent'] }));
  const token = async () => {
    const signIn = await certus.app.inject({ method: 'POST', url: '/api/session', payload: { email: 'slm@bench.local', password: 'bench-password-long' } });
    const cookie = signIn.cookies.find((c) => c.name === 'certus_session')!.value;
    const csrf = (signIn.json() as { csrfToken: string }).csrfToken;
    return (await certus.app.inject({ method: 'POST', url: '/api/me/tokens', headers: { cookie: `certus_session=${cookie}`, 'x-csrf-token': csrf }, payload: { name: 'bench' } })).json<{ token: string }>().token;
  };
  const headers = { authorization: `Bearer ${await token()}` };
  // A refused fixture stops the bench with the server's reason, instead of a crash further on.
  const send = async (url: string, payload: Record<string, unknown>, extra: Record<string, string> = {}) => {
    const res = await certus.app.inject({ method: 'POST', url, headers: { ...headers, ...extra }, payload });
    if (res.statusCode >= 300) throw new Error(`bench fixture: POST ${url} answered ${res.statusCode}: ${res.body}`);
    return res.json<{ id: string; reference: string; version: number }>();
  };
  const post = (url: string, payload: Record<string, unknown>) => send(url, payload);
  await post('/api/calendars', { id: 'always', name: 'Always', timeZone: 'UTC', workingHours: { monday: allDay, tuesday: allDay, wednesday: allDay, thursday: allDay, friday: allDay, saturday: allDay, sunday: allDay } });
  // Incidents are logged against live services only.
  const pipeline = await post('/api/services', { name: 'Bench service', serviceType: 'customer-facing', criticality: 'high' });
  await send(`/api/services/${pipeline.reference}/transitions`, { to: 'live' }, { 'if-match': `"${pipeline.version}"` });
  const service = pipeline.reference;
  // Long targets, so the measurement is the replay, not thousands of breach records.
  const month = 30 * 24 * 60;
  const sla = await post('/api/slas', { title: 'Bench SLA', service, calendarId: 'always', pauseStatuses: 'awaiting-caller', p1ResponseMinutes: month, p1ResolutionMinutes: month, p2ResponseMinutes: month, p2ResolutionMinutes: month, p3ResponseMinutes: month, p3ResolutionMinutes: month, p4ResponseMinutes: month, p4ResolutionMinutes: month });
  await send(`/api/slas/${sla.id}/transitions`, { to: 'agreed' }, { 'if-match': `"${sla.version}"` });
  return service;
}

async function seed(certus: Certus, service: string, now: number): Promise<void> {
  const { db } = certus.database;
  const user = await db.selectFrom('users').select('id').where('email', '=', 'slm@bench.local').executeTakeFirstOrThrow();
  const agent = await principalOfUser(db, user.id);
  const started = performance.now();
  const total = n + resolvedCount;
  for (let i = 0; i < total; i += 200) {
    await db.transaction().execute(async (trx) => {
      for (let j = i; j < Math.min(total, i + 200); j++) {
        const opened = now - 20 * hour + (j % 1000) * 60_000;
        let r = await createRecord(trx, incidentRecord, agent, { shortDescription: `Bench ${j}`, category: 'software', impact: 'medium', urgency: j % 3 === 0 ? 'high' : 'medium', service }, opened);
        r = await transitionRecord(trx, incidentRecord, agent, r.id, r.version, 'assigned', { assignmentGroup: 'Service desk', assigneeId: agent.userId }, opened + 60_000);
        if (j >= n) await transitionRecord(trx, incidentRecord, agent, r.id, r.version, 'resolved', { resolutionCode: 'fixed', resolutionNotes: 'done' }, opened + 2 * hour);
      }
    });
  }
  console.log(`  seeded ${n.toLocaleString('en-GB')} open and ${resolvedCount.toLocaleString('en-GB')} resolved incidents with history in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const t0 = performance.now();
  const result = await work();
  return { ms: performance.now() - t0, result };
}

async function measure(store: BenchStore): Promise<void> {
  const certus = await openCertus(loadConfig({ ...store.env, LOG_LEVEL: 'silent' }), { logger: false, serveWeb: false });
  try {
    const now = Date.now();
    const service = await fixture(certus);
    await seed(certus, service, now);
    const { db } = certus.database;
    const replayAll = await timed(async () => {
      // As the watch did: the service's agreements read once per pass.
      const agreements = clockDefinitionsFor(db, service, null, { stopStatuses: ['resolved', 'closed'] });
      const agreementsOf = () => agreements;
      const open = await db.selectFrom('incidents').select(['id', 'service']).where('status', 'in', ['new', 'assigned', 'in-progress', 'awaiting-caller', 'awaiting-supplier']).where('sla', 'is not', null).execute();
      for (const incident of open) await incidentClocks(db, incident, now, agreementsOf);
      return open.length;
    });
    console.log(`  replay all (before snapshots): ${replayAll.result} incidents in ${replayAll.ms.toFixed(0)} ms`);
    const first = await timed(() => watchSlas(certus.database, now + 60_000));
    console.log(`  first pass with snapshots: ${first.result.checked} replayed in ${first.ms.toFixed(0)} ms`);
    const steady: number[] = [];
    for (let i = 2; i <= 6; i++) {
      const pass = await timed(() => watchSlas(certus.database, now + i * 60_000));
      if (pass.result.checked !== 0) throw new Error(`a steady pass replayed ${pass.result.checked} incidents`);
      steady.push(pass.ms);
    }
    const median = [...steady].sort((a, b) => a - b)[2]!;
    console.log(`  steady pass (nothing changed): ${median.toFixed(1)} ms median of 5 — ${(replayAll.ms / median).toFixed(0)}× less than replaying all`);
    const samples = async (work: () => Promise<unknown>) => {
      const ms: number[] = [];
      for (let i = 0; i < 11; i++) ms.push((await timed(work)).ms);
      return [...ms].sort((a, b) => a - b)[5]!.toFixed(1);
    };
    const queueAt = now + 6 * 60_000;
    let cursor: string | null = null;
    for (let i = 1; i < 20; i++) cursor = (await incidentQueue(db, { sort: 'due', limit: 50, cursor: cursor ?? undefined }, queueAt)).nextCursor;
    const deep = cursor ?? undefined;
    console.log(`  queue by due time: page 1 ${await samples(() => incidentQueue(db, { sort: 'due', limit: 50 }, queueAt))} ms, page 20 ${await samples(() => incidentQueue(db, { sort: 'due', limit: 50, cursor: deep }, queueAt))} ms, P1+P2 at risk or breached ${await samples(() => incidentQueue(db, { sort: 'due', limit: 50, priorities: ['P1', 'P2'], atRisk: true, breached: true }, queueAt))} ms (median of 11)`);
    console.log(`  dashboard over a year: ${await samples(() => slaDashboard(db, certus.database.dialect, { from: now - 365 * 24 * hour, to: now + hour }, queueAt))} ms (median of 11)`);
    const user = await db.selectFrom('users').select('id').where('email', '=', 'slm@bench.local').executeTakeFirstOrThrow();
    const agent = await principalOfUser(db, user.id);
    const changed = await db.selectFrom('incidents').select(['id', 'version']).where('status', '=', 'assigned').orderBy('id').limit(Math.ceil(n / 100)).execute();
    const changedAt = now + 7 * 60_000;
    await db.transaction().execute(async (trx) => {
      for (const r of changed) await updateRecord(trx, incidentRecord, agent, r.id, r.version, { urgency: 'low' }, changedAt);
    });
    const after = await timed(() => watchSlas(certus.database, changedAt + 60_000));
    console.log(`  pass after ${changed.length} incidents changed: ${after.result.checked} replayed in ${after.ms.toFixed(0)} ms`);
  } finally {
    await certus.close();
  }
}

const stores: ('sqlite' | 'postgres')[] = which === 'both' ? ['sqlite', 'postgres'] : [which as 'sqlite' | 'postgres'];
for (const name of stores) {
  if (name === 'postgres' && !(await postgresReachable())) {
    console.log('postgres: unreachable, skipped');
    continue;
  }
  console.log(`${name}:`);
  const store = await benchStore(name);
  try {
    await measure(store);
  } finally {
    await store.drop();
  }
}
