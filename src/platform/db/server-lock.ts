import { readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** What a running server writes beside its SQLite file. */
export interface ServerLock {
  pid: number;
  host: string;
  startedAt: string;
  file: string;
}

const suffix = '.lock';
const prefixOf = (sqliteFile: string) => `${path.basename(sqliteFile)}.server-`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Records that this process serves the database: one small file per server process beside the
 * SQLite file (`certus.db.server-<pid>.lock`), removed when the server stops. A file left by a
 * server that crashed names a process that no longer exists, so it never blocks for long.
 */
export function holdServerLock(sqliteFile: string, now = new Date()): { file: string; release(): void } {
  const file = path.join(path.dirname(sqliteFile), `${prefixOf(sqliteFile)}${process.pid}${suffix}`);
  writeFileSync(file, JSON.stringify({ pid: process.pid, host: os.hostname(), startedAt: now.toISOString() }));
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    try { unlinkSync(file); } catch { /* already gone */ }
  };
  process.once('exit', release);
  return { file, release };
}

/**
 * The servers that hold the database now. Locks of processes that are gone on this machine are
 * stale and removed; a lock from another machine cannot be checked, so it counts as held.
 */
export function liveServerLocks(sqliteFile: string): ServerLock[] {
  const dir = path.dirname(sqliteFile);
  const prefix = prefixOf(sqliteFile);
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.startsWith(prefix) && n.endsWith(suffix));
  } catch {
    return [];
  }
  const live: ServerLock[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    let lock: Omit<ServerLock, 'file'>;
    try {
      lock = JSON.parse(readFileSync(file, 'utf8')) as Omit<ServerLock, 'file'>;
    } catch {
      continue; // being written or removed right now; the next look decides
    }
    if (lock.host === os.hostname() && !alive(lock.pid)) {
      try { unlinkSync(file); } catch { /* removed meanwhile */ }
      continue;
    }
    live.push({ ...lock, file });
  }
  return live;
}

/** Throws, saying which server and what to do, while any Certus server holds the database. */
export function assertNoServerHolds(sqliteFile: string): void {
  const [lock, ...more] = liveServerLocks(sqliteFile);
  if (!lock) return;
  const others = more.length ? ` and ${more.length} more` : '';
  throw new Error(`A Certus server (pid ${lock.pid} on ${lock.host}, running since ${lock.startedAt})${others} is using ${sqliteFile}. Stop it first (Ctrl+C or SIGTERM), then run the restore again; replacing the database under a running server would leave it serving the old data. If no server is running, delete ${lock.file}.`);
}
