import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Config } from './platform/config/config.js';
import { createDatabase, type Database } from './platform/db/database.js';
import { migrateToLatest, pendingMigrations, type ModuleMigration } from './platform/db/migrator.js';
import { PermissionRegistry, platformGrants } from './platform/auth/permissions.js';
import { authMigration } from './platform/auth/migrations/20261128T1100-auth.js';
import { oidcMigration } from './platform/auth/migrations/20261203T1240-auth-oidc.js';
import { buildApp } from './platform/http/app.js';
import { ensureSchedule } from './platform/jobs/job-queue.js';
import { JobRunner } from './platform/jobs/job-runner.js';
import { jobsMigration } from './platform/jobs/migrations/20261128T1300-jobs.js';
import { emailJobKind, emailSender } from './platform/notify/mailer.js';
import { kernelMigration } from './kernel/migrations/20261128T1101-kernel.js';
import { kernelCheckpointsMigration } from './kernel/migrations/20261203T1231-kernel-checkpoints.js';
import { checkpointJob, checkpointJobKind, checkpointScheduleName } from './kernel/integrity/checkpoint.job.js';
import { integrityGrants } from './kernel/integrity/integrity.grants.js';
import { integrityRoutes } from './kernel/integrity/integrity.routes.js';
import { kernelRoutes } from './kernel/kernel.routes.js';
import type { CertusModule } from './kernel/module.js';
import { RecordTypeRegistry } from './kernel/records/record-registry.js';
import { recordActivityRoutes } from './kernel/records/record-activity.routes.js';
import { recordRoutes } from './kernel/records/record.routes.js';
import { ensureCounter } from './kernel/records/references.js';
import { modules as processModules } from './modules/registry.js';
import { complianceModule } from './compliance/index.js';
import './platform/auth/auth.tables.js';
import './kernel/kernel.tables.js';

/** The folder holding package.json, whether running from src/ (tsx) or dist/src/ (built). */
function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error('package.json not found above ' + from);
  }
}

export const projectRoot = findProjectRoot(path.dirname(fileURLToPath(import.meta.url)));
export const version = (JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version;

export interface Assembly {
  modules: CertusModule[];
  registry: RecordTypeRegistry;
  permissions: PermissionRegistry;
  migrations: ModuleMigration[];
}

/** The SMS process modules, then the compliance layer that reads their facts. */
export const allModules: CertusModule[] = [...processModules, complianceModule];

/** Puts platform, kernel and modules together; pure, so tests can assemble their own set. */
export function assemble(modules: CertusModule[] = allModules): Assembly {
  const registry = new RecordTypeRegistry();
  const permissions = new PermissionRegistry();
  permissions.grant(platformGrants);
  permissions.grant(integrityGrants);
  for (const lookup of modules.flatMap((m) => m.lookups ?? [])) registry.registerLookup(lookup);
  for (const module of modules) {
    for (const def of module.recordTypes) registry.register(def);
    if (module.grants) permissions.grant(module.grants);
  }
  permissions.grant(registry.grants());
  return { modules, registry, permissions, migrations: [authMigration, oidcMigration, kernelMigration, jobsMigration, kernelCheckpointsMigration, ...modules.flatMap((m) => m.migrations)] };
}

/** Brings the schema up to date and makes sure every reference prefix has its counter. */
export async function prepareDatabase(database: Database, assembly: Assembly): Promise<string[]> {
  const applied = await migrateToLatest(database, assembly.migrations);
  for (const def of assembly.registry.all()) await ensureCounter(database.db, def.prefix);
  return applied;
}

export interface Certus {
  app: FastifyInstance;
  database: Database;
  assembly: Assembly;
  jobs: JobRunner;
  close(): Promise<void>;
}

/** The job runner with the platform's handlers and every module's, schedules ensured. */
export async function jobRunnerFor(database: Database, assembly: Assembly, config: Config, log?: FastifyBaseLogger): Promise<JobRunner> {
  const runner = new JobRunner(database, log);
  runner.register(emailJobKind, emailSender(config, (message) => log?.info(message)));
  runner.register(checkpointJobKind, checkpointJob(assembly.registry, config, log));
  await ensureSchedule(database.db, checkpointScheduleName, checkpointJobKind, config.checkpointIntervalMinutes * 60_000);
  for (const module of assembly.modules) {
    for (const [kind, handler] of Object.entries(module.jobs ?? {})) runner.register(kind, handler);
    for (const schedule of module.schedules ?? []) await ensureSchedule(database.db, schedule.name, schedule.kind, schedule.intervalMs);
  }
  return runner;
}

export async function openCertus(config: Config, options: { logger?: boolean; serveWeb?: boolean; assembly?: Assembly } = {}): Promise<Certus> {
  const assembly = options.assembly ?? assemble();
  const database = createDatabase(config);
  try {
    await prepareDatabase(database, assembly);
    const plugins = [
      kernelRoutes(assembly.registry, assembly.modules.flatMap((m) => m.menu ?? [])),
      integrityRoutes(assembly.registry),
      ...assembly.registry.all().flatMap((def) => [recordRoutes(def, assembly.registry), recordActivityRoutes(def, assembly.registry)]),
      ...assembly.modules.flatMap((m) => (m.routes ? [m.routes] : [])),
    ];
    const app = await buildApp({
      config, database, permissions: assembly.permissions, plugins, version,
      isMigrated: async () => (await pendingMigrations(database, assembly.migrations)).length === 0,
      webRoot: options.serveWeb === false ? undefined : projectRoot,
      logger: options.logger,
      decorate: (instance) => instance.decorate('recordTypes', assembly.registry),
    });
    await app.ready();
    const jobs = await jobRunnerFor(database, assembly, config, app.log);
    return { app, database, assembly, jobs, close: async () => { await jobs.stop(); await app.close(); await database.close(); } };
  } catch (error) {
    await database.close();
    throw error;
  }
}
