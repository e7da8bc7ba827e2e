#!/usr/bin/env node
import { Command, InvalidArgumentError } from 'commander';
import { assemble, openCertus, prepareDatabase, version } from '../certus.js';
import { demoEmail, demoOrganisation, demoPassword, loadDemo } from '../demo.js';
import { ConfigError, loadConfig, type Config } from '../platform/config/config.js';
import { backupSqlite, postgresBackupGuidance, restoreSqlite } from '../platform/db/backup.js';
import { createDatabase, sqliteFileFor, type Database } from '../platform/db/database.js';
import { holdServerLock } from '../platform/db/server-lock.js';
import { isRole, type Role } from '../platform/auth/roles.js';
import { temporaryPassword } from '../platform/auth/secrets.js';
import { createUser, findUserByEmail, setPassword } from '../platform/auth/users.service.js';
import { AppError } from '../platform/http/app-error.js';
import { latestCheckpoint, makeCheckpoint } from '../kernel/integrity/checkpoint.service.js';
import type { ExpectedCheckpoint } from '../kernel/integrity/checkpoint-verify.js';
import { recordName } from '../kernel/integrity/integrity-problem.js';
import { parseExpectedCheckpoint, verifyIntegrity } from '../kernel/integrity/integrity-verify.js';
import { bootstrapAdministrator } from './bootstrap.js';
import { durationText, fileSource, importServicenowIncidents, importXesLog, xesFileSource, xesKinds, type XesKind } from '../modules/incidents/index.js';
import { progressBar } from './progress.js';

function config(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}

/** Opens the database with the schema brought up to date, runs `work`, and closes it. */
async function withDatabase<T>(work: (database: Database, cfg: Config) => Promise<T>): Promise<T> {
  const cfg = config();
  const database = createDatabase(cfg);
  try {
    await prepareDatabase(database, assemble());
    return await work(database, cfg);
  } finally {
    await database.close();
  }
}

function roleList(value: string): Role[] {
  const list = value.split(',').map((r) => r.trim()).filter(Boolean);
  const unknown = list.find((r) => !isRole(r));
  if (unknown) throw new InvalidArgumentError(`"${unknown}" is not a role`);
  return list as Role[];
}

const program = new Command('certus').version(version).description('Certus: Service Management System for ISO/IEC 20000-1:2018');

