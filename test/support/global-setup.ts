import pg from 'pg';
import type { TestProject } from 'vitest/node';

export const defaultPostgresUrl = 'postgres://postgres@127.0.0.1:5432/test';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string | null;
  }
}

/**
 * Decides once per run whether the PostgreSQL half of the suite runs. In CI an unreachable
 * PostgreSQL fails the run; on a developer's machine those tests are skipped with one line.
 */
export default async function setup(project: TestProject): Promise<void> {
  const url = process.env.CERTUS_TEST_POSTGRES_URL ?? defaultPostgresUrl;
  if (process.env.CERTUS_TEST_POSTGRES === 'off') {
    console.log('PostgreSQL tests skipped: CERTUS_TEST_POSTGRES=off');
    project.provide('postgresUrl', null);
    return;
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    project.provide('postgresUrl', url);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (process.env.CI) throw new Error(`PostgreSQL at ${url} is unreachable in CI: ${reason}`, { cause: error });
    console.log(`PostgreSQL tests skipped: ${url} is unreachable (${reason})`);
    project.provide('postgresUrl', null);
  } finally {
    await client.end().catch(() => undefined);
  }
}
