import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailability, screenshot } from './support/browser.js';
import { expectAccessible, openJourney, signInAs, type Journey } from './support/journey.js';

const availability = browserAvailability();

describe.skipIf(!availability.run)('logging an incident in the browser', () => {
  let journey: Journey;
  let page: Page;
  beforeAll(async () => {
    journey = await openJourney();
    page = journey.page;
  });
  afterAll(async () => journey?.close());

  it('an agent picks the service from the live catalogue, and the incident falls under its SLA', async () => {
    await signInAs(page, '/records/incidents/new', 'service-desk-agent@northwind.example');
    await page.getByRole('heading', { name: 'New incident', level: 1 }).waitFor();
    await page.getByRole('textbox', { name: /^Short description/ }).fill('Customer website returns error 503');
    const choose = async (field: RegExp, option: string | RegExp) => {
      await page.getByRole('combobox', { name: field }).click();
      await page.getByRole('option', { name: option }).click();
    };
    await choose(/^Category/, 'Software');
    await choose(/^Impact/, 'Medium');
    await choose(/^Urgency/, 'Medium');

    // The service is a search over the catalogue's live services: the retired and the planned are not offered.
    const service = page.getByRole('combobox', { name: /^Service/ });
    await service.click();
    await page.getByRole('option', { name: /Managed hosting$/ }).waitFor();
    expect(await page.getByRole('option', { name: /On-premises Exchange hosting/ }).count()).toBe(0);
    expect(await page.getByRole('option', { name: /Managed security monitoring/ }).count()).toBe(0);
    await service.fill('hosting');
    await page.getByRole('option', { name: /Payment gateway hosting$/ }).waitFor();
    await page.getByRole('option', { name: /Managed hosting$/ }).click();
    // The box keeps the chosen service's name, not a bare reference.
    await expect.poll(() => service.inputValue()).toMatch(/^SVC-\d{6} — Managed hosting$/);
    await expectAccessible(page, 'new incident with the service picker');
    await screenshot(page, 'incident-form-service');

    await page.getByRole('button', { name: 'Create incident' }).click();
    const heading = page.getByRole('heading', { level: 1, name: /^INC-\d{6} · Customer website returns error 503$/ });
    await heading.waitFor();
    // The detail links the service by code and name, and the SLA in force for it was found when it was set.
    const serviceLink = page.getByRole('link', { name: /^SVC-\d{6} Managed hosting$/ }).first();
    await serviceLink.waitFor();
    await page.getByRole('link', { name: /^SLA-\d{6} \S/ }).first().waitFor();
    await serviceLink.click();
    await page.getByRole('heading', { level: 1, name: /^SVC-\d{6} · Managed hosting$/ }).waitFor();
    // Not even the session check before signing in logs an error (GET /api/session/current).
    expect(journey.consoleErrors).toEqual([]);
  });
});
