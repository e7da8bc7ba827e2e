import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailability, screenshot } from './support/browser.js';
import { expectAccessible, openJourney, signInAs, type Journey } from './support/journey.js';

const availability = browserAvailability();

describe.skipIf(!availability.run)('problem KPIs in the browser', () => {
  let journey: Journey;
  let page: Page;
  beforeAll(async () => {
    journey = await openJourney();
    page = journey.page;
  });
  afterAll(async () => journey?.close());

  it('reaches the KPIs from the navigation, changes period and service, and reads each definition', async () => {
    await signInAs(page, '/', 'incident-problem-manager@northwind.example');
    const opened = () => page.getByTestId('kpi-value-problems-opened');
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    await nav.getByRole('group', { name: 'Resolution and fulfilment (8.6)' }).getByRole('link', { name: /Problem KPIs/ }).click();
    await page.getByRole('heading', { name: 'Problem KPIs', level: 1 }).waitFor();
    // The demo raised three problems about two months ago: all inside the default 90 days.
    await expect.poll(() => opened().textContent()).toBe('3');
    await page.getByText('Problems raised in the period (by creation time).').waitFor();
    await page.getByRole('button', { name: 'Last 30 days' }).click();
    await page.waitForURL(/from=/);
    await expect.poll(() => opened().textContent()).toBe('0');
    await page.getByRole('button', { name: 'Last 12 months' }).click();
    await page.getByRole('combobox', { name: 'Service' }).click();
    await page.getByRole('option', { name: /Network connectivity/ }).click();
    await page.waitForURL(/service=SVC-/);
    await expect.poll(() => opened().textContent()).toBe('1');
    await screenshot(page, 'problem-kpis');
    await expectAccessible(page, 'problem KPIs');

    // The incident KPIs share the page: the demo's six months of incidents, over the last 12 months.
    await nav.getByRole('group', { name: 'Resolution and fulfilment (8.6)' }).getByRole('link', { name: /Incident KPIs/ }).click();
    await page.getByRole('heading', { name: 'Incident KPIs', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Last 12 months' }).click();
    await page.waitForURL(/from=/);
    await expect.poll(async () => Number(await page.getByTestId('kpi-value-incidents-opened').textContent())).toBeGreaterThanOrEqual(360);
    await page.getByTestId('kpi-value-first-contact-resolution').waitFor();
    await expectAccessible(page, 'incident KPIs');
    // The only expected error: the session check answering 401 before signing in.
    expect(journey.consoleErrors.filter((e) => !/401 \(Unauthorized\)/.test(e))).toEqual([]);
  });
});
