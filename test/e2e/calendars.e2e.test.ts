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

    // Times are 24-hour HH:mm in every field, whatever was typed: start and end alike.
    const mondayStart = page.getByRole('textbox', { name: 'Monday period 1 start' });
    const mondayEnd = page.getByRole('textbox', { name: 'Monday period 1 end' });
    const originalStart = await mondayStart.inputValue();
    const originalEnd = await mondayEnd.inputValue();
    expect([originalStart, originalEnd]).toEqual(['08:00', '18:00']);
    await mondayStart.fill('9');
    await mondayStart.press('Tab');
    await expect.poll(() => mondayStart.inputValue()).toBe('09:00');
    await mondayEnd.fill('6 pm');
    await mondayEnd.press('Tab');
    await expect.poll(() => mondayEnd.inputValue()).toBe('18:00');
    await mondayStart.fill(originalStart);
    expect(await page.getByText(/\b[AP]M\b/).count()).toBe(0);

    // A period that ends before it starts is pointed out at the field, and nothing is sent.
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
    await page.getByRole('textbox', { name: 'From date' }).fill('2027-07-05');
    await page.getByRole('textbox', { name: 'From time' }).fill('9');
    await page.getByRole('textbox', { name: 'To date' }).fill('2027-07-06');
    await page.getByRole('textbox', { name: 'To time' }).fill('18:00');
    await page.getByRole('textbox', { name: /Target/ }).fill('60');
    await page.getByRole('button', { name: /Calculate/ }).click();
    const preview = page.getByTestId('calendar-preview');
    await preview.waitFor();
    const text = (await preview.textContent()) ?? '';
    // Only Tuesday counts; the first hour of business is Tuesday morning.
    expect(text).toMatch(/6 Jul 2027/);
    expect(text).not.toMatch(/5 Jul 2027/);
    // The readout writes its times as the editor does: the working period of Tuesday on London's clocks.
    expect(text).toContain('Tue 6 Jul 2027, 08:00–18:00');
    expect(text).not.toMatch(/\b[AP]M\b|\d{2}:\d{2}:\d{2}/);
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

  it('names calendars, not their ids, on agreement pages, lists and forms, and opens the edit form with its values\' names', async () => {
    const calendars = await (await page.request.get('/api/calendars')).json() as { items: { id: string; name: string }[] };
    const london = calendars.items.find((c) => c.id === 'london-business-hours')!;
    const allHours = calendars.items.find((c) => c.id === '24x7')!;
    const { csrfToken } = await (await page.request.get('/api/session')).json() as { csrfToken: string };
    const headers = { 'X-CSRF-Token': csrfToken };
    // A customer past the first page of the picker's choices (it offers 20), so only the record can name it.
    let customer = { reference: '', organisationName: '' };
    for (let i = 1; i <= 21; i += 1) {
      const created = await page.request.post('/api/customers', { headers, data: { organisationName: `Calendar journey customer ${i}` } });
      expect(created.status()).toBe(201);
      customer = await created.json() as typeof customer;
    }
    const services = await (await page.request.get('/api/services?status=live&limit=1')).json() as { items: { reference: string; name: string }[] };
    const service = services.items[0]!;
    const created = await page.request.post('/api/slas', { headers, data: { title: 'Calendar journey SLA', service: service.reference, customer: customer.reference, calendarId: london.id, p1ResponseMinutes: 30, p1ResolutionMinutes: 240 } });
    expect(created.status()).toBe(201);
    const sla = await created.json() as { reference: string };

    await page.goto(`/records/slas/${sla.reference}`);
    await page.getByRole('heading', { level: 1, name: new RegExp(sla.reference) }).waitFor();
    await expect(page.locator('[data-field="calendarId"]').textContent()).resolves.toBe(london.name);
    await page.getByRole('link', { name: london.name }).first().waitFor();
    expect(await page.getByText('london-business-hours', { exact: true }).count()).toBe(0);
    await expect(page.getByRole('region', { name: 'Targets' }).textContent()).resolves.toContain(`counted in ${london.name}`);

    // The edit form opens with the names of what the record names, and offers calendars by name.
    await page.getByRole('link', { name: 'Edit', exact: true }).click();
    const calendarBox = page.getByRole('combobox', { name: /^Business calendar/ });
    await expect.poll(() => calendarBox.inputValue()).toBe(london.name);
    await expect.poll(() => page.getByRole('combobox', { name: /^Customer/ }).inputValue()).toBe(`${customer.reference} — ${customer.organisationName}`);
    await expect.poll(() => page.getByRole('combobox', { name: /^Service/ }).inputValue()).toBe(`${service.reference} — ${service.name}`);
    await calendarBox.click();
    await page.getByRole('option', { name: allHours.name }).click();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(sla.reference) }).waitFor();
    await expect.poll(() => page.locator('[data-field="calendarId"]').textContent()).toBe(allHours.name);
    await expectAccessible(page, 'SLA with its calendar named');
    // Its history names the calendars it moved between, as the record does.
    await page.getByRole('tab', { name: 'History' }).click();
    await page.getByRole('list', { name: 'History' }).getByText(`Business calendar: ${london.name} → ${allHours.name}`).waitFor();

    // The list names the calendar too.
    await page.goto(`/records/slas?q=${encodeURIComponent('Calendar journey')}`);
    const row = page.getByRole('row').filter({ hasText: sla.reference });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain(allHours.name);
    expect(await row.textContent()).not.toContain('24x7');
  });
});
