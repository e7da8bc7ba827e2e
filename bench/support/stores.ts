import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface BenchStore {
  name: 'sqlite' | 'postgres';
  env: Record<string, string>;
  sqliteFile: string | null;
  postgresUrl: string | null;
  drop(): Promise<void>;
}

export const postgresUrl = process.env.CERTUS_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A fresh store for one bench run: a new SQLite file, or a new PostgreSQL schema. */
export async function benchStore(name: 'sqlite' | 'postgres'): Promise<BenchStore> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'certus-bench-'));
  if (name === 'sqlite') {
    return { name, env: { CERTUS_DATA_DIR: dataDir }, sqliteFile: path.join(dataDir, 'certus.db'), postgresUrl: null, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = new URL(postgresUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    name, env: { CERTUS_DATA_DIR: dataDir, DATABASE_URL: url.toString() }, sqliteFile: null, postgresUrl: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: postgresUrl });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export interface RunFigures {
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
}

export function figures(latenciesMs: number[], seconds: number): RunFigures {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return { seconds, perSecond: latenciesMs.length / seconds, p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
}
