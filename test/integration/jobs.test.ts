import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assemble, jobRunnerFor } from '../../src/certus.js';
import { createDatabase, type Database } from '../../src/platform/db/database.js';
import { enqueueJob, ensureSchedule } from '../../src/platform/jobs/job-queue.js';
import { JobRunner } from '../../src/platform/jobs/job-runner.js';
import { queueEmail } from '../../src/platform/notify/mailer.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { storeNames } from '../support/test-databases.js';

describe.each(storeNames())('durable jobs on %s', (store) => {
  let t: TestApp;
  let second: Database;
  beforeAll(async () => {
    t = await startTestApp(store);
    second = createDatabase(t.store.config);
  });
  afterAll(async () => {
    await second?.close();
    await t?.close();
  });

  const statuses = async (kind: string) => (await t.certus.database.db.selectFrom('jobs').select(['status', 'attempts']).where('kind', '=', kind).execute());

  it('enqueues with the transaction: a rolled-back change leaves no job', async () => {
    const { db } = t.certus.database;
    await expect(db.transaction().execute(async (trx) => {
      await enqueueJob(trx, { kind: 'test.rollback', payload: {} });
      throw new Error('roll back');
    })).rejects.toThrow('roll back');
    expect(await statuses('test.rollback')).toEqual([]);
  });

  it('runs each due job once across two workers, and not before its time', async () => {
    const seen: number[] = [];
    const now = Date.now();
    for (let i = 0; i < 30; i++) await enqueueJob(t.certus.database.db, { kind: 'test.count', payload: { i } }, now);
    await enqueueJob(t.certus.database.db, { kind: 'test.count', payload: { i: 999 }, runAt: now + 3_600_000 }, now);
    const handler = async (payload: Record<string, unknown>) => { seen.push(payload.i as number); };
    const a = new JobRunner(t.certus.database);
    const b = new JobRunner(second);
    a.register('test.count', handler);
    b.register('test.count', handler);
    await Promise.all([a.runDue(now), b.runDue(now)]);
    expect(seen.sort((x, y) => x - y)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect((await statuses('test.count')).filter((s) => s.status === 'queued').length).toBe(1);
  });

  it('retries a failing job with backoff and gives up after its attempts', async () => {
    const runner = new JobRunner(t.certus.database);
    runner.register('test.flaky', async () => { throw new Error('mail server down'); });
    const start = Date.now();
    await enqueueJob(t.certus.database.db, { kind: 'test.flaky', payload: {}, maxAttempts: 3 }, start);
    expect(await runner.runDue(start)).toEqual({ done: 0, retried: 1, failed: 0 });
    expect(await runner.runDue(start + 1_000)).toEqual({ done: 0, retried: 0, failed: 0 });
    expect(await runner.runDue(start + 31_000)).toEqual({ done: 0, retried: 1, failed: 0 });
    expect(await runner.runDue(start + 200_000)).toEqual({ done: 0, retried: 0, failed: 1 });
    const [job] = await t.certus.database.db.selectFrom('jobs').select(['status', 'attempts', 'last_error']).where('kind', '=', 'test.flaky').execute();
    expect(job).toEqual({ status: 'failed', attempts: 3, last_error: 'mail server down' });
  });

  it('turns a schedule into exactly one job per occurrence, however many schedulers run', async () => {
    let runs = 0;
    const now = Date.now();
    await ensureSchedule(t.certus.database.db, 'test-every-minute', 'test.scheduled', 60_000, now);
    const a = new JobRunner(t.certus.database);
    const b = new JobRunner(second);
    for (const r of [a, b]) r.register('test.scheduled', async () => { runs += 1; });
    await Promise.all([a.runDue(now), b.runDue(now)]);
    expect(runs).toBe(1);
    await Promise.all([a.runDue(now + 30_000), b.runDue(now + 30_000)]);
    expect(runs).toBe(1);
    await Promise.all([a.runDue(now + 61_000), b.runDue(now + 61_000)]);
    expect(runs).toBe(2);
  });
});

describe('e-mail notifications', () => {
  let smtp: SMTPServer;
  let port = 0;
  const received: { to: string; subject: string; text: string }[] = [];
  let t: TestApp;

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
      onData(stream, session, callback) {
        simpleParser(stream).then((mail) => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), subject: mail.subject ?? '', text: mail.text ?? '' });
          callback();
        }, callback);
      },
    });
    smtp.listen(0, '127.0.0.1');
    await once(smtp.server, 'listening');
    port = (smtp.server.address() as AddressInfo).port;
    t = await startTestApp('sqlite', { env: { CERTUS_SMTP_URL: `smtp://127.0.0.1:${port}`, CERTUS_MAIL_FROM: 'Certus <certus@northwind.example>' } });
  });
  afterAll(async () => {
    await t?.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  it('delivers a queued message through a real SMTP server after commit', async () => {
    const { db } = t.certus.database;
    await db.transaction().execute((trx) => queueEmail(trx, { to: ['duty.manager@northwind.example'], subject: 'INC-000042 breached its resolution target', text: 'Resolution target passed at 14:00.' }));
    const runner = await jobRunnerFor(t.certus.database, assemble(), t.store.config);
    expect((await runner.runDue()).failed).toBe(0);
    const [mailJob] = await db.selectFrom('jobs').select(['status']).where('kind', '=', 'notify.email').execute();
    expect(mailJob).toEqual({ status: 'done' });
    expect(received).toEqual([{ to: 'duty.manager@northwind.example', subject: 'INC-000042 breached its resolution target', text: 'Resolution target passed at 14:00.\n' }]);
  });
});
