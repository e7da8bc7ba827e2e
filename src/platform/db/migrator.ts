import { Migrator, sql, type Kysely, type Migration, type MigrationResultSet } from 'kysely';
import type { ColumnTypes } from './columns.js';
import { columnTypes } from './columns.js';
import type { Database } from './database.js';

/**
 * A migration owned by a module. Frozen in time: it sees an untyped database, never today's
 * table interfaces. Names start with a timestamp (`20261128T1200-kernel-records`) so that all
 * modules' migrations run in one global order.
 */
export interface ModuleMigration {
  name: string;
  up(db: Kysely<unknown>, types: ColumnTypes): Promise<void>;
}

const namePattern = /^\d{8}T\d{4}-[a-z0-9-]+$/;

/**
 * On PostgreSQL the migration tables are pinned to the connection's current schema: Kysely's
 * existence check otherwise matches a same-named table in any schema of the database.
 */
async function migrationSchema(database: Database): Promise<string | undefined> {
  if (database.dialect !== 'postgres') return undefined;
  const result = await sql<{ schema: string }>`select current_schema() as schema`.execute(database.db);
  return result.rows[0]?.schema;
}

async function migratorFor(database: Database, migrations: ModuleMigration[]): Promise<Migrator> {
  const seen = new Set<string>();
  const provided: Record<string, Migration> = {};
  const types = columnTypes(database.dialect);
  for (const migration of migrations) {
    if (!namePattern.test(migration.name)) throw new Error(`Migration name "${migration.name}" must look like 20261128T1200-what-it-does`);
    if (seen.has(migration.name)) throw new Error(`Two migrations are named "${migration.name}"`);
    seen.add(migration.name);
    provided[migration.name] = { up: (db) => migration.up(db as Kysely<unknown>, types) };
  }
  return new Migrator({
    db: database.db,
    provider: { getMigrations: async () => provided },
    migrationTableName: 'certus_migrations',
    migrationLockTableName: 'certus_migrations_lock',
    migrationTableSchema: await migrationSchema(database),
  });
}

function unwrap({ error, results }: MigrationResultSet): string[] {
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${reason}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Applies every pending migration in one go; returns the names applied. */
export async function migrateToLatest(database: Database, migrations: ModuleMigration[]): Promise<string[]> {
  return unwrap(await (await migratorFor(database, migrations)).migrateToLatest());
}

export async function pendingMigrations(database: Database, migrations: ModuleMigration[]): Promise<string[]> {
  const all = await (await migratorFor(database, migrations)).getMigrations();
  return all.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
