import { existsSync } from 'node:fs';
import { readFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const chromiumPath = process.env.CERTUS_CHROMIUM ?? '/usr/bin/chromium';
export const screenshotDir = path.resolve('test-results');

/**
 * Whether the journeys can run here. Without a browser they are skipped on a workstation
 * (with one line saying so) but fail under CI, where a missing browser is a broken runner.
 */
export function browserAvailability(): { run: boolean; reason?: string } {
  if (existsSync(chromiumPath)) return { run: true };
  const reason = `${chromiumPath} not found (apt-get install -y chromium)`;
  if (process.env.CI && process.env.CI !== 'false') throw new Error(`E2E: ${reason}; CI is set, so this is a failure.`);
  console.log(`E2E journeys skipped: ${reason}.`);
  return { run: false, reason };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

let axeSource: string | undefined;

/** Runs axe-core (from web/node_modules) in the page; returns serious and critical violations. */
export async function seriousAccessibilityViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= await readFile(path.resolve('web/node_modules/axe-core/axe.min.js'), 'utf8');
  // Evaluated rather than added as a <script>: the Content-Security-Policy refuses inline scripts.
  await page.evaluate(axeSource);
  // A string expression keeps DOM types out of the Node-side type check.
  const violations = (await page.evaluate(`
    axe.run(document, { resultTypes: ['violations'] }).then((result) =>
      result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ') + ': ' + (n.failureSummary || '').split('\\n').slice(1).join(' ')) })))
  `)) as AxeViolation[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
