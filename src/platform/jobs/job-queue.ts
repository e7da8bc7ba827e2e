import { sql } from 'kysely';
import type { Database, Executor } from '../db/database.js';
import { readJson, writeJson } from '../db/columns.js';
import { newId } from '../db/ids.js';
import './jobs.tables.js';

export interface NewJob {
  kind: string;
  payload: Record<string, unknown>;
  runAt?: number;
  maxAttempts?: number;
  /** At most one job with this key ever exists: enqueueing it again does nothing. */
  dedupeKey?: string;
}

export interface ClaimedJob {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
  maxAttempts: number;
}

/**
 * Enqueues inside the caller's transaction (the outbox pattern): the job exists exactly when the
 * change that asked for it was committed.
 */
export async function enqueueJob(db: Executor, job: NewJob, now = Date.now()): Promise<void> {
  await db.insertInto('jobs').values({
    id: newId(), kind: job.kind, payload: writeJson(job.payload), status: 'queued', run_at: job.runAt ?? now,
    attempts: 0, max_attempts: job.maxAttempts ?? 5, locked_by: null, locked_until: null, last_error: null,
    dedupe_key: job.dedupeKey ?? null, created_at: now, finished_at: null,
  }).onConflict((oc) => oc.column('dedupe_key').doNothing()).execute();
}

/**
 * Claims up to `limit` due jobs for one worker. On PostgreSQL, FOR UPDATE SKIP LOCKED lets
 * several server processes claim side by side without taking each other's jobs; SQLite has one
 * writer at a time, so a plain UPDATE is already exclusive. A job whose worker died is claimed
 * again once its lease runs out.
 */
export async function claimJobs(database: Database, worker: string, limit: number, leaseMs: number, now = Date.now(), kinds?: string[]): Promise<ClaimedJob[]> {
  const { db } = database;
  if (kinds && kinds.length === 0) return [];
  const candidates = db.selectFrom('jobs').select('id')
    // A worker only takes the kinds it can run, so processes of different versions can share a queue.
    .$if(kinds !== undefined, (q) => q.where('kind', 'in', kinds!))
    .where((eb) => eb.or([
      eb.and([eb('status', '=', 'queued'), eb('run_at', '<=', now)]),
      eb.and([eb('status', '=', 'running'), eb('locked_until', '<', now)]),
    ]))
    .orderBy('run_at').limit(limit);
  const locked = database.dialect === 'postgres' ? candidates.forUpdate().skipLocked() : candidates;
  const rows = await db.updateTable('jobs')
    .set({ status: 'running', locked_by: worker, locked_until: now + leaseMs, attempts: sql`attempts + 1` })
    .where('id', 'in', locked)
    .returning(['id', 'kind', 'payload', 'attempts', 'max_attempts'])
    .execute();
  return rows.map((r) => ({ id: r.id, kind: r.kind, payload: readJson<Record<string, unknown>>(r.payload), attempts: r.attempts, maxAttempts: r.max_attempts }));
}

export async function completeJob(db: Executor, id: string, now = Date.now()): Promise<void> {
  await db.updateTable('jobs').set({ status: 'done', finished_at: now, locked_by: null, locked_until: null }).where('id', '=', id).execute();
}

/** Retries with exponential backoff (30 s, 1 min, 2 min, …) until the attempts run out. */
export async function failJob(db: Executor, job: ClaimedJob, error: string, now = Date.now()): Promise<'retry' | 'failed'> {
  const final = job.attempts >= job.maxAttempts;
  await db.updateTable('jobs').set({
    status: final ? 'failed' : 'queued', last_error: error.slice(0, 2000), locked_by: null, locked_until: null,
    run_at: final ? now : now + 30_000 * 2 ** (job.attempts - 1), finished_at: final ? now : null,
  }).where('id', '=', job.id).execute();
  return final ? 'failed' : 'retry';
}

export async function ensureSchedule(db: Executor, name: string, kind: string, intervalMs: number, now = Date.now()): Promise<void> {
  await db.insertInto('job_schedules').values({ name, kind, interval_ms: intervalMs, next_run_at: now })
    .onConflict((oc) => oc.column('name').doUpdateSet({ kind, interval_ms: intervalMs })).execute();
}

/**
 * Turns due schedules into jobs. Advancing `next_run_at` with a conditional UPDATE means only
 * one process enqueues each occurrence, however many run the scheduler.
 */
export async function enqueueDueSchedules(db: Executor, now = Date.now()): Promise<number> {
  const due = await db.selectFrom('job_schedules').selectAll().where('next_run_at', '<=', now).execute();
  let enqueued = 0;
  for (const schedule of due) {
    const next = now + schedule.interval_ms;
    const won = await db.updateTable('job_schedules').set({ next_run_at: next })
      .where('name', '=', schedule.name).where('next_run_at', '=', schedule.next_run_at).executeTakeFirst();
    if (Number(won.numUpdatedRows) !== 1) continue;
    await enqueueJob(db, { kind: schedule.kind, payload: { schedule: schedule.name, scheduledFor: schedule.next_run_at }, dedupeKey: `${schedule.name}@${schedule.next_run_at}` }, now);
    enqueued += 1;
  }
  return enqueued;
}
