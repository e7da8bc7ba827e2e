import { existsSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import { assertNoServerHolds } from './server-lock.js';

export type ProgressFn = (done: number, total: number) => void;

/**
 * Copies a live SQLite database with SQLite's online backup API: writers carry on, and the copy
 * is a consistent snapshot, WAL included.
 */
export async function backupSqlite(sourceFile: string, destinationFile: string, onProgress?: ProgressFn): Promise<{ pages: number }> {
  if (existsSync(destinationFile)) throw new Error(`${destinationFile} already exists; choose a new file name`);
  const source = new SQLite(sourceFile, { readonly: true, fileMustExist: true });
  try {
    const result = await source.backup(destinationFile, {
      progress({ totalPages, remainingPages }) {
        onProgress?.(totalPages - remainingPages, totalPages);
        return 200;
      },
    });
    return { pages: result.totalPages };
  } finally {
    source.close();
  }
}

/** Checks that a file is a whole, uncorrupted Certus database before anything is overwritten. */
export function inspectSqliteBackup(file: string): { migrations: number } {
  if (!existsSync(file)) throw new Error(`${file} does not exist`);
  let handle: SQLite.Database;
  try {
    handle = new SQLite(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new Error(`${file} is not a SQLite database: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  try {
    const check = handle.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new Error(`${file} fails SQLite's integrity check: ${String(check)}`);
    const table = handle.prepare("select name from sqlite_master where type = 'table' and name = 'certus_migrations'").get();
    if (!table) throw new Error(`${file} is a SQLite database but not a Certus one (no certus_migrations table)`);
    const row = handle.prepare('select count(*) as n from certus_migrations').get() as { n: number };
    return { migrations: row.n };
  } catch (error) {
    if (error instanceof Error && error.message.startsWith(file)) throw error;
    throw new Error(`${file} is not a readable SQLite database: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  } finally {
    handle.close();
  }
}

/**
 * Restores by running the backup API the other way: the backup is copied page by page into the
 * live file under SQLite's own locking, so no WAL or journal is left half-old. Refused while a
 * Certus server holds the database (its lock file, see server-lock.ts): its open connections
 * would keep serving cached pages and writing over the restored data.
 */
export async function restoreSqlite(backupFile: string, targetFile: string, onProgress?: ProgressFn): Promise<{ migrations: number }> {
  assertNoServerHolds(targetFile);
  const inspected = inspectSqliteBackup(backupFile);
  const source = new SQLite(backupFile, { readonly: true, fileMustExist: true });
  try {
    await source.backup(targetFile, {
      progress({ totalPages, remainingPages }) {
        onProgress?.(totalPages - remainingPages, totalPages);
        return 200;
      },
    });
  } finally {
    source.close();
  }
  return inspected;
}

export const postgresBackupGuidance = `Certus is using PostgreSQL. Back it up with the database's own tools, which copy a consistent snapshot while Certus runs:

  pg_dump --format=custom --file=certus-$(date +%Y%m%d).dump "$DATABASE_URL"

and restore into an empty database (stop every Certus process first):

  pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" certus-YYYYMMDD.dump

Attachments are stored in the database, so the dump holds everything. For point-in-time recovery, use WAL archiving (see the PostgreSQL manual, "Continuous Archiving").`;
