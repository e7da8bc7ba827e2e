import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupSqlite, restoreSqlite } from './backup.js';
import { holdServerLock, liveServerLocks } from './server-lock.js';

describe('restoring a SQLite database a server may hold', () => {
  let dir: string;
  let live: string;
  let backup: string;
  const rows = () => {
    const db = new SQLite(live, { readonly: true });
    try { return (db.prepare('select count(*) as n from notes').get() as { n: number }).n; } finally { db.close(); }
  };
  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'certus-restore-'));
    live = path.join(dir, 'certus.db');
    backup = path.join(dir, 'backup.db');
    const db = new SQLite(live);
    db.exec("create table certus_migrations (name text); insert into certus_migrations values ('m1'); create table notes (body text); insert into notes values ('kept')");
    db.close();
    await backupSqlite(live, backup);
    const again = new SQLite(live);
    again.exec("insert into notes values ('after the backup')");
    again.close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses while a server holds the database, saying which and what to do, and leaves it alone', async () => {
    const lock = holdServerLock(live);
    try {
      await expect(restoreSqlite(backup, live)).rejects.toThrow(new RegExp(`A Certus server \\(pid ${process.pid} on .*\\) is using .*certus\\.db\\. Stop it first`));
      expect(rows()).toBe(2);
    } finally {
      lock.release();
    }
    expect(existsSync(lock.file)).toBe(false);
    await restoreSqlite(backup, live);
    expect(rows()).toBe(1);
  });

  it('is not blocked by the lock a crashed server left behind, and clears it', async () => {
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const deadPid = Number(gone.stdout);
    expect(deadPid).toBeGreaterThan(0);
    const stale = path.join(dir, `certus.db.server-${deadPid}.lock`);
    writeFileSync(stale, JSON.stringify({ pid: deadPid, host: os.hostname(), startedAt: '2026-12-01T08:00:00.000Z' }));
    expect(liveServerLocks(live)).toEqual([]);
    expect(existsSync(stale)).toBe(false);
    await restoreSqlite(backup, live);
    expect(rows()).toBe(1);
  });

  it('counts a lock from another machine as held, since its process cannot be checked', async () => {
    writeFileSync(path.join(dir, 'certus.db.server-1.lock'), JSON.stringify({ pid: 1, host: 'elsewhere.example', startedAt: '2026-12-01T08:00:00.000Z' }));
    await expect(restoreSqlite(backup, live)).rejects.toThrow(/pid 1 on elsewhere\.example.*If no server is running, delete/);
    expect(readdirSync(dir)).toContain('certus.db.server-1.lock');
  });
});
