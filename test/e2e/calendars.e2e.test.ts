import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailability, screenshot } from './support/browser.js';
import { expectAccessible, openJourney, signInAs, type Journey } from './support/journey.js';

const availability = browserAvailability();

describe.skipIf(!availability.run)('business calendars in the browser', () => {
  let journey: Journey;
  let page: Page;

  beforeAll(async () => {
    journey = await openJourney();
    ({ page } = journey);
  });
  afterAll(async () => journey?.close());

  it('a service level manager adds a holiday, is stopped on a bad period, saves, and previews a due time', async () => {
    await signInAs(page, '/calendars', 'service-level-manager@northwind.example');
    await page.getByRole('heading', { name: 'Business calendars', level: 1 }).waitFor();
    await page.getByRole('link', { name: /London/ }).first().click();
    await page.getByRole('heading', { level: 1, name: /London/ }).waitFor();
    await page.getByText('london-business-hours · version 1').waitFor();
    await expectAccessible(page, 'calendar page');

    // A period that ends before it starts is pointed out at the field, and nothing is sent.
    const mondayEnd = page.getByRole('textbox', { name: 'Monday period 1 end' });
    const originalEnd = await mondayEnd.inputValue();
    await mondayEnd.fill('07:00');
    await page.getByRole('button', { name: 'Save calendar' }).click();
    await page.getByText('Must be after the start').waitFor();
    await expect(mondayEnd.getAttribute('aria-invalid')).resolves.toBe('true');
    await mondayEnd.fill(originalEnd);

    // A new holiday is saved as version 2 and appears in the history.
    await page.getByRole('button', { name: 'Add holiday' }).click();
    const holidays = await page.getByRole('textbox', { name: /^Holiday \d+ date$/ }).count();
    await page.getByRole('textbox', { name: `Holiday ${holidays} date` }).fill('2027-07-05');
    await page.getByRole('textbox', { name: `Holiday ${holidays} name` }).fill('Company day');
    await page.getByRole('button', { name: 'Save calendar' }).click();
    await page.getByText('london-business-hours · version 2').waitFor();
    await page.getByText(/changed by/).first().waitFor();
    await screenshot(page, 'calendar-saved');

    // The preview counts business time in the saved definition: Monday 5 July 2027 is now closed.
    await page.getByRole('textbox', { name: 'From', exact: true }).fill('2027-07-05T09:00');
    await page.getByRole('textbox', { name: 'To', exact: true }).fill('2027-07-06T18:00');
    await page.getByRole('textbox', { name: /Target/ }).fill('60');
    await page.getByRole('button', { name: /Calculate/ }).click();
    const preview = page.getByTestId('calendar-preview');
    await preview.waitFor();
    const text = (await preview.textContent()) ?? '';
    // Only Tuesday counts; the first hour of business is Tuesday morning.
    expect(text).toMatch(/6 Jul 2027/);
    expect(text).not.toMatch(/5 Jul 2027/);
    await expectAccessible(page, 'calendar preview');
  });

  it('shows an SLA\'s targets in business time and the targets its contracts cannot support', async () => {
    const slas = await (await page.request.get('/api/slas?limit=50')).json() as { items: { reference: string }[] };
    let warned: string | null = null;
    for (const { reference } of slas.items) {
      const warnings = await (await page.request.get(`/api/slas/${reference}/warnings`)).json() as { items: unknown[] };
      if (warnings.items.length > 0) { warned = reference; break; }
    }
    expect(warned, 'the demo has an SLA tighter than its contract').not.toBeNull();
    await page.goto(`/records/slas/${warned}`);
    const targets = page.getByRole('table', { name: 'Targets by priority' });
    await targets.waitFor();
    expect(await targets.getByRole('row').count()).toBe(5);
    await page.getByText(/not backed by the agreements underneath/).waitFor();
    await page.getByRole('link', { name: /^UC-\d{6}$/ }).first().waitFor();
    await screenshot(page, 'sla-targets');
    await expectAccessible(page, 'SLA with targets');
  });
});
