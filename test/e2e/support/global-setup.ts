import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { chromiumPath } from './browser.js';

const web = path.resolve('web');

/** The newest modification time among the web app's sources. */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function webIsStale(): boolean {
  const built = path.join(web, 'dist', 'index.html');
  if (!existsSync(built)) return true;
  const sources = Math.max(
    newestSource(path.join(web, 'src')),
    ...['index.html', 'package-lock.json', 'vite.config.ts'].map((f) => statSync(path.join(web, f)).mtimeMs),
  );
  return sources > statSync(built).mtimeMs;
}

/**
 * Builds the web app when web/dist is missing or older than its sources, so the journeys never
 * test a stale build (CERTUS_E2E_BUILD=always rebuilds regardless).
 */
export default function setup(): void {
  if (!existsSync(chromiumPath)) return; // the journeys will skip or fail on their own
  if (process.env.CERTUS_E2E_BUILD !== 'always' && !webIsStale()) return;
  if (!existsSync(path.join(web, 'node_modules'))) {
    execFileSync('npm', ['ci', '--prefix', 'web', '--no-audit', '--no-fund'], { stdio: 'inherit' });
  }
  // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
  execFileSync('npm', ['run', 'build', '--prefix', 'web'], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
}
