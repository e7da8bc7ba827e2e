import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailability, screenshot } from './support/browser.js';
import { expectAccessible, openJourney, signInAs, type Journey } from './support/journey.js';

const availability = browserAvailability();

describe.skipIf(!availability.run)('SLA queue and service level dashboard in the browser', () => {
  let journey: Journey;
  let page: Page;

  beforeAll(async () => {
    journey = await openJourney();
    page = journey.page;
  });
  afterAll(async () => journey?.close());

  it('lets an agent work the queue by SLA countdown and a service level manager read the dashboard', async () => {
    await signInAs(page, '/queue', 'service-desk-agent@northwind.example');
    await page.getByRole('heading', { name: 'Queue', level: 1 }).waitFor();
    const table = page.getByTestId('incident-queue');
    await table.waitFor();
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: /Queue/ }).waitFor();

    // A P1 on a round-the-clock service, logged now, has a response clock minutes from its due
    // time whatever the day and hour; the demo's own clocks may be days off or overdue.
    const session = (await (await page.request.get('/api/session')).json()) as { csrfToken: string };
    const catalogue = (await (await page.request.get('/api/services?limit=50')).json()) as { items: { reference: string; name: string }[] };
    const hosting = catalogue.items.find((s) => s.name === 'Managed hosting');
    expect(hosting).toBeDefined();
    const logged = await page.request.post('/api/incidents', {
      headers: { 'X-CSRF-Token': session.csrfToken },
      data: { shortDescription: 'Hypervisor host unreachable in the second data centre', category: 'hardware', impact: 'high', urgency: 'high', service: hosting!.reference },
    });
    expect(logged.status()).toBe(201);
    const fresh = ((await logged.json()) as { reference: string }).reference;
    await page.reload();
    await table.waitFor();

    // Open incidents are clocked: countdowns tick, and late ones say so in words.
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    const countdown = rows.filter({ has: page.getByRole('link', { name: fresh, exact: true }) }).getByTestId('countdown');
    const before = await countdown.textContent();
    expect(before).toMatch(/\d+s$/);
    await expect.poll(() => countdown.textContent(), { timeout: 5000 }).not.toBe(before);
    const flagged = table.locator('tbody tr[data-sla="breached"], tbody tr[data-sla="at-risk"]');
    expect(await flagged.count()).toBeGreaterThan(0);
    await expect(flagged.first().locator('td').nth(6).textContent()).resolves.toMatch(/^(Breached|At risk)$/);
    await screenshot(page, 'queue-01-all');
    await expectAccessible(page, 'queue');

    // Only P1 and P2.
    await page.getByRole('group', { name: 'Priority' }).getByText('P1', { exact: true }).click();
    await page.waitForURL(/priority=P1/);
    const filtered = page.waitForResponse((r) => r.url().includes('/api/incident-queue') && /priority=P1(%2C|,)P2/.test(r.url()) && r.ok());
    await page.getByRole('group', { name: 'Priority' }).getByText('P2', { exact: true }).click();
    await page.waitForURL(/priority=P1%2CP2|priority=P1,P2/);
    await filtered;
    await expect.poll(async () => [...new Set(await table.locator('tbody tr td:nth-child(3)').allTextContents())].sort().join(','), { timeout: 10_000 }).toMatch(/^(P1|P2|P1,P2)$/);
    await screenshot(page, 'queue-02-p1-p2');

    // Open the first incident.
    const reference = (await table.locator('tbody tr').first().getByRole('link').textContent())!;
    await table.locator('tbody tr').first().getByRole('link').click();
    await page.waitForURL(new RegExp(`/records/incidents/${reference}$`));
    await page.getByRole('heading', { name: new RegExp(reference) }).first().waitFor();
    // Its SLA clocks, replayed from its history, each with its state in words.
    const clocks = page.getByRole('region', { name: 'Clocks' });
    await clocks.locator('li[data-clock]').first().getByRole('progressbar').waitFor();
    // Each says, by name, the calendar it counts in.
    await expect(clocks.locator('li[data-clock]').first().textContent()).resolves.toMatch(/Counted in(London business hours|24×7)/);
    await expectAccessible(page, 'incident clocks');

    // A service level manager reads the dashboard.
    await journey.context.clearCookies();
    await signInAs(page, '/service-levels/dashboard', 'service-level-manager@northwind.example');
    await page.getByRole('heading', { name: 'Service level dashboard', level: 1 }).waitFor();
    await page.locator('svg[data-chart="line"] polyline').first().waitFor();
    await page.locator('svg[data-chart="bar"] rect').first().waitFor();
    expect(await page.locator('svg[data-chart="line"]').getAttribute('aria-label')).toMatch(/SLA attainment by month\. .*%.*Target 95%/);
    await expect(page.getByTestId('kpi-sla-attainment').textContent()).resolves.toMatch(/^\d+(\.\d)?%$/);
    const services = page.getByTestId('service-table').locator('tbody tr');
    expect(await services.count()).toBeGreaterThan(0);
    // Every service with an SLA in force and incidents has its row: the payment gateway's SLA is Contoso's, its only customer.
    await services.filter({ hasText: 'Payment gateway hosting' }).first().waitFor();
    await screenshot(page, 'queue-03-dashboard');
    await expectAccessible(page, 'service level dashboard');
    // The two visits before signing in probe the session and get a 401; nothing else may fail.
    expect(journey.consoleErrors.filter((e) => !e.includes('401 (Unauthorized)'))).toEqual([]);
  });
});
