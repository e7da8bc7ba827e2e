import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIRequestContext, BrowserContext, Page } from 'playwright-core';
import { browserAvailability, screenshot } from './support/browser.js';
import { demoPassword, expectAccessible, openJourney, signInAs, type Journey } from './support/journey.js';

const availability = browserAvailability();

describe.skipIf(!availability.run)('incidents in the requester portal, in the browser', () => {
  let journey: Journey;
  let page: Page;
  let consoleErrors: string[] = [];
  let deskContext: BrowserContext;
  let desk: APIRequestContext;
  let csrfToken = '';

  beforeAll(async () => {
    journey = await openJourney();
    ({ page, consoleErrors } = journey);
    // The service desk agent works in a browser context of their own, through the API.
    deskContext = await journey.browser.newContext({ baseURL: journey.server.baseUrl });
    desk = deskContext.request;
    const signedIn = await desk.post('/api/session', { data: { email: 'service-desk-agent@northwind.example', password: demoPassword } });
    expect(signedIn.status()).toBe(200);
    csrfToken = ((await signedIn.json()) as { csrfToken: string }).csrfToken;
  });

  afterAll(async () => {
    await deskContext?.close();
    await journey?.close();
  });

  /** The agent resolves the incident, sending the version they read. */
  async function resolveAsDesk(reference: string, notes: string) {
    const current = await desk.get(`/api/incidents/${reference}`);
    expect(current.status()).toBe(200);
    const resolved = await desk.post(`/api/incidents/${reference}/transitions`, {
      headers: { 'If-Match': current.headers()['etag'] ?? '', 'X-CSRF-Token': csrfToken },
      data: { to: 'resolved', fields: { resolutionCode: 'fixed', resolutionNotes: notes } },
    });
    expect(resolved.status(), await resolved.text()).toBe(200);
  }

  it('a requester reports a problem in their own words, follows it, reopens it once and confirms the fix', async () => {
    await signInAs(page, '/portal', 'requester@northwind.example');
    await page.getByRole('heading', { name: 'Request portal', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'My incidents' }).waitFor();

    // The portal's form, not the agent's: no assignment group, assignee or major-incident fields.
    await page.getByRole('link', { name: 'Report a problem (incident)' }).click();
    await page.getByRole('heading', { name: 'Report a problem', level: 1 }).waitFor();
    expect(await page.getByRole('textbox', { name: /Assignment group/ }).count()).toBe(0);
    await page.getByRole('textbox', { name: 'Details' }).fill('Outlook shows "Disconnected" since this morning; webmail works.');
    await page.getByRole('combobox', { name: /^Which service\?/ }).click();
    // Live services only: the retired Exchange service is not offered.
    await page.getByRole('option', { name: 'Microsoft 365 administration' }).waitFor();
    expect(await page.getByRole('option', { name: 'On-premises Exchange hosting' }).count()).toBe(0);
    await page.getByRole('option', { name: 'Microsoft 365 administration' }).click();
    await page.getByRole('combobox', { name: /^What kind of problem is it\?/ }).click();
    await page.getByRole('option', { name: 'An application is not working' }).click();
    await page.getByRole('radio', { name: 'My team' }).check();
    await page.getByRole('radio', { name: 'It slows my work down' }).check();

    // Without saying what is wrong, the form stops at that question.
    await page.getByRole('button', { name: 'Report the problem' }).click();
    const what = page.getByRole('textbox', { name: /^What is wrong\?/ });
    await page.getByText('Say in a few words what is wrong').waitFor();
    await expect.poll(() => what.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => page.evaluate<string | null>('document.activeElement?.getAttribute("aria-invalid") ?? null')).toBe('true');
    await expectAccessible(page, 'report a problem');
    await screenshot(page, 'portal-incidents-01-report');

    await what.fill('Outlook cannot connect to my mailbox');
    await page.getByRole('button', { name: 'Report the problem' }).click();
    const heading = page.getByRole('heading', { level: 1, name: /^INC-\d{6} · Outlook cannot connect to my mailbox$/ });
    await heading.waitFor();
    const reference = ((await heading.textContent()) ?? '').slice(0, 10);
    const status = page.getByTestId('incident-status');
    await expect.poll(() => status.textContent()).toBe('Received: waiting for the service desk');
    await page.getByText('Microsoft 365 administration').waitFor();
    await page.getByText('My team').waitFor();
    await expectAccessible(page, 'my incident');
    await screenshot(page, 'portal-incidents-02-reported');

    // It is listed among the requester's incidents in the portal.
    await page.getByRole('link', { name: 'Request portal' }).first().click();
    const mine = page.getByRole('region', { name: 'My incidents' });
    await mine.getByRole('link', { name: reference, exact: true }).waitFor();
    await mine.getByRole('row', { name: new RegExp(reference) }).getByText('Received: waiting for the service desk').waitFor();

    // The desk resolves it; the requester says it is still broken, with a reason, so it reopens.
    await resolveAsDesk(reference, 'Mailbox profile rebuilt');
    await mine.getByRole('link', { name: reference, exact: true }).click();
    await expect.poll(() => status.textContent()).toBe('Resolved: please confirm it is fixed');
    await page.getByText('Mailbox profile rebuilt').waitFor();
    await page.getByRole('button', { name: 'No, it is still broken' }).click();
    await page.getByRole('button', { name: 'Reopen the incident' }).click();
    await page.getByText('Tell us what is still wrong').waitFor();
    await page.getByRole('textbox', { name: /^What is still wrong\?/ }).fill('Outlook still shows Disconnected after a restart');
    await page.getByRole('button', { name: 'Reopen the incident' }).click();
    await expect.poll(() => status.textContent()).toBe('Being worked on');
    await page.getByRole('article', { name: /^Message from / }).getByText('Still not fixed: Outlook still shows Disconnected after a restart').waitFor();

    // Resolved again, the requester confirms it is fixed and the incident closes.
    await resolveAsDesk(reference, 'Cached credentials cleared');
    await page.reload();
    await expect.poll(() => status.textContent()).toBe('Resolved: please confirm it is fixed');
    await page.getByRole('button', { name: 'Yes, it is fixed' }).click();
    await expect.poll(() => status.textContent()).toBe('Closed');
    await page.getByRole('region', { name: 'Is it fixed?' }).waitFor({ state: 'detached' });
    await screenshot(page, 'portal-incidents-03-closed');
    // The only failed load is the session probe before signing in.
    expect(consoleErrors.filter((e) => !/status of 401/.test(e))).toEqual([]);
  });

  it('a requester with many incidents pages through them, ten at a time, told how many there are', async () => {
    // Still signed in as the requester: report enough problems for three pages.
    const { csrfToken: requesterToken } = await (await page.request.get('/api/session')).json() as { csrfToken: string };
    for (let i = 1; i <= 21; i += 1) {
      const reported = await page.request.post('/api/incidents', {
        headers: { 'X-CSRF-Token': requesterToken },
        data: { shortDescription: `Paging check ${String(i).padStart(2, '0')}`, category: 'other', impact: 'low', urgency: 'low' },
      });
      expect(reported.status(), await reported.text()).toBe(201);
    }
    const all = await (await page.request.get('/api/incidents?limit=1&count=true')).json() as { total: number };
    expect(all.total).toBeGreaterThan(21);

    const fetched: string[] = [];
    page.on('request', (r) => { if (r.url().includes('/api/incidents?')) fetched.push(r.url()); });
    await page.goto('/portal');
    const mine = page.getByRole('region', { name: 'My incidents' });
    const pages = mine.getByRole('navigation', { name: 'Pages of my incidents' });
    await pages.getByText(`Incidents 1–10 of ${all.total}`).waitFor();
    expect(await mine.locator('tbody tr').count()).toBe(10);
    // The newest first, and only a page of them is asked for.
    await mine.getByRole('row', { name: /Paging check 21/ }).waitFor();
    expect(fetched.every((url) => new URL(url).searchParams.get('limit') === '10')).toBe(true);

    await pages.getByRole('button', { name: 'Next page' }).click();
    await pages.getByText(`Incidents 11–20 of ${all.total}`).waitFor();
    await mine.getByRole('row', { name: /Paging check 11/ }).waitFor();
    expect(await mine.getByRole('row', { name: /Paging check 21/ }).count()).toBe(0);
    await pages.getByRole('button', { name: 'Next page' }).click();
    const last = Math.min(30, all.total);
    await pages.getByText(`Incidents 21–${last} of ${all.total}`).waitFor();
    await pages.getByRole('button', { name: 'Previous page' }).click();
    await pages.getByText(`Incidents 11–20 of ${all.total}`).waitFor();
    await expectAccessible(page, 'portal with paged incidents');
    await screenshot(page, 'portal-incidents-04-paged');

    // Their requests are paged the same way and say how many there are.
    const requests = await (await page.request.get('/api/service-requests?limit=1&count=true')).json() as { total: number };
    const myRequests = page.getByRole('region', { name: 'My requests' });
    await myRequests.getByText(requests.total === 0 ? 'No requests' : new RegExp(`^Requests 1–${Math.min(10, requests.total)} of ${requests.total}`)).first().waitFor();
  });
});
