import type { FastifyPluginAsync } from 'fastify';
import type { Grants } from '../platform/auth/permissions.js';
import type { ModuleMigration } from '../platform/db/migrator.js';
import type { Database } from '../platform/db/database.js';
import type { RecordTypeDefinition } from './records/record-type.js';
import type { FieldLookup } from './records/field-lookup.js';
import type { JobHandler } from '../platform/jobs/job-runner.js';

export interface DemoContext {
  database: Database;
  /** Demo users by role, created by the platform's demo loader before modules run. */
  usersByRole: Record<string, string>;
  /** The demo's requesters (user ids), the requester role's own person first: each has tickets of their own. */
  requesters: string[];
  now: number;
}

/** The navigation's sections: the standard's parts, the top ("work") and the compliance pages. */
export const navigationGroupIds = ['work', 'context', 'portfolio', 'relationship', 'supply', 'design', 'resolution', 'assurance', 'operation', 'evaluation', 'improvement', 'compliance'] as const;
export type NavigationGroupId = (typeof navigationGroupIds)[number];

/**
 * A page of the web app a module adds to the navigation, shown to those holding `permission`.
 * Record lists need no entry: every readable record type appears by itself under its clause.
 */
export interface MenuEntry {
  label: string;
  path: string;
  /** The section it sits in: `work` beside "My work", a part of the standard, or `compliance`. */
  group: NavigationGroupId;
  description?: string;
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
  /** What its text fields, or other modules', name by id and the kernel shows by name (business calendars). */
  lookups?: FieldLookup[];
  migrations: ModuleMigration[];
  grants?: Grants;
  routes?: FastifyPluginAsync;
  demo?: (context: DemoContext) => Promise<void>;
  /**
   * Demo data that judges the other demos' records (the compliance engine's gap assessment):
   * run after every module's demo and every backfill the demo loader runs, whatever their order.
   */
  demoAssessment?: (context: DemoContext) => Promise<void>;
  /** Durable job handlers by kind, and recurring schedules that enqueue them. */
  jobs?: Record<string, JobHandler>;
  schedules?: { name: string; kind: string; intervalMs: number }[];
  menu?: MenuEntry[];
}
