import { sql, type Updateable } from 'kysely';
import type { Executor } from '../../../platform/db/database.js';
import type { RangeReader } from './csv-source.js';
import type { IncidentImportRunTable, ImportRunStatus } from './incident-import-runs.tables.js';
import './incident-import-runs.tables.js';
import '../../../kernel/kernel.tables.js';

export type ImportRunRow = IncidentImportRunTable & { uploaded_by_name: string };

const runColumns = (db: Executor) => db.selectFrom('incident_import_runs')
  .innerJoin('users', 'users.id', 'incident_import_runs.uploaded_by')
  .selectAll('incident_import_runs')
  .select('users.display_name as uploaded_by_name');

export async function findImportRun(db: Executor, id: string): Promise<ImportRunRow | undefined> {
  return runColumns(db).where('incident_import_runs.id', '=', id).executeTakeFirst();
}

/** Newest first, keyset-paged by id (UUIDv7 ids sort by creation time). */
export async function pageImportRuns(db: Executor, limit: number, cursor?: string): Promise<ImportRunRow[]> {
  let select = runColumns(db).orderBy('incident_import_runs.id', 'desc').limit(limit + 1);
  if (cursor) select = select.where('incident_import_runs.id', '<', cursor);
  return select.execute();
}

export async function insertImportRun(db: Executor, row: IncidentImportRunTable): Promise<void> {
  await db.insertInto('incident_import_runs').values(row).execute();
}

export async function updateImportRun(db: Executor, id: string, changes: Updateable<IncidentImportRunTable>): Promise<void> {
  await db.updateTable('incident_import_runs').set(changes).where('id', '=', id).execute();
}

/**
 * Takes a run for this worker: a queued run, or a running one whose worker has stopped beating
 * (it died; the job came back when its lease ran out). False when a live worker holds it.
 */
export async function claimImportRun(db: Executor, id: string, now: number, staleBefore: number): Promise<boolean> {
  const result = await db.updateTable('incident_import_runs')
    .set({ status: 'running', started_at: sql`coalesce(started_at, ${now})`, heartbeat_at: now })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('status', '=', 'queued'), eb.and([eb('status', '=', 'running'), eb('heartbeat_at', '<', staleBefore)])]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The newest dry run of these bytes that found no problem, checked by this version of the rules. */
export async function latestCleanDryRun(db: Executor, sha256: string, formatVersion: number): Promise<IncidentImportRunTable | undefined> {
  return db.selectFrom('incident_import_runs').selectAll()
    .where('sha256', '=', sha256).where('mode', '=', 'dry-run').where('status', '=', 'succeeded').where('format_version', '=', formatVersion)
    // Only a check of the file as a ServiceNow export: the same bytes checked as an XES log say nothing of that.
    .where('source_format', 'is', null)
    .orderBy('id', 'desc').limit(1).executeTakeFirst();
}

export async function unfinishedImportOf(db: Executor, sha256: string): Promise<{ id: string } | undefined> {
  const unfinished: ImportRunStatus[] = ['queued', 'running'];
  return db.selectFrom('incident_import_runs').select('id')
    .where('sha256', '=', sha256).where('mode', '=', 'import').where('status', 'in', unfinished)
    .limit(1).executeTakeFirst();
}

/** Keeps the uploaded bytes once, by their SHA-256, beside the attachments' blobs. */
export async function storeBlob(db: Executor, sha256: string, content: Buffer): Promise<void> {
  await db.insertInto('attachment_blobs').values({ sha256, size: content.length, content })
    .onConflict((oc) => oc.column('sha256').doNothing()).execute();
}

/** Reads a stored blob a range at a time (substr works on BLOB in SQLite and on bytea in PostgreSQL). */
export function blobReader(db: Executor, sha256: string, size: number): RangeReader {
  return {
    size,
    async read(start, length) {
      const row = await db.selectFrom('attachment_blobs')
        .select(sql<Buffer>`substr(content, ${start + 1}, ${length})`.as('chunk'))
        .where('sha256', '=', sha256).executeTakeFirstOrThrow();
      return Buffer.from(row.chunk);
    },
  };
}
