import type { FastifyPluginAsync } from 'fastify';
import type { Grants } from '../platform/auth/permissions.js';
import type { ModuleMigration } from '../platform/db/migrator.js';
import type { Database } from '../platform/db/database.js';
import type { RecordTypeDefinition } from './records/record-type.js';
import type { JobHandler } from '../platform/jobs/job-runner.js';

export interface DemoContext {
  database: Database;
  /** Demo users by role, created by the platform's demo loader before modules run. */
  usersByRole: Record<string, string>;
  now: number;
}

export interface MenuEntry {
  label: string;
  path: string;
  /** The area of the standard it sits under, for the navigation. */
  group: string;
  permission: `${string}:${string}`;
}

/**
 * A module's manifest: everything the server needs to mount one SMS process.
 * Registration order is the array order in src/modules/registry.ts.
 */
export interface CertusModule {
  name: string;
  clause: string;
  recordTypes: RecordTypeDefinition[];
  migrations: ModuleMigration[];
  grants?: Grants;
  routes?: FastifyPluginAsync;
  demo?: (context: DemoContext) => Promise<void>;
  /** Durable job handlers by kind, and recurring schedules that enqueue them. */
  jobs?: Record<string, JobHandler>;
  schedules?: { name: string; kind: string; intervalMs: number }[];
  menu?: MenuEntry[];
}