program.command('serve', { isDefault: true }).description('Apply migrations and start the server').action(async () => {
  const cfg = config();
  const certus = await openCertus(cfg);
  // Tells `certus restore` that this process holds the SQLite file; gone when the process ends.
  const lock = certus.database.sqliteFile ? holdServerLock(certus.database.sqliteFile) : null;
  const admin = await bootstrapAdministrator(certus.database, cfg);
  let demo = false;
  if (admin && cfg.loadDemo) {
    const bar = progressBar('Loading the demo organisation');
    demo = await loadDemo(certus.database, certus.assembly, (done, total, what) => bar.update(done, total, what));
    bar.stop();
  }
  const address = await certus.app.listen({ port: cfg.port, host: cfg.host });
  certus.jobs.start(cfg.jobIntervalMs);
  const lines = [`Certus ${version} is running at ${address.replace('127.0.0.1', 'localhost')} (${certus.database.dialect}${certus.database.sqliteFile ? `: ${certus.database.sqliteFile}` : ''})`];
  if (admin) lines.push(admin.generatedPassword ? `Administrator: ${admin.email} / ${admin.generatedPassword} (shown once; you will be asked to change it)` : `Administrator: ${admin.email} (password from CERTUS_ADMIN_PASSWORD)`);
  if (demo) lines.push(`Demo organisation "${demoOrganisation}" loaded. Sign in as ${demoEmail('sms-manager')} (or any role, e.g. ${demoEmail('internal-auditor')}) with the password ${demoPassword}`);
  lines.push(`API reference: ${address.replace('127.0.0.1', 'localhost')}/api/docs`);
  console.log(lines.join('\n'));
  const stop = async (signal: string) => {
    certus.app.log.info({ signal }, 'shutting down');
    await certus.close();
    lock?.release();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
});

program.command('migrate').description('Apply pending database migrations').action(async () => {
  const cfg = config();
  const database = createDatabase(cfg);
  try {
    const applied = await prepareDatabase(database, assemble());
    console.log(applied.length ? `Applied ${applied.length} migration(s):\n  ${applied.join('\n  ')}` : 'The database is up to date.');
  } finally {
    await database.close();
  }
});

const user = program.command('user').description('Manage users');
user.command('add').description('Add a user; prints a temporary password unless --password is given')
  .requiredOption('--email <email>').requiredOption('--name <name>', 'display name')
  .requiredOption('--role <roles>', 'comma-separated roles, e.g. sms-manager,process-owner', roleList)
  .option('--password <password>')
  .action(async (options: { email: string; name: string; role: Role[]; password?: string }) => withDatabase(async ({ db }) => {
    const temporary = options.password ? null : temporaryPassword();
    const created = await db.transaction().execute((trx) => createUser(trx, { email: options.email, displayName: options.name, roles: options.role, password: options.password ?? temporary!, mustChangePassword: temporary !== null }));
    console.log(`Added ${created.email} (${created.roles.join(', ')})${temporary ? `; temporary password: ${temporary}` : ''}`);
  }));
user.command('reset').description('Reset a user\'s password to a temporary one and end their sessions')
  .requiredOption('--email <email>')
  .action(async (options: { email: string }) => withDatabase(async ({ db }) => {
    const found = await findUserByEmail(db, options.email);
    if (!found) throw AppError.notFound(`User ${options.email}`);
    const temporary = temporaryPassword();
    await db.transaction().execute((trx) => setPassword(trx, found.id, temporary, true));
    console.log(`Temporary password for ${found.email}: ${temporary} (must be changed at next sign-in)`);
  }));

program.command('verify').description('Re-walk every record\'s history, comments and files, and check them against the latest checkpoint')
  .option('--expect-checkpoint <hash>', 'a checkpoint kept elsewhere (`certus checkpoint export`): its hash, or seq:hash', (value: string) => {
    const expected = parseExpectedCheckpoint(value);
    if (!expected) throw new InvalidArgumentError('give the checkpoint\'s 64-character hash, or its number and hash as 12:hash');
    return expected;
  })
  .action(async (options: { expectCheckpoint?: ExpectedCheckpoint }) => withDatabase(async (database) => {
    const bar = progressBar('Verifying history');
    const report = await verifyIntegrity(database, assemble().registry, { expected: options.expectCheckpoint, onProgress: (done, total) => bar.update(done, total, 'events') });
    bar.stop();
    const against = report.checkpoint
      ? `checked against checkpoint ${report.checkpoint.seq} of ${report.checkpoint.at} (hash ${report.checkpoint.hash}); ${report.newerThanCheckpoint} record(s) newer than it checked by their own chain only`
      : 'no checkpoint made yet, so only each chain by itself was checked (make one with `certus checkpoint`)';
    if (report.ok) {
      console.log(`History intact: ${report.events} events in ${report.records} record chains verified; ${report.statesChecked} records match their history; ${report.comments} comments and ${report.attachments} attachments match their hashes; ${against}.`);
      return;
    }
    console.log(`History TAMPERED: ${report.problems.length} problem(s) in ${report.records} chains (${report.events} events); ${against}:`);
    for (const p of report.problems) console.log(`  ${recordName(p)}${p.seq !== null ? ` event ${p.seq}` : ''}: ${p.problem} — ${p.detail}`);
    process.exitCode = 1;
  }));

const checkpoint = program.command('checkpoint').description('Anchor every record\'s chain head, comment and attachment in the checkpoint chain');
checkpoint.command('make', { isDefault: true }).description('Make a checkpoint now').action(async () => withDatabase(async (database, cfg) => {
  const outcome = await makeCheckpoint(database, assemble().registry, { notifyEmail: cfg.checkpointEmail });
  const c = outcome.checkpoint;
  console.log(`Checkpoint ${c.seq} made at ${c.at}: ${c.records} records (${c.events} events), ${c.comments} comments, ${c.attachments} attachments.\nHash: ${c.hash}`);
  if (outcome.withheld.length === 0) return;
  console.log(`${outcome.withheld.length} change(s) were not anchored because history cannot explain them (run certus verify):`);
  for (const item of outcome.withheld) console.log(`  ${recordName(item)} (${item.kind} ${item.itemId}): ${item.reason}`);
  process.exitCode = 1;
}));
checkpoint.command('export').description('Print the latest checkpoint\'s number, time and hash as JSON, to keep outside the database').action(async () => withDatabase(async ({ db }) => {
  const latest = await latestCheckpoint(db);
  if (!latest) throw new Error('No checkpoint has been made yet: run certus checkpoint');
  console.log(JSON.stringify({ seq: latest.seq, at: latest.at, hash: latest.hash, root: latest.root }));
}));

program.command('backup <file>').description('Back up the database (SQLite online backup; guidance for PostgreSQL)').action(async (file: string) => {
  const cfg = config();
  if (cfg.databaseUrl) {
    console.log(postgresBackupGuidance);
    process.exitCode = 2;
    return;
  }
  const bar = progressBar('Backing up');
  const { pages } = await backupSqlite(sqliteFileFor(cfg), file, (done, total) => bar.update(done, total, 'pages'));
  bar.stop();
  console.log(`Backed up ${pages} pages to ${file}`);
});

program.command('restore <file>').description('Restore a SQLite backup over the current database (refused while a Certus server is using it)').action(async (file: string) => {
  const cfg = config();
  if (cfg.databaseUrl) {
    console.log(postgresBackupGuidance);
    process.exitCode = 2;
    return;
  }
  const bar = progressBar('Restoring');
  const { migrations } = await restoreSqlite(file, sqliteFileFor(cfg), (done, total) => bar.update(done, total, 'pages'));
  bar.stop();
  console.log(`Restored ${file} (${migrations} migrations recorded) into ${sqliteFileFor(cfg)}. Start Certus to apply any newer migrations.`);
});

const importCommand = program.command('import').description('Import records');

importCommand.command('incidents <file>')
  .description('Import a ServiceNow incident audit export (.csv, or a .zip holding one)')
  .option('--dry-run', 'check every row and report problems; write nothing')
  .option('--as <email>', 'the user recorded as importing (default: the first administrator)')
  .action(async (file: string, options: { dryRun?: boolean; as?: string }) => withDatabase(async (database) => {
    const { db } = database;
    const actor = options.as
      ? await findUserByEmail(db, options.as)
      : await db.selectFrom('users').innerJoin('user_roles', 'user_roles.user_id', 'users.id').selectAll('users').where('user_roles.role', '=', 'administrator').orderBy('users.created_at').executeTakeFirst();
    if (!actor) throw new Error(options.as ? `No user ${options.as}` : 'No administrator exists yet; start Certus once or pass --as');
    const bar = progressBar(options.dryRun ? 'Checking' : 'Importing');
    const report = await importServicenowIncidents(database, fileSource(file), {
      dryRun: options.dryRun === true, actorId: actor.id,
      onProgress: (done, total) => bar.update(done, total ?? done, 'rows'),
    });
    bar.stop();
    console.log(`${report.dryRun ? 'Dry run' : 'Import'}: ${report.rows} rows, ${report.incidents} incidents, ${report.imported} imported, ${report.alreadyImported} already there, ${report.issueCount} problem(s); ${report.seconds} s (${report.rowsPerSecond} rows/s)`);
    for (const issue of report.issues) console.log(`  line ${issue.line}${issue.number ? ` (${issue.number})` : ''}: ${issue.field} ${issue.reason}`);
    if (report.issueCount > report.issues.length) console.log(`  … and ${report.issueCount - report.issues.length} more`);
    for (const note of report.notes) console.log(`  note: ${note}`);
    if (report.issueCount > 0) process.exitCode = 1;
  }));

importCommand.command('xes <file>')
  .description('Import an XES event log (.xes or .xes.gz) of incidents or problems; its kind is detected from its first trace')
  .option('--dry-run', 'check every trace and report problems; write nothing')
  .option('--kind <kind>', `read the log as this kind: ${xesKinds.join(', ')}`)
  .option('--as <email>', 'the user recorded as importing (default: the first administrator)')
  .action(async (file: string, options: { dryRun?: boolean; kind?: string; as?: string }) => withDatabase(async (database) => {
    if (options.kind !== undefined && !(xesKinds as readonly string[]).includes(options.kind)) throw new Error(`--kind must be one of ${xesKinds.join(', ')}`);
    const { db } = database;
    const actor = options.as
      ? await findUserByEmail(db, options.as)
      : await db.selectFrom('users').innerJoin('user_roles', 'user_roles.user_id', 'users.id').selectAll('users').where('user_roles.role', '=', 'administrator').orderBy('users.created_at').executeTakeFirst();
    if (!actor) throw new Error(options.as ? `No user ${options.as}` : 'No administrator exists yet; start Certus once or pass --as');
    const bar = progressBar(options.dryRun ? 'Checking' : 'Importing');
    const started = performance.now();
    const { check, written } = await importXesLog(database, xesFileSource(file), file.split(/[\\/]/).pop() ?? file, {
      dryRun: options.dryRun === true, actorId: actor.id, overrides: options.kind ? { kind: options.kind as XesKind } : {},
      onStep: (step) => (step.totalRows === null ? bar.update(step.bytes, step.totalBytes ?? step.bytes, 'bytes') : bar.update(step.rows, step.totalRows, 'events')),
    });
    bar.stop();
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const { throughput } = check;
    console.log(`${written ? 'Import' : 'Dry run'} (${check.settings.kind} → ${check.settings.recordType}): ${check.rows} events, ${check.incidents} traces, ${written?.imported ?? 0} imported, ${written?.alreadyImported ?? 0} already there, ${check.issueCount} problem(s); ${seconds} s`);
    if (throughput.meanMs !== null && throughput.medianMs !== null) console.log(`Throughput (first event to last) of ${throughput.cases} cases: mean ${durationText(throughput.meanMs)} (${throughput.meanMs} ms), median ${durationText(throughput.medianMs)} (${throughput.medianMs} ms)`);
    for (const issue of check.issues) console.log(`  line ${issue.line}${issue.number ? ` (${issue.number})` : ''}: ${issue.field} ${issue.reason}`);
    if (check.issueCount > check.issues.length) console.log(`  … and ${check.issueCount - check.issues.length} more`);
    for (const note of check.notes) console.log(`  note: ${note}`);
    if (check.issueCount > 0) process.exitCode = 1;
  }));

program.command('demo').description('Load the demo organisation into this database').action(async () => withDatabase(async (database) => {
  const bar = progressBar('Loading the demo organisation');
  const loaded = await loadDemo(database, assemble(), (done, total, what) => bar.update(done, total, what));
  bar.stop();
  console.log(loaded ? `Demo organisation "${demoOrganisation}" loaded. Sign in as ${demoEmail('sms-manager')} with ${demoPassword}.` : 'The demo organisation is already loaded.');
}));

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
