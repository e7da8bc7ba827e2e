import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { browserAvailability, screenshot } from './support/browser.js';
import { expectAccessible as expectPageAccessible, openJourney, type Journey } from './support/journey.js';

const availability = browserAvailability();
const password = 'Certus-demo-2026';

describe.skipIf(!availability.run)('improvement journey in the browser', () => {
  let journey: Journey;
  let context: BrowserContext;
  let page: Page;
  let consoleErrors: string[] = [];

  beforeAll(async () => {
    journey = await openJourney({ acceptDownloads: false });
    ({ context, page, consoleErrors } = journey);
  });

  afterAll(async () => journey?.close());

  const expectAccessible = (name: string) => expectPageAccessible(page, name);

  it('signs in, creates, approves and comments on an improvement, then signs out', async () => {
    // Sign in: an unauthenticated visit lands on the sign-in page and comes back afterwards.
    await page.goto('/records/improvements');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('E-mail address').fill('sms-manager@northwind.example');
    await page.getByRole('textbox', { name: 'Password' }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Improvements', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/records/improvements');

    // The shell: navigation by the standard's structure, the user's roles, the start page.
    await page.getByRole('link', { name: 'Start', exact: true }).click();
    await page.getByRole('heading', { name: 'Start', level: 1 }).waitFor();
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('group', { name: 'Improvement (10)' }).getByRole('link', { name: /Improvements/ }).waitFor();
    await page.getByTestId('user-menu').getByText('SMS manager').waitFor();
    await page.getByText('Loading your start page…').waitFor({ state: 'detached' });
    await screenshot(page, '01-start');
    await expectAccessible('shell (my work)');

    // The list: server data in a sortable table.
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: /Improvements/ }).click();
    await page.getByRole('heading', { name: 'Improvements', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'IMP-000001' }).waitFor();
    await page.getByRole('button', { name: /^Priority/ }).click();
    await page.waitForURL(/sort=priority/);
    await page.getByRole('link', { name: 'IMP-000001' }).waitFor();
    await screenshot(page, '02-improvements-list');
    await expectAccessible('improvements list');

    // Create: an empty form is refused by the server, with the messages at the fields.
    await page.getByRole('link', { name: 'New improvement' }).click();
    await page.getByRole('heading', { name: 'New improvement', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Create improvement' }).click();
    await page.getByText('Some fields need attention').waitFor();
    const title = page.getByRole('textbox', { name: /^Title/ });
    await expect(title.getAttribute('aria-invalid')).resolves.toBe('true');
    expect(await page.getByText('is required').count()).toBeGreaterThanOrEqual(1);
    await screenshot(page, '03-create-validation');

    await title.fill('Publish the service catalogue to customers');
    await page.getByRole('textbox', { name: /^Description/ }).fill('Customers cannot find the current catalogue.');
    await page.getByRole('combobox', { name: 'Source' }).click();
    await page.getByRole('option', { name: 'Customer feedback or complaint' }).click();
    await page.getByRole('combobox', { name: 'Priority' }).click();
    await page.getByRole('option', { name: 'High' }).click();
    await page.getByRole('button', { name: 'Create improvement' }).click();

    // Detail: the new record, proposed.
    const heading = page.getByRole('heading', { level: 1, name: /IMP-\d{6} · Publish the service catalogue/ });
    await heading.waitFor();
    const reference = ((await heading.textContent()) ?? '').slice(0, 10);
    expect(reference).toMatch(/^IMP-\d{6}$/);
    await page.getByText('Proposed', { exact: true }).first().waitFor();

    // Transition: Approve asks for the reason first; the server insists on it.
    await page.getByRole('button', { name: 'Approve' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Approve' }).click();
    await dialog.getByText(/is required to approve/).waitFor();
    await dialog.getByRole('textbox', { name: /^Reason for the decision/ }).fill('Agreed at the November management review.');
    await dialog.getByRole('button', { name: 'Approve' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText(`${reference} is now Approved.`).waitFor();
    await page.getByRole('button', { name: 'Start work' }).waitFor();

    // Comment, then find it in the history with the transition.
    await page.getByRole('textbox', { name: 'Add a comment' }).fill('Draft catalogue shared with the account managers.');
    await page.getByRole('button', { name: 'Add comment' }).click();
    await page.getByRole('article', { name: /Comment by Sam Okafor/ }).getByText('Draft catalogue shared with the account managers.').waitFor();
    await page.getByRole('tab', { name: 'History' }).click();
    const history = page.getByRole('tabpanel', { name: 'History' });
    await history.getByText('Draft catalogue shared with the account managers.').waitFor();
    await history.getByText('Proposed → Approved').waitFor();
    await history.getByText('Agreed at the November management review.', { exact: false }).waitFor();
    await screenshot(page, '04-improvement-detail');
    await expectAccessible('improvement detail');

    // Global search: a reference jumps straight to its record.
    await page.getByRole('textbox', { name: 'Search records or go to a reference' }).fill('IMP-000001');
    await page.getByRole('button', { name: 'Search records' }).click();
    await page.getByRole('heading', { level: 1, name: /^IMP-000001 · / }).waitFor();

    // Sign out; the app is closed again.
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.getByText('You have signed out').waitFor();
    await screenshot(page, '05-signed-out');
    await page.goto('/');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();

    expect(consoleErrors.filter((e) => !/401|Unauthorized|status of 4\d\d/.test(e))).toEqual([]);
  });
  it('links, attaches, exports, refuses stale edits and survives an expired session', async () => {
    await page.goto('/sign-in');
    await page.getByLabel('E-mail address').fill('process-owner@northwind.example');
    await page.getByRole('textbox', { name: 'Password' }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Start', level: 1 }).waitFor();

    // Filters live in the address and the CSV export follows them.
    await page.goto('/records/improvements?status=open&priority=high');
    await page.getByRole('heading', { name: 'Improvements', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'IMP-000003' }).waitFor();
    expect(await page.getByRole('link', { name: 'IMP-000001' }).count()).toBe(0);
    const csvHref = await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
    expect(csvHref).toContain('status=open');
    expect(csvHref).toContain('priority=high');
    const csv = await page.request.get(csvHref ?? '');
    expect(csv.headers()['content-type']).toContain('text/csv');
    expect(await csv.text()).toContain('IMP-000003');

    // Links and attachments on a record.
    await page.getByRole('link', { name: 'IMP-000003' }).click();
    await page.getByRole('heading', { level: 1, name: /^IMP-000003 · / }).waitFor();
    await page.getByRole('tab', { name: 'Links' }).click();
    await page.getByRole('textbox', { name: 'Other record’s reference' }).fill('imp-000002');
    await page.getByRole('button', { name: 'Add link' }).click();
    await page.getByRole('tabpanel', { name: 'Links' }).getByRole('link', { name: 'IMP-000002' }).waitFor();

    await page.getByRole('tab', { name: 'Attachments' }).click();
    await page.locator('input[type="file"]').setInputFiles({ name: 'test-plan.txt', mimeType: 'text/plain', buffer: Buffer.from('Tabletop test plan, version 1\n') });
    await page.getByRole('button', { name: 'Upload' }).click();
    const download = page.getByRole('link', { name: 'test-plan.txt' });
    await download.waitFor();
    const content = await page.request.get((await download.getAttribute('href')) ?? '');
    expect(await content.text()).toBe('Tabletop test plan, version 1\n');

    // A stale edit is refused and explained, never saved over the other change.
    await page.getByRole('link', { name: 'Edit', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Edit IMP-000003' }).waitFor();
    const current = await page.request.get('/api/improvements/IMP-000003');
    const session = (await (await page.request.get('/api/session')).json()) as { csrfToken: string };
    const elsewhere = await page.request.patch('/api/improvements/IMP-000003', {
      headers: { 'If-Match': current.headers()['etag'] ?? '', 'X-CSRF-Token': session.csrfToken },
      data: { expectedBenefit: 'Changed in another tab' },
    });
    expect(elsewhere.status()).toBe(200);
    await page.getByRole('textbox', { name: /^Title/ }).fill('My stale title');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Someone else has changed this record').waitFor();
    await page.getByRole('button', { name: 'Reload the record' }).click();
    await expect.poll(() => page.getByRole('textbox', { name: /^Expected benefit/ }).inputValue()).toBe('Changed in another tab');
    expect(await page.getByRole('textbox', { name: /^Title/ }).inputValue()).not.toBe('My stale title');
    await screenshot(page, '06-stale-edit-reloaded');

    // When the session ends, the next action asks to sign in and then returns to the same page.
    await page.getByRole('link', { name: 'Cancel' }).click();
    await page.getByRole('heading', { level: 1, name: /^IMP-000003 · / }).waitFor();
    await context.clearCookies();
    await page.getByRole('tab', { name: 'History' }).click();
    await page.getByText('Your session has ended').waitFor();
    await page.getByLabel('E-mail address').fill('process-owner@northwind.example');
    await page.getByRole('textbox', { name: 'Password' }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: /^IMP-000003 · / }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/records/improvements/IMP-000003');
  });
});
