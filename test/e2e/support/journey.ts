import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { launchBrowser, seriousAccessibilityViolations } from './browser.js';
import { startServer, type RunningServer, type ServerOptions } from './server.js';

export interface Journey {
  server: RunningServer;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Errors the page printed to its console, for a journey to check at the end. */
  consoleErrors: string[];
  close(): Promise<void>;
}

/** A real Certus server and a British-English Chromium page pointed at it. */
export async function openJourney(options: { acceptDownloads?: boolean; server?: ServerOptions } = {}): Promise<Journey> {
  const server = await startServer(options.server);
  const browser = await launchBrowser();
  const context = await browser.newContext({ baseURL: server.baseUrl, viewport: { width: 1280, height: 900 }, locale: 'en-GB', acceptDownloads: options.acceptDownloads ?? false });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  return {
    server, browser, context, page, consoleErrors,
    async close() {
      await context.close();
      await browser.close();
      await server.stop();
    },
  };
}

/** Fails the test when axe-core finds serious or critical violations on the page. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  const violations = await seriousAccessibilityViolations(page);
  expect(violations, `${name}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

/** The demo's password for every demo person. */
export const demoPassword = 'Certus-demo-2026';

/** Opens `path`, which asks to sign in, and signs in as a demo person; the page then returns there. */
export async function signInAs(page: Page, path: string, email: string): Promise<void> {
  await page.goto(path);
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.getByLabel('E-mail address').fill(email);
  await page.getByRole('textbox', { name: 'Password' }).fill(demoPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
}
