import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailability, screenshot } from './support/browser.js';
import { expectAccessible, openJourney, signInAs, type Journey } from './support/journey.js';

const availability = browserAvailability();

describe.skipIf(!availability.run)('incident settings in the browser', () => {
  let journey: Journey;
  let page: Page;

  beforeAll(async () => {
    journey = await openJourney();
    ({ page } = journey);
  });
  afterAll(async () => journey?.close());

  it('an incident manager changes the priority matrix and the escalation levels, stopped at the field when wrong', async () => {
    await signInAs(page, '/', 'incident-problem-manager@northwind.example');
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: /Incident settings/ }).click();
    await page.getByRole('heading', { name: 'Incident settings', level: 1 }).waitFor();
    await page.getByText(/Version 1\./).first().waitFor();

    // A matrix where more impact means a lower priority is named before it is sent.
    await page.getByRole('combobox', { name: 'Priority for impact high, urgency high' }).click();
    await page.getByRole('option', { name: 'P4', exact: true }).click();
    await page.getByText('Impact high gives a lower priority than impact medium at urgency high.').waitFor();
    await page.getByRole('combobox', { name: 'Priority for impact high, urgency high' }).click();
    await page.getByRole('option', { name: 'P1', exact: true }).click();
    // A stricter one is saved.
    await page.getByRole('combobox', { name: 'Priority for impact medium, urgency high' }).click();
    await page.getByRole('option', { name: 'P1', exact: true }).click();
    await page.getByRole('button', { name: 'Save priority matrix' }).click();
    await page.getByText('Priority matrix saved', { exact: false }).waitFor();
    const matrix = await (await page.request.get('/api/incident-settings/priority-matrix')).json() as { matrix: Record<string, Record<string, string>> };
    expect(matrix.matrix.medium!.high).toBe('P1');

    // A share of the target below the level before is refused, and the reason is at its field.
    const share = page.getByRole('textbox', { name: 'Share of the target (%)' });
    await share.fill('0');
    await page.getByRole('button', { name: 'Save escalation levels' }).click();
    await page.getByText('The levels were not saved').waitFor();
    await expect(share.getAttribute('aria-invalid')).resolves.toBe('true');
    await share.fill('200');
    await page.getByRole('button', { name: 'Save escalation levels' }).click();
    await page.getByText('Escalation levels saved', { exact: false }).waitFor();
    const escalation = await (await page.request.get('/api/incident-settings/escalation')).json() as { levels: { when: string; percent?: number }[] };
    expect(escalation.levels.find((l) => l.when === 'elapsed')?.percent).toBe(200);
    await screenshot(page, 'incident-settings');
    await expectAccessible(page, 'incident settings');
  });
});
