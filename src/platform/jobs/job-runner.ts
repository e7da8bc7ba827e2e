import { hostname } from 'node:os';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/database.js';
import { claimJobs, completeJob, enqueueDueSchedules, failJob } from './job-queue.js';

export type JobHandler = (payload: Record<string, unknown>, context: { database: Database; now: number }) => Promise<void>;

export interface RunSummary {
  done: number;
  retried: number;
  failed: number;
}

/**
 * Runs the durable queue: schedules become jobs, due jobs are claimed under a lease and handed to
 * their handler. Handlers must be idempotent: a job whose worker died mid-way runs again.
 */
export class JobRunner {
  private readonly handlers = new Map<string, JobHandler>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<RunSummary> | null = null;
  readonly worker = `${hostname()}:${process.pid}`;

  constructor(private readonly database: Database, private readonly log?: FastifyBaseLogger) {}

  register(kind: string, handler: JobHandler): void {
    if (this.handlers.has(kind)) throw new Error(`A handler for job ${kind} is already registered`);
    this.handlers.set(kind, handler);
  }

  /** One pass: enqueue due schedules, then run every due job (in batches) until none is left. */
  async runDue(now = Date.now(), leaseMs = 5 * 60_000): Promise<RunSummary> {
    const summary: RunSummary = { done: 0, retried: 0, failed: 0 };
    await enqueueDueSchedules(this.database.db, now);
    for (;;) {
      const jobs = await claimJobs(this.database, this.worker, 20, leaseMs, now, [...this.handlers.keys()]);
      if (jobs.length === 0) return summary;
      for (const job of jobs) {
        const handler = this.handlers.get(job.kind);
        try {
          if (!handler) throw new Error(`No handler for job kind ${job.kind}`);
          await handler(job.payload, { database: this.database, now });
          await completeJob(this.database.db, job.id, now);
          summary.done += 1;
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          const outcome = await failJob(this.database.db, job, message, now);
          summary[outcome === 'retry' ? 'retried' : 'failed'] += 1;
          this.log?.warn({ job: job.kind, id: job.id, attempt: job.attempts, outcome }, `job failed: ${message}`);
        }
      }
    }
  }

  start(intervalMs = 5_000): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.runDue().catch((error: unknown) => {
        this.log?.error({ err: error }, 'job runner pass failed');
        return { done: 0, retried: 0, failed: 0 };
      }).finally(() => { this.running = null; });
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
