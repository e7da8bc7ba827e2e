import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backupSqlite } from '../../src/platform/db/backup.js';

const root = path.resolve(import.meta.dirname, '../..');
const cli = ['--import', 'tsx', path.join(root, 'src/cli/main.ts')];

describe('certus restore next to a running server', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'certus-cli-restore-'));
  const env = { ...process.env, CERTUS_DATA_DIR: dataDir, CERTUS_SQLITE_SYNCHRONOUS: 'NORMAL', CERTUS_DEMO: 'false', CERTUS_ADMIN_PASSWORD: 'a-long-admin-passphrase', PORT: '0', LOG_LEVEL: 'silent' };
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const locks = () => readdirSync(dataDir).filter((n) => n.endsWith('.lock'));

  // Three tsx processes (the server, then restore twice); each compiles the sources, so minutes.
  it('refuses and exits non-zero while the server runs, and restores once it has stopped', async () => {
    const server = spawn(process.execPath, [...cli, 'serve'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => server.once('exit', resolve));
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the server did not start: ${output}`)), 180_000);
      const read = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('is running at')) { clearTimeout(timer); resolve(); }
      };
      server.stdout.on('data', read);
      server.stderr.on('data', read);
      server.once('exit', () => { clearTimeout(timer); reject(new Error(`the server stopped: ${output}`)); });
    });
    try {
      expect(locks()).toEqual([`certus.db.server-${server.pid}.lock`]);
      const backupFile = path.join(dataDir, 'backup.db');
      await backupSqlite(path.join(dataDir, 'certus.db'), backupFile);
      const refused = spawnSync(process.execPath, [...cli, 'restore', backupFile], { cwd: root, env, encoding: 'utf8', timeout: 120_000 });
      expect(refused.status).not.toBe(0);
      expect(`${refused.stdout}${refused.stderr}`).toContain(`A Certus server (pid ${server.pid}`);
      expect(`${refused.stdout}${refused.stderr}`).toContain('Stop it first');
    } finally {
      server.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(locks()).toEqual([]);
    const restored = spawnSync(process.execPath, [...cli, 'restore', path.join(dataDir, 'backup.db')], { cwd: root, env, encoding: 'utf8', timeout: 120_000 });
    expect(restored.status, `${restored.stdout}${restored.stderr}`).toBe(0);
    expect(existsSync(path.join(dataDir, 'certus.db'))).toBe(true);
  }, 420_000);
});
