import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

function certus(args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/main.ts'), ...args], {
    cwd: root, encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'silent', ...env }, timeout: 120_000,
  });
  return { code: result.status, out: `${result.stdout}${result.stderr}` };
}

describe('the certus command on SQLite', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'certus-cli-'));
  const env = { CERTUS_DATA_DIR: dataDir, CERTUS_SQLITE_SYNCHRONOUS: 'NORMAL' };
  const file = path.join(dataDir, 'certus.db');
  const count = (sql: string) => {
    const db = new SQLite(file, { readonly: true });
    try { return (db.prepare(sql).get() as { n: number }).n; } finally { db.close(); }
  };

  // Ten separate processes, each compiling the sources through tsx: on a busy machine this alone
  // passed the suite's 60 s limit, so it gets five minutes.
  it('migrates, loads the demo, verifies, backs up and restores, and detects tampering', () => {
    const migrate = certus(['migrate'], env);
    expect(migrate.code, migrate.out).toBe(0);
    expect(migrate.out).toContain('20261128T1101-kernel');
    expect(certus(['migrate'], env).out).toContain('up to date');

    const demo = certus(['demo'], env);
    expect(demo.code, demo.out).toBe(0);
    expect(count('select count(*) as n from improvements')).toBeGreaterThan(0);

    const verify = certus(['verify'], env);
    expect(verify.code, verify.out).toBe(0);
    expect(verify.out).toMatch(/History intact: \d+ events/);

    const backupFile = path.join(dataDir, 'backup.db');
    const backup = certus(['backup', backupFile], env);
    expect(backup.code, backup.out).toBe(0);
    expect(certus(['backup', backupFile], env).code).not.toBe(0);

    const users = count('select count(*) as n from users');
    const add = certus(['user', 'add', '--email', 'late@northwind.example', '--name', 'Late Joiner', '--role', 'process-owner'], env);
    expect(add.code, add.out).toBe(0);
    expect(add.out).toMatch(/temporary password: \w{5}-/);
    expect(count('select count(*) as n from users')).toBe(users + 1);

    const restore = certus(['restore', backupFile], env);
    expect(restore.code, restore.out).toBe(0);
    expect(count('select count(*) as n from users')).toBe(users);
    expect(count("select count(*) as n from users where email = 'late@northwind.example'")).toBe(0);

    const notABackup = path.join(dataDir, 'nonsense.db');
    const bad = new SQLite(notABackup);
    bad.exec('create table x (y)');
    bad.close();
    const refused = certus(['restore', notABackup], env);
    expect(refused.code).not.toBe(0);
    expect(refused.out).toContain('not a Certus one');

    const db = new SQLite(file);
    db.prepare("update history_events set data = '{\"changes\":[]}' where seq = 2 and kind = 'transitioned' and rowid = (select min(rowid) from history_events where seq = 2 and kind = 'transitioned')").run();
    db.close();
    const tampered = certus(['verify'], env);
    expect(tampered.code).toBe(1);
    expect(tampered.out).toContain('TAMPERED');
    expect(tampered.out).toContain('hash-mismatch');
  }, 300_000);

  it('stops with a message naming a bad variable', () => {
    const result = certus(['migrate'], { ...env, PORT: 'abc' });
    expect(result.code).toBe(78);
    expect(result.out).toContain('Invalid configuration: PORT');
  });

  it('sends PostgreSQL users to pg_dump for backups', () => {
    const result = certus(['backup', path.join(dataDir, 'x.dump')], { ...env, DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test' });
    expect(result.code).toBe(2);
    expect(result.out).toContain('pg_dump --format=custom');
  });
});
