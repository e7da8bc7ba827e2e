import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const sample = path.join(root, 'test/fixtures/xes/bpic2013-incidents-sample.xes');
const bad = path.join(root, 'test/fixtures/xes/bpic2013-incidents-bad-timestamp.xes');

function certus(args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/main.ts'), ...args], {
    cwd: root, encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'silent', ...env }, timeout: 120_000,
  });
  return { code: result.status, out: `${result.stdout}${result.stderr}` };
}

describe('certus import xes on SQLite', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'certus-cli-xes-'));
  const env = { CERTUS_DATA_DIR: dataDir, CERTUS_SQLITE_SYNCHRONOUS: 'NORMAL' };
  const incidents = () => {
    const db = new SQLite(path.join(dataDir, 'certus.db'), { readonly: true });
    try { return (db.prepare('select count(*) as n from incidents').get() as { n: number }).n; } finally { db.close(); }
  };

  // Several processes, each compiling the sources through tsx: slow on a busy machine.
  it('checks a log, refuses one with a bad timestamp, imports, and imports again without duplicates', () => {
    expect(certus(['migrate'], env).code).toBe(0);
    expect(certus(['user', 'add', '--email', 'admin@cli.example', '--name', 'Admin', '--role', 'administrator', '--password', 'Long-password-2026!'], env).code).toBe(0);
    const dry = certus(['import', 'xes', sample, '--dry-run'], env);
    expect(dry.code, dry.out).toBe(0);
    expect(dry.out).toContain('Dry run (bpic2013-incidents → incidents): 11 events, 3 traces, 0 imported, 0 already there, 0 problem(s)');
    expect(dry.out).toContain('Throughput (first event to last) of 3 cases: mean 40.7 hours');
    const refused = certus(['import', 'xes', bad], env);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('line 71 (1-200): time:timestamp "2012-02-30T09:30:00+01:00" is not an XES date');
    expect(incidents()).toBe(0);
    expect(certus(['import', 'xes', sample], env).out).toContain('3 imported, 0 already there');
    expect(certus(['import', 'xes', sample], env).out).toContain('0 imported, 3 already there');
    expect(incidents()).toBe(3);
  }, 300_000);
});
