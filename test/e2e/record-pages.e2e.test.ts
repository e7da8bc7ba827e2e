import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailability } from './support/browser.js';
import { openJourney, signInAs, type Journey } from './support/journey.js';

const availability = browserAvailability();

interface TypeMeta { plural: string; label: string; labelPlural: string; permissions: { read: boolean; create: boolean } }

/** What the page itself complained of: uncaught errors and console errors, from one visit. */
function watch(page: Page): { problems: string[]; stop(): void } {
  const problems: string[] = [];
  const onError = (error: Error) => problems.push(`uncaught: ${error.message}`);
  const onConsole = (message: { type(): string; text(): string }) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  };
  page.on('pageerror', onError);
  page.on('console', onConsole);
  return { problems, stop: () => { page.off('pageerror', onError); page.off('console', onConsole); } };
}

/**
 * Opens the list, one record and the create form of every record type the server registers, and
 * every module page the navigation offers, as three people who use them differently, and fails on
 * any uncaught error or console error. A new record type or page is covered with no new test code.
 */
describe.skipIf(!availability.run)('every record type\'s pages in the browser', () => {
  let journey: Journey;

  beforeAll(async () => {
    journey = await openJourney();
  });
  afterAll(async () => journey?.close());

  it.each([
    'service-desk-agent@northwind.example',
    'sms-manager@northwind.example',
    'internal-auditor@northwind.example',
  ])('opens every list, a record, the create form and every module page as %s without an error', async (email) => {
    const { page, context } = journey;
    await context.clearCookies();
    // Signing in logs nothing either: being signed out is not an error.
    const signingIn = watch(page);
    await signInAs(page, '/', email);
    await page.getByTestId('user-menu').waitFor();
    signingIn.stop();
    expect(signingIn.problems, `${email} signing in`).toEqual([]);
    const types = await page.evaluate(async () => ((await (await fetch('/api/record-types')).json()) as { items: TypeMeta[] }).items);
    const readable = types.filter((t) => t.permissions.read);
    expect(readable.length).toBeGreaterThan(5);
    const seen: string[] = [];
    for (const type of readable) {
      const visit = watch(page);
      try {
        await visitPages(page, type);
      } catch (error) {
        throw new Error(`${email} on ${type.plural}: ${(error as Error).message}\n${visit.problems.join('\n')}`, { cause: error });
      } finally {
        visit.stop();
      }
      expect(visit.problems, `${email} on ${type.plural}`).toEqual([]);
      seen.push(type.plural);
    }
    expect(seen).toEqual(readable.map((t) => t.plural));

    // The modules' own pages in the navigation (KPIs, queue, dashboard, calendars, imports …), likewise.
    const pages = await page.evaluate(async () => ((await (await fetch('/api/record-types')).json()) as { pages: { label: string; path: string }[] }).pages);
    expect(pages.length).toBeGreaterThan(0);
    for (const module of pages) {
      const visit = watch(page);
      try {
        await page.goto(module.path);
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        await page.waitForLoadState('networkidle');
      } catch (error) {
        throw new Error(`${email} on ${module.path}: ${(error as Error).message}\n${visit.problems.join('\n')}`, { cause: error });
      } finally {
        visit.stop();
      }
      expect(visit.problems, `${email} on ${module.path}`).toEqual([]);
    }
  });
});

/** The list, the first record with each of its tabs, and the create form where the person may create. */
async function visitPages(page: Page, type: TypeMeta): Promise<void> {
  await page.goto(`/records/${type.plural}`);
  await page.getByRole('heading', { name: type.labelPlural, level: 1 }).waitFor();
  await page.getByRole('table').or(page.getByText(`No ${type.labelPlural.toLowerCase()} found`)).first().waitFor();
  const first = await page.evaluate(async (plural) => ((await (await fetch(`/api/${plural}?limit=1`)).json()) as { items: { reference: string }[] }).items[0]?.reference ?? null, type.plural);
  if (first) {
    await page.goto(`/records/${type.plural}/${first}`);
    await page.getByRole('heading', { name: new RegExp(first) }).first().waitFor();
    for (const tab of ['Comments', 'Links', 'Attachments', 'History']) {
      await page.getByRole('tab', { name: tab }).click();
      await page.waitForLoadState('networkidle');
    }
    await page.getByRole('list', { name: 'History' }).waitFor();
  }
  if (type.permissions.create) {
    await page.goto(`/records/${type.plural}/new`);
    await page.getByRole('heading', { name: `New ${type.label.toLowerCase()}`, level: 1 }).waitFor();
    await page.getByRole('button', { name: `Create ${type.label.toLowerCase()}` }).waitFor();
  }
}
