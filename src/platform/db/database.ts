import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type SqliteDatabase, type Transaction } from 'kysely';
import pg from 'pg';
import type { Config } from '../config/config.js';
import type { Dialect } from './columns.js';
import type { CertusTables } from './tables.js';

export type DB = Kysely<CertusTables>;
export type Trx = Transaction<CertusTables>;
/** Anything a query can run on: the database or an open transaction. */
export type Executor = DB | Trx;

export interface Database {
  db: DB;
  dialect: Dialect;
  /** The SQLite file, when the store is SQLite. */
  sqliteFile: string | null;
  close(): Promise<void>;
}

// int8 (counts, epoch milliseconds) as numbers: every instant fits well inside 2^53.
pg.types.setTypeParser(20, (value) => Number(value));

export function sqliteFileFor(config: Pick<Config, 'dataDir'>): string {
  return path.join(config.dataDir, 'certus.db');
}

export function openSqlite(file: string, synchronous: Config['sqliteSynchronous']): SQLite.Database {
  mkdirSync(path.dirname(file), { recursive: true });
  const handle = new SQLite(file);
  handle.pragma('journal_mode = WAL');
  handle.pragma('foreign_keys = ON');
  handle.pragma('busy_timeout = 5000');
  handle.pragma(`synchronous = ${synchronous}`);
  return handle;
}

/**
 * better-sqlite3 compiles a statement on every prepare() and Kysely prepares every query it
 * runs; keeping the compiled statements of the few hundred distinct queries Certus issues
 * removes that cost from every request. Safe because Kysely runs one query at a time on the
 * single SQLite connection.
 */
export function withStatementCache(handle: SQLite.Database, size = 500): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (statement) {
        cache.delete(sql);
      } else {
        statement = handle.prepare(sql);
        if (cache.size >= size) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, statement);
      return statement;
    },
    close: () => { cache.clear(); handle.close(); },
  };
}

export function createDatabase(config: Pick<Config, 'dataDir' | 'databaseUrl' | 'sqliteSynchronous'>): Database {
  if (config.databaseUrl) {
    const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 10 });
    const db = new Kysely<CertusTables>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', sqliteFile: null, close: () => db.destroy() };
  }
  const file = sqliteFileFor(config);
  const handle = openSqlite(file, config.sqliteSynchronous);
  const db = new Kysely<CertusTables>({ dialect: new SqliteDialect({ database: withStatementCache(handle) }) });
  return { db, dialect: 'sqlite', sqliteFile: file, close: () => db.destroy() };
}

export async function pingDatabase(db: DB): Promise<void> {
  await sql`select 1`.execute(db);
}
