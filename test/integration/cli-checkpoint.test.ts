import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openCertus } from '../../src/certus.js';
import { loadConfig } from '../../src/platform/config/config.js';
import { createUser } from '../../src/platform/auth/users.service.js';

const root = path.resolve(import.meta.dirname, '../..');

function certus(args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/main.ts'), ...args], {
    cwd: root, encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'silent', ...env }, timeout: 120_000,
  });
  return { code: result.status, out: `${result.stdout}${result.stderr}` };
}

describe('certus checkpoint and verify on SQLite', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'certus-cli-checkpoint-'));
  const env = { CERTUS_DATA_DIR: dataDir, CERTUS_SQLITE_SYNCHRONOUS: 'NORMAL' };

  // Three tsx processes in a row: minutes on a busy machine, not the suite's 60 s.
  it('makes and exports a checkpoint, then names a record whose history was cut back', async () => {
    const app = await openCertus(loadConfig({ ...env, LOG_LEVEL: 'silent' }), { logger: false, serveWeb: false });
    let subject: { reference: string; id: string };
    try {
      const user = await app.database.db.transaction().execute((trx) => createUser(trx, { email: 'cli.manager@test.example', displayName: 'CLI manager', password: 'correct-horse-battery', roles: ['sms-manager'] }));
      const signIn = await app.app.inject({ method: 'POST', url: '/api/session', payload: { email: user.email, password: 'correct-horse-battery' } });
      const cookie = signIn.cookies.find((c) => c.name === 'certus_session')!.value;
      const csrf = (signIn.json() as { csrfToken: string }).csrfToken;
      const headers = { cookie: `certus_session=${cookie}`, 'x-csrf-token': csrf };
      const created = await app.app.inject({ method: 'POST', url: '/api/improvements', headers, payload: { title: 'Cut back', source: 'audit', priority: 'low' } });
      subject = created.json() as { reference: string; id: string };
      const { id } = subject;
      await app.app.inject({ method: 'POST', url: `/api/improvements/${id}/comments`, headers, payload: { body: 'noted', visibility: 'internal' } });
      await app.app.inject({ method: 'POST', url: `/api/improvements/${id}/comments`, headers, payload: { body: 'noted again', visibility: 'internal' } });
    } finally {
      await app.close();
    }

    const { reference, id } = subject;
    const made = certus(['checkpoint'], env);
    expect(made.code, made.out).toBe(0);
    expect(made.out).toMatch(/Checkpoint 1 made at .*\nHash: [0-9a-f]{64}/);
    const exported = certus(['checkpoint', 'export'], env);
    expect(exported.code, exported.out).toBe(0);
    const copy = JSON.parse(exported.out.trim()) as { seq: number; hash: string };
    expect(made.out).toContain(copy.hash);

    const db = new SQLite(path.join(dataDir, 'certus.db'));
    const second = db.prepare('select hash from history_events where record_id = ? and seq = 2').get(id) as { hash: string };
    db.prepare('delete from history_events where record_id = ? and seq = 3').run(id);
    db.prepare('delete from record_comments where record_id = ? and body = ?').run(id, 'noted again');
    db.prepare('update history_heads set seq = 2, hash = ? where record_id = ?').run(second.hash, id);
    db.close();
    const tampered = certus(['verify', '--expect-checkpoint', `${copy.seq}:${copy.hash}`], env);
    expect(tampered.code, tampered.out).toBe(1);
    expect(tampered.out).toContain('TAMPERED');
    expect(tampered.out).toContain(`${reference} event 2: head-rolled-back — ${reference}'s chain has 2 events but checkpoint 1 recorded 3`);
  }, 300_000);
});
