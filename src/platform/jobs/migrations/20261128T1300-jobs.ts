import type { ModuleMigration } from '../../db/migrator.js';

export const jobsMigration: ModuleMigration = {
  name: '20261128T1300-jobs',
  async up(db, t) {
    await db.schema.createTable('jobs')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('kind', t.text, (c) => c.notNull())
      .addColumn('payload', t.json, (c) => c.notNull())
      .addColumn('status', t.text, (c) => c.notNull())
      .addColumn('run_at', t.instant, (c) => c.notNull())
      .addColumn('attempts', t.integer, (c) => c.notNull().defaultTo(0))
      .addColumn('max_attempts', t.integer, (c) => c.notNull())
      .addColumn('locked_by', t.text)
      .addColumn('locked_until', t.instant)
      .addColumn('last_error', t.text)
      .addColumn('dedupe_key', t.text, (c) => c.unique())
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addColumn('finished_at', t.instant)
      .execute();
    await db.schema.createIndex('jobs_due').on('jobs').columns(['status', 'run_at']).execute();
    await db.schema.createTable('job_schedules')
      .addColumn('name', t.text, (c) => c.primaryKey())
      .addColumn('kind', t.text, (c) => c.notNull())
      .addColumn('interval_ms', t.bigint, (c) => c.notNull())
      .addColumn('next_run_at', t.instant, (c) => c.notNull())
      .execute();
  },
};
