import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { browserAvailability, screenshot } from './support/browser.js';
import { expectAccessible as expectPageAccessible, openJourney, type Journey } from './support/journey.js';

const availability = browserAvailability();
const password = 'Certus-demo-2026';

describe.skipIf(!availability.run)('compliance journey in the browser', () => {
  let journey: Journey;
  let context: BrowserContext;
  let page: Page;
  let consoleErrors: string[] = [];

  beforeAll(async () => {
    journey = await openJourney({ acceptDownloads: true });
    ({ context, page, consoleErrors } = journey);
  });

  afterAll(async () => journey?.close());

  const expectAccessible = (name: string) => expectPageAccessible(page, name);

  /** Downloads an export from the assessment's Export menu; returns the file's first bytes. */
  async function download(label: string): Promise<Buffer> {
    await page.getByRole('button', { name: 'Export' }).first().click();
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: label }).click()]);
    const filePath = await file.path();
    return readFile(filePath);
  }

  it('creates a gap assessment, answers it on the worksheet with the keyboard, and exports it', async () => {
    await page.goto('/sign-in');
    await page.getByLabel('E-mail address').fill('internal-auditor@northwind.example');
    await page.getByRole('textbox', { name: 'Password' }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Start', level: 1 }).waitFor();

    // The Compliance menu: catalogue, assessments, readiness.
    const compliance = page.getByRole('navigation', { name: 'Main navigation' }).getByRole('group', { name: 'Compliance' });
    await compliance.getByRole('link', { name: /Requirement catalogue/ }).click();
    await page.getByRole('heading', { name: 'Requirement catalogue', level: 1 }).waitFor();
    await page.getByRole('navigation', { name: 'Clauses' }).getByRole('button', { name: /^8\.6 Resolution and fulfilment/ }).click();
    await page.getByRole('heading', { name: /Requirements of clause 8\.6/ }).waitFor();
    await page.getByRole('button', { name: /8\.6\.1-01/ }).click();
    await page.getByText('Framework mappings').waitFor();
    await page.getByText(/ITIL 4:/).first().waitFor();
    await screenshot(page, 'compliance-01-catalogue');

    await compliance.getByRole('link', { name: /Readiness checklist/ }).click();
    await page.getByRole('heading', { name: 'Readiness checklist', level: 1 }).waitFor();
    await page.getByRole('heading', { name: /^RDY-01 / }).waitFor();

    // Create and start a gap assessment of clause 8.6.
    await compliance.getByRole('link', { name: /Assessments/ }).click();
    await page.getByRole('heading', { name: 'Assessments', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'New assessment' }).click();
    await page.getByRole('textbox', { name: /^Title/ }).fill('Resolution and fulfilment gap check');
    await page.getByRole('combobox', { name: /^Kind/ }).click();
    await page.getByRole('option', { name: 'Gap assessment' }).click();
    await page.getByRole('textbox', { name: /^Scope/ }).fill('8.6');
    await page.getByRole('button', { name: 'Create assessment' }).click();
    const heading = page.getByRole('heading', { level: 1, name: /ASM-\d{6} · Resolution and fulfilment gap check/ });
    await heading.waitFor();
    const reference = ((await heading.textContent()) ?? '').slice(0, 10);
    expect(reference).toMatch(/^ASM-\d{6}$/);
    await page.getByRole('button', { name: 'Start' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Start' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('In progress', { exact: true }).first().waitFor();

    // The worksheet: catalogue text, rule view and the answer editor per requirement.
    await page.getByRole('link', { name: 'Open worksheet' }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(`Worksheet: ${reference}`) }).waitFor();
    await page.getByText(/Keyboard: j\/k/).waitFor();
    const row = (id: string) => page.locator(`article[data-requirement="${id}"]`);
    const saved = (id: string) => row(id).locator('[data-save-state="saved"]').waitFor();

    // Keyboard: focus the first requirement, 1 = conformant; j moves on, 2 = partial.
    await row('8.6.1-01').focus();
    await page.keyboard.press('1');
    await saved('8.6.1-01');
    await page.keyboard.press('j');
    await expect.poll(() => page.evaluate<string | null>('document.activeElement?.getAttribute("data-requirement") ?? null')).toBe('8.6.1-02');
    await page.keyboard.press('2');
    await saved('8.6.1-02');

    // The form: a nonconformity needs its grade before it is saved.
    const third = row('8.6.1-03');
    await third.getByRole('radio', { name: /^Nonconformant/ }).check();
    await third.getByText('Choose major or minor to save this nonconformity.').waitFor();
    await third.getByRole('radio', { name: 'Minor' }).check();
    await saved('8.6.1-03');
    await third.getByRole('textbox', { name: 'Notes' }).fill('Two sampled incidents had no priority set.');
    await third.getByRole('textbox', { name: 'Notes' }).blur();
    await expect.poll(() => third.locator('[data-save-state]').getAttribute('data-save-state')).toBe('saved');
    await third.getByRole('textbox', { name: 'Record reference' }).fill('imp-000001');
    await third.getByRole('button', { name: 'Add evidence' }).click();
    await third.getByRole('link', { name: /^IMP-000001 / }).waitFor();
    await expect.poll(() => third.locator('[data-save-state]').getAttribute('data-save-state')).toBe('saved');
    // Someone else changes an answer meanwhile: the next save is refused, explained and reloaded.
    const session = (await (await page.request.get('/api/session')).json()) as { csrfToken: string };
    const current = await page.request.get(`/api/assessments/${reference}/answers/8.6.1-02`);
    const elsewhere = await page.request.put(`/api/assessments/${reference}/answers/8.6.1-02`, {
      headers: { 'If-Match': current.headers()['etag'] ?? '', 'X-CSRF-Token': session.csrfToken },
      data: { result: 'partial', notes: 'Changed in another tab' },
    });
    expect(elsewhere.status()).toBe(200);
    await row('8.6.1-02').focus();
    await page.keyboard.press('1');
    await row('8.6.1-02').getByText(/Someone else changed this answer/).waitFor();
    await expect(row('8.6.1-02').getByRole('textbox', { name: 'Notes' }).inputValue()).resolves.toBe('Changed in another tab');
    await expect(row('8.6.1-02').getByRole('radio', { name: /^Partial/ }).isChecked()).resolves.toBe(true);
    await screenshot(page, 'compliance-02-worksheet');
    await expectAccessible('worksheet');

    // The answers persist.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: new RegExp(`Worksheet: ${reference}`) }).waitFor();
    await expect(row('8.6.1-01').getByRole('radio', { name: /^Conformant/ }).isChecked()).resolves.toBe(true);
    await expect(row('8.6.1-02').getByRole('radio', { name: /^Partial/ }).isChecked()).resolves.toBe(true);
    await expect(row('8.6.1-03').getByRole('radio', { name: /^Nonconformant/ }).isChecked()).resolves.toBe(true);
    await expect(row('8.6.1-03').getByRole('radio', { name: 'Minor' }).isChecked()).resolves.toBe(true);
    await expect(row('8.6.1-03').getByRole('textbox', { name: 'Notes' }).inputValue()).resolves.toBe('Two sampled incidents had no priority set.');
    await row('8.6.1-03').getByRole('link', { name: /^IMP-000001 / }).waitFor();

    // The heatmap counts them, and a count leads back to the worksheet filtered to it.
    await page.getByRole('navigation', { name: 'Assessment views' }).getByRole('link', { name: 'Heatmap' }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(`Heatmap: ${reference}`) }).waitFor();
    const byClause = page.getByRole('table').first();
    await byClause.getByRole('link', { name: /1 minor nonconformities in 8\.6/ }).waitFor();
    await screenshot(page, 'compliance-03-heatmap');
    // Every column shows beside the navigation at this width: no table runs past its section.
    const overflow = await page.locator('main section').evaluateAll((sections) => sections.map((s) => {
      const table = s.querySelector('table');
      return table ? Math.round(table.getBoundingClientRect().right - s.getBoundingClientRect().right) : 0;
    }));
    expect(overflow.every((px) => px <= 0), `columns past the page by ${overflow.join(', ')} px`).toBe(true);
    await expectAccessible('heatmap');
    await byClause.getByRole('link', { name: /1 minor nonconformities in 8\.6/ }).click();
    await page.getByText(/Showing clause 8\.6, result/).waitFor();
    expect(await page.locator('article[data-requirement]').count()).toBe(1);
    await row('8.6.1-03').waitFor();

    // Exports: the PDF report and the XLSX workbook.
    const pdf = await download('PDF report');
    expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
    const xlsx = await download('XLSX workbook');
    expect(xlsx.subarray(0, 2).toString('latin1')).toBe('PK');

    // Maturity: ratings per process in scope.
    await page.getByRole('navigation', { name: 'Assessment views' }).getByRole('link', { name: 'Maturity' }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(`Maturity: ${reference}`) }).waitFor();
    await page.getByRole('heading', { name: 'Capability level by process' }).waitFor();
    await screenshot(page, 'compliance-04-maturity');

    expect(consoleErrors.filter((e) => !/401|Unauthorized|status of 4\d\d/.test(e))).toEqual([]);
  });

  it('shows a completed assessment read-only, and lets the SMS manager work the readiness checklist', async () => {
    await context.clearCookies();
    await page.goto('/sign-in');
    await page.getByLabel('E-mail address').fill('sms-manager@northwind.example');
    await page.getByRole('textbox', { name: 'Password' }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Start', level: 1 }).waitFor();

    // The demo's approved assessment: every answer shown, nothing editable.
    await page.goto('/assessments/ASM-000001/worksheet');
    await page.getByRole('heading', { level: 1, name: /Worksheet: ASM-000001/ }).waitFor();
    await page.getByText(/This assessment is approved: its answers can no longer change/).waitFor();
    expect(await page.locator('article[data-requirement]').count()).toBe(105);
    expect(await page.getByRole('radio').count()).toBe(0);
    await expectAccessible('read-only worksheet');

    await page.goto('/assessments/ASM-000001/maturity');
    await page.getByRole('heading', { level: 1, name: /Maturity: ASM-000001/ }).waitFor();
    await page.getByText(/below level 3/).first().waitFor();
    await expectAccessible('maturity');

    await page.goto('/compliance/catalogue?clause=8.6&framework=itil4');
    await page.getByRole('heading', { name: /Requirements of clause 8\.6 mapped to ITIL 4/ }).waitFor();
    await expectAccessible('catalogue');

    // Readiness: change an item's state; who and when are shown.
    await page.goto('/compliance/readiness');
    const item = page.getByRole('article', { name: /^RDY-04 / });
    await item.getByRole('combobox', { name: 'State' }).click();
    await page.getByRole('option', { name: 'In progress' }).click();
    await item.getByRole('textbox', { name: 'Notes' }).fill('Risk workshop booked.');
    await item.getByRole('button', { name: 'Save RDY-04' }).click();
    await item.getByText(/Answered by Sam Okafor/).waitFor();
    await item.getByText('In progress', { exact: true }).first().waitFor();
    await screenshot(page, 'compliance-05-readiness');
    await expectAccessible('readiness');
    expect(consoleErrors.filter((e) => !/401|Unauthorized|status of 4\d\d/.test(e))).toEqual([]);
  });
});
