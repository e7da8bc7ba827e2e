import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJson } from '../../src/platform/db/columns.js';
import { asUser, json, startTestApp, type SignedIn, type TestApp } from '../support/test-app.js';
import { storeNames } from '../support/test-databases.js';

/** Thrown to roll a transaction back on purpose. */
class Rollback extends Error {}

interface CheckpointBody { seq: number; at: string; records: number; events: number; comments: number; hash: string; prevHash: string }

describe.each(storeNames())('integrity checkpoints on %s', (store) => {
  let t: TestApp;
  let admin: SignedIn;
  let auditor: SignedIn;
  let manager: SignedIn;
  beforeAll(async () => {
    t = await startTestApp(store, { env: { CERTUS_CHECKPOINT_EMAIL: 'evidence.keeper@northwind.example', CERTUS_CHECKPOINT_INTERVAL_MINUTES: '30' } });
    admin = await t.user(['administrator']);
    auditor = await t.user(['internal-auditor']);
    manager = await t.user(['sms-manager']);
  });
  afterAll(async () => t?.close());

  const latest = (user: SignedIn) => t.app.inject({ method: 'GET', url: '/api/integrity/checkpoints/latest', headers: asUser(user) });
  const improvement = async (title: string) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/improvements', headers: asUser(manager), payload: { title, source: 'audit', priority: 'low' } });
    expect(res.statusCode, res.body).toBe(201);
  };

  it('makes a checkpoint on the administrator\'s demand, chained to the one before, and refuses others', async () => {
    expect((await latest(auditor)).statusCode).toBe(404);
    await improvement('Checkpointed');
    expect((await t.app.inject({ method: 'POST', url: '/api/integrity/checkpoints', headers: asUser(manager) })).statusCode).toBe(403);
    const first = await t.app.inject({ method: 'POST', url: '/api/integrity/checkpoints', headers: asUser(admin) });
    expect(first.statusCode, first.body).toBe(201);
    const made = json<{ checkpoint: CheckpointBody; created: boolean; withheld: unknown[] }>(first);
    expect(made.created).toBe(true);
    expect(made.withheld).toEqual([]);
    expect(made.checkpoint.prevHash).toBe('0'.repeat(64));
    const heads = await t.certus.database.db.selectFrom('history_heads').select(['seq']).execute();
    expect(made.checkpoint.records).toBe(heads.length);
    expect(made.checkpoint.events).toBe(heads.reduce((sum, h) => sum + h.seq, 0));

    const second = json<{ checkpoint: CheckpointBody }>(await t.app.inject({ method: 'POST', url: '/api/integrity/checkpoints', headers: asUser(admin) }));
    expect(second.checkpoint).toMatchObject({ seq: made.checkpoint.seq + 1, prevHash: made.checkpoint.hash });
    const seen = await latest(auditor);
    expect(seen.statusCode).toBe(200);
    expect(json<CheckpointBody>(seen)).toEqual(second.checkpoint);
    expect((await latest(manager)).statusCode).toBe(403);

    const integrity = json<{ ok: boolean; checkpoint: CheckpointBody; newerThanCheckpoint: number }>(await t.app.inject({ method: 'GET', url: '/api/integrity', headers: asUser(auditor) }));
    expect(integrity).toMatchObject({ ok: true, checkpoint: { seq: second.checkpoint.seq }, newerThanCheckpoint: 0 });
  });

  it('e-mails each new checkpoint\'s hash to the configured address through the outbox', async () => {
    const checkpoint = json<CheckpointBody>(await latest(auditor));
    const mails = await t.certus.database.db.selectFrom('jobs').select(['payload']).where('kind', '=', 'notify.email').execute();
    const messages = mails.map((m) => readJson<{ to: string[]; subject: string; text: string }>(m.payload));
    const mail = messages.find((m) => m.subject === `Certus integrity checkpoint ${checkpoint.seq}`);
    expect(mail?.to).toEqual(['evidence.keeper@northwind.example']);
    expect(mail?.text).toContain(`Hash: ${checkpoint.hash}`);
  });

  it('makes periodic checkpoints through the durable queue, only when something changed', async () => {
    const { db } = t.certus.database;
    const schedule = await db.selectFrom('job_schedules').selectAll().where('name', '=', 'integrity-checkpoint').executeTakeFirstOrThrow();
    expect(schedule.interval_ms).toBe(30 * 60_000);
    const before = json<CheckpointBody>(await latest(auditor));
    await improvement('Since the last checkpoint');
    const start = Math.max(Date.now(), schedule.next_run_at);
    await t.certus.jobs.runDue(start);
    const periodic = json<CheckpointBody>(await latest(auditor));
    expect(periodic.seq).toBe(before.seq + 1);
    expect(periodic.prevHash).toBe(before.hash);
    await t.certus.jobs.runDue(start + 31 * 60_000);
    expect(json<CheckpointBody>(await latest(auditor)).seq).toBe(periodic.seq);
    const jobs = await db.selectFrom('jobs').select(['status']).where('kind', '=', 'integrity.checkpoint').execute();
    expect(jobs.map((j) => j.status)).toEqual(['done', 'done']);
  });
});

// Only PostgreSQL has writers in several processes at once; SQLite has one writer by design.
describe.each(storeNames().filter((s) => s === 'postgres'))('record writers beside a checkpoint on %s', (store) => {
  let t: TestApp;
  let manager: SignedIn;
  beforeAll(async () => {
    t = await startTestApp(store);
    manager = await t.user(['sms-manager']);
  });
  afterAll(async () => t?.close());

  it('are not held up by a checkpoint that has written its rows and not yet committed', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/improvements', headers: asUser(manager), payload: { title: 'Written beside', source: 'audit', priority: 'low' } });
    const { id } = json<{ id: string }>(created);
    const { makeCheckpoint } = await import('../../src/kernel/integrity/checkpoint.service.js');
    await makeCheckpoint(t.certus.database, t.certus.assembly.registry);
    const { db } = t.certus.database;
    await db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
      // What a checkpoint holds while it runs: the next checkpoint row and every anchor row.
      const last = await trx.selectFrom('integrity_checkpoints').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
      await trx.insertInto('integrity_checkpoints').values({ ...last, seq: last.seq + 1, prev_hash: last.hash, hash: 'f'.repeat(64) }).execute();
      await trx.updateTable('integrity_anchors').set({ checkpoint_seq: last.seq + 1 }).execute();
      const update = await t.app.inject({ method: 'PATCH', url: `/api/improvements/${id}`, headers: { ...asUser(manager), 'if-match': '"1"' }, payload: { priority: 'high' } });
      expect(update.statusCode, update.body).toBe(200);
      const comment = await t.app.inject({ method: 'POST', url: `/api/improvements/${id}/comments`, headers: asUser(manager), payload: { body: 'beside the checkpoint', visibility: 'internal' } });
      expect(comment.statusCode, comment.body).toBe(201);
      const another = await t.app.inject({ method: 'POST', url: '/api/improvements', headers: asUser(manager), payload: { title: 'Also beside', source: 'audit', priority: 'low' } });
      expect(another.statusCode, another.body).toBe(201);
      throw new Rollback();
    }).catch((error: unknown) => { if (!(error instanceof Rollback)) throw error; });
  });
});
