import type { ModuleMigration } from '../../../platform/db/migrator.js';

export const incidentImportRunsMigration: ModuleMigration = {
  name: '20261128T1652-incident-import-runs',
  async up(db, t) {
    await db.schema.createTable('incident_import_runs')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('file_name', t.text, (c) => c.notNull())
      .addColumn('file_size', t.bigint, (c) => c.notNull())
      // The uploaded file is kept as a content-addressed blob, so the job reads it from any process.
      .addColumn('sha256', t.text, (c) => c.notNull().references('attachment_blobs.sha256'))
      .addColumn('uploaded_by', t.id, (c) => c.notNull().references('users.id'))
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addColumn('mode', t.text, (c) => c.notNull())
      .addColumn('status', t.text, (c) => c.notNull())
      .addColumn('phase', t.text)
      .addColumn('rows_processed', t.integer, (c) => c.notNull().defaultTo(0))
      .addColumn('rows_total', t.integer)
      .addColumn('rows_total_estimated', t.bool, (c) => c.notNull().defaultTo(0))
      .addColumn('percent', t.integer, (c) => c.notNull().defaultTo(0))
      .addColumn('rows_per_second', t.integer)
      .addColumn('incidents', t.integer)
      .addColumn('imported', t.integer)
      .addColumn('already_imported', t.integer)
      .addColumn('issue_count', t.integer, (c) => c.notNull().defaultTo(0))
      .addColumn('issues', t.json, (c) => c.notNull())
      .addColumn('notes', t.json, (c) => c.notNull())
      .addColumn('error', t.text)
      .addColumn('checked_by_run', t.id)
      .addColumn('format_version', t.integer, (c) => c.notNull())
      .addColumn('started_at', t.instant)
      .addColumn('finished_at', t.instant)
      .addColumn('heartbeat_at', t.instant)
      .execute();
    // "The latest clean dry run of this file" and "an import of this file still running".
    await db.schema.createIndex('incident_import_runs_file').on('incident_import_runs').columns(['sha256', 'mode', 'status']).execute();
  },
};
