import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { loadConfig, type Config } from '../../src/platform/config/config.js';

export interface TestStore {
  name: 'sqlite' | 'postgres';
  config: Config;
  drop(): Promise<void>;
}

export type StoreName = TestStore['name'];

/** The databases this run covers: SQLite always, PostgreSQL when global setup reached it. */
export function storeNames(): StoreName[] {
  return inject('postgresUrl') ? ['sqlite', 'postgres'] : ['sqlite'];
}

/**
 * A fresh, empty store: a temporary SQLite file, or a new PostgreSQL schema reached through
 * search_path, so test files never see each other's rows.
 */
export async function createTestStore(name: StoreName, overrides: Record<string, string> = {}): Promise<TestStore> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'certus-test-'));
  const base = { CERTUS_DATA_DIR: dataDir, LOG_LEVEL: 'silent', CERTUS_SQLITE_SYNCHRONOUS: 'NORMAL', ...overrides };
  if (name === 'sqlite') {
    return { name, config: loadConfig(base), drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const url = inject('postgresUrl');
  if (!url) throw new Error('PostgreSQL is not available in this run');
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const scoped = new URL(url);
  scoped.searchParams.set('options', `-c search_path=${schema}`);
  return {
    name,
    config: loadConfig({ ...base, DATABASE_URL: scoped.toString() }),
    drop: async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
