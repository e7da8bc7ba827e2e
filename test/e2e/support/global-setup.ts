import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromiumPath } from './browser.js';

/** Builds the web app once when web/dist is missing (CERTUS_E2E_BUILD=always rebuilds). */
export default function setup(): void {
  if (!existsSync(chromiumPath)) return; // the journeys will skip or fail on their own
  const dist = path.resolve('web/dist/index.html');
  if (existsSync(dist) && process.env.CERTUS_E2E_BUILD !== 'always') return;
  if (!existsSync(path.resolve('web/node_modules'))) {
    execFileSync('npm', ['ci', '--prefix', 'web', '--no-audit', '--no-fund'], { stdio: 'inherit' });
  }
  execFileSync('npm', ['run', 'build', '--prefix', 'web'], { stdio: 'inherit' });
}
