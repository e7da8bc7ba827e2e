import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailability, screenshot } from './support/browser.js';
import { expectAccessible, openJourney, signInAs, type Journey } from './support/journey.js';

const availability = browserAvailability();

describe.skipIf(!availability.run)('start pages for each role on the demo data', () => {
  let journey: Journey;
  let page: Page;

  beforeAll(async () => {
    journey = await openJourney();
    page = journey.page;
  });
  afterAll(async () => journey?.close());

  const startAs = async (email: string) => {
    await journey.context.clearCookies();
    await signInAs(page, '/', email);
    await page.getByRole('heading', { name: 'Start', level: 1 }).waitFor();
    await page.getByText('Loading your start page…').waitFor({ state: 'detached' });
  };

  it('shows an agent their work and their groups\' unassigned work by SLA due time, each a link to its record', async () => {
    await startAs('service-desk-agent@northwind.example');
    const work = page.getByRole('region', { name: 'Your work' });
    const assigned = work.getByTestId('start-assigned');
    await assigned.waitFor();
    const rows = assigned.locator('tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    // Soonest due first: the due column counts down, overdue before due, paused and untargeted last.
    const due = await rows.locator('td:nth-child(5)').allTextContents();
    const rank = (text: string) => (text.startsWith('overdue') ? 0 : text.startsWith('due in') ? 1 : 2);
    expect(due.map(rank)).toEqual([...due.map(rank)].sort());
    await expect(work.getByTestId('start-groups').textContent()).resolves.toMatch(/Service desk/);
    const unassigned = work.getByTestId('start-unassigned');
    expect(await unassigned.locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await unassigned.locator('tbody tr td:nth-child(4)').allTextContents()).not.toContain('—');
    await expectAccessible(page, 'agent start page');
    await screenshot(page, 'start-01-agent');

    const reference = (await rows.first().getByRole('link').first().textContent())!;
    await rows.first().getByRole('link').first().click();
    await page.waitForURL(new RegExp(`/records/(incidents|service-requests|request-tasks)/${reference}$`));
    await page.getByRole('heading', { name: new RegExp(reference) }).first().waitFor();

    await page.goBack();
    await page.getByRole('link', { name: 'Your incidents in the queue' }).click();
    await page.waitForURL(/\/queue\?assigneeId=me$/);
    await page.getByRole('heading', { name: 'Queue', level: 1 }).waitFor();
  });

  it('shows the SMS manager the SMS overview with ECharts charts, every figure a link to its records', async () => {
    await startAs('sms-manager@northwind.example');
    const overview = page.getByRole('region', { name: 'The SMS at a glance' });
    await overview.waitFor();
    const readiness = overview.getByTestId('figure-readiness');
    await expect(readiness.textContent()).resolves.toMatch(/^\d+%$/);
    expect(await readiness.getAttribute('href')).toBe('/compliance/readiness');
    expect(await overview.getByTestId('figure-maturity').getAttribute('href')).toBe('/assessments/ASM-000001/maturity');
    expect(await overview.getByTestId('figure-improvements').getAttribute('href')).toBe('/records/improvements?category=open');
    expect(await overview.getByTestId('figure-sla').getAttribute('href')).toMatch(/^\/service-levels\/dashboard\?from=\d{4}-\d{2}-01&to=\d{4}-\d{2}-\d{2}$/);
    // Charts are ECharts (SVG renderer) with their figures in words.
    await overview.locator('[data-chart="sla-attainment"] svg path').first().waitFor({ state: 'attached' });
    await overview.locator('[data-chart="maturity"] svg path').first().waitFor({ state: 'attached' });
    expect(await overview.locator('[data-chart="sla-attainment"]').getAttribute('aria-label')).toMatch(/^SLA attainment by month\. .*Target 95%\.$/);
    // What Certus does not record is said, not shown as zero.
    await overview.getByText('Certus does not record management reviews (9.3) yet').waitFor();
    await overview.getByText(/Certus has no nonconformity register yet/).waitFor();
    await expectAccessible(page, 'SMS manager start page');
    await screenshot(page, 'start-02-sms-manager');

    // The demo's gap assessment raised a nonconformity wherever a rule found one on its records
    // (docs/compliance.md, The demo): the figure counts them and opens them.
    const worksheet = (await (await page.request.get('/api/assessments/ASM-000001/worksheet')).json()) as { requirements: { answer: { result: string } | null }[] };
    const raised = worksheet.requirements.filter((r) => r.answer?.result === 'nonconformant').length;
    expect(raised).toBeGreaterThan(0);
    const nonconformities = overview.getByTestId('figure-nonconformities');
    await expect(nonconformities.textContent()).resolves.toBe(String(raised));
    await nonconformities.click();
    await page.waitForURL(/\/assessments\/ASM-000001\/worksheet\?result=nonconformant$/);
    await page.getByRole('heading', { level: 1, name: /Worksheet: ASM-000001/ }).waitFor();

    await page.goBack();
    const improvements = page.getByTestId('figure-improvements');
    const open = Number(await improvements.textContent());
    await improvements.click();
    await page.waitForURL(/\/records\/improvements\?category=open$/);
    await page.getByRole('heading', { name: 'Improvements', level: 1 }).waitFor();
    await expect.poll(() => page.locator('main table tbody tr').count()).toBe(open);
  });

  it('shows the internal auditor the audits in progress and the evidence index, linking to the evidence', async () => {
    await startAs('internal-auditor@northwind.example');
    const audit = page.getByRole('region', { name: 'Audits and evidence' });
    await audit.waitFor();
    expect(await page.getByRole('region', { name: 'Your work' }).count()).toBe(0);
    expect(await page.getByRole('region', { name: 'The SMS at a glance' }).count()).toBe(0);
    // The demo holds one approved gap assessment and nothing in progress, and says so.
    await audit.getByText('No assessment or audit is planned or in progress').waitFor();
    await audit.getByTestId('start-audits-recent').getByRole('link', { name: 'ASM-000001' }).waitFor();
    await audit.getByRole('heading', { name: 'Evidence index of ASM-000001' }).waitFor();
    expect(Number(await audit.getByTestId('figure-evidence').textContent())).toBeGreaterThan(0);
    await expectAccessible(page, 'auditor start page');
    await screenshot(page, 'start-03-internal-auditor');

    // The demo cites only records (services, agreements, incidents … first in requirement order).
    const cited = audit.getByTestId('start-evidence').getByRole('link', { name: /^[A-Z]{2,5}-\d{6}/ }).first();
    const reference = /^[A-Z]{2,5}-\d{6}/.exec((await cited.textContent())!)![0];
    await cited.click();
    await page.waitForURL(new RegExp(`/records/[a-z-]+/${reference}$`));
    await page.getByRole('heading', { name: new RegExp(reference) }).first().waitFor();
    expect(journey.consoleErrors).toEqual([]);
  });
});
