import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailability, screenshot } from './support/browser.js';
import { expectAccessible, openJourney, type Journey } from './support/journey.js';

const availability = browserAvailability();
const password = 'Certus-demo-2026';
const fixtures = path.resolve('test/fixtures');
// The server polls its job queue this often (the default is 5 s); the page polls each second.
process.env.CERTUS_JOB_INTERVAL_MS = '1000';
const runTimeout = { timeout: 30_000 };

describe.skipIf(!availability.run)('incident import journey in the browser', () => {
  let journey: Journey;
  let page: Page;

  beforeAll(async () => {
    journey = await openJourney();
    ({ page } = journey);
  });

  afterAll(async () => journey?.close());

  const importButton = () => page.getByRole('button', { name: 'Import', exact: true });

  it('checks a malformed export, shows its problems, then checks and imports a clean one', async () => {
    await page.goto('/imports/incidents');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('E-mail address').fill('incident-problem-manager@northwind.example');
    await page.getByRole('textbox', { name: 'Password' }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Import incidents', level: 1 }).waitFor();
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('group', { name: 'Resolution and fulfilment (8.6)' }).getByRole('link', { name: /Import incidents/ }).waitFor();
    expect(await importButton().isDisabled()).toBe(true);

    // A file with problems: the check lists them by line and field, and the import stays off.
    await page.locator('input[type="file"]').setInputFiles(path.join(fixtures, 'servicenow-malformed.csv'));
    await page.getByRole('button', { name: 'Check file' }).click();
    await page.getByRole('alert').filter({ hasText: 'The file has problems' }).waitFor(runTimeout);
    await page.getByText('5 problems found in 15 rows, 3 incidents. Nothing was imported.').waitFor();
    const problems = page.getByRole('table', { name: 'Problems found in the file' });
    expect(await problems.getByRole('row').count()).toBe(6);
    await problems.getByRole('row', { name: /3\s+INC0000001\s+opened_at\s+"31\/2\/2016 08:00" is not a date/ }).waitFor();
    expect(await page.getByRole('progressbar', { name: /Check progress/ }).getAttribute('aria-valuenow')).toBe('100');
    expect(await page.getByRole('link', { name: 'Download all problems (CSV)' }).getAttribute('href')).toMatch(/^\/api\/incident-imports\/[0-9a-f-]{36}\/issues\.csv$/);
    expect(await importButton().isDisabled()).toBe(true);
    await screenshot(page, 'import-01-problems');
    await expectAccessible(page, 'import page with problems');

    // A clean file: the check finds nothing, the import writes, the summary links to the incidents.
    await page.locator('input[type="file"]').setInputFiles(path.join(fixtures, 'servicenow-clean.csv'));
    await page.getByRole('button', { name: 'Check file' }).click();
    await page.getByText('No problems in 14 rows, 3 incidents. The file is ready to import.').waitFor(runTimeout);
    expect(await importButton().isDisabled()).toBe(false);
    await importButton().click();
    await page.getByText(/^Imported 3 incidents \(0 already there\) from 14 rows in/).waitFor(runTimeout);
    expect(await page.getByRole('progressbar', { name: /Import progress/ }).getAttribute('aria-valuenow')).toBe('100');
    const earlier = page.getByRole('table', { name: 'Earlier import runs' });
    await earlier.getByRole('row').filter({ hasText: 'servicenow-clean.csv' }).filter({ hasText: 'Import' }).filter({ hasText: 'Succeeded' }).waitFor();
    expect(await earlier.getByRole('row').count()).toBe(4);
    await screenshot(page, 'import-02-imported');
    await expectAccessible(page, 'import page after an import');

    await page.getByRole('link', { name: 'Open the imported incidents' }).click();
    await page.getByRole('heading', { name: 'Incidents', level: 1 }).waitFor();
    expect(new URL(page.url()).searchParams.get('source')).toBe('servicenow');
    for (const number of ['INC0000001', 'INC0000002', 'INC0000003']) await page.getByText(new RegExp(`\\(${number}\\)`)).first().waitFor();
    await screenshot(page, 'import-03-incidents');
  });

  it('checks an XES event log, shows the kind, mapping and throughput it read, then imports its incidents', async () => {
    // Signed in by the journey above. The log is sent gzipped, as the BPI Challenge logs are published.
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'certus-xes-')), 'volvo-sample.xes.gz');
    writeFileSync(file, gzipSync(readFileSync(path.join(fixtures, 'xes', 'bpic2013-incidents-sample.xes'))));
    await page.goto('/imports/incidents');
    await page.getByRole('heading', { name: 'Import incidents', level: 1 }).waitFor();

    // A trace with an impossible date: the check names its line, case number and attribute.
    await page.locator('input[type="file"]').setInputFiles(path.join(fixtures, 'xes', 'bpic2013-incidents-bad-timestamp.xes'));
    await page.getByRole('button', { name: 'Check file' }).click();
    await page.getByText('1 problem found in 11 events, 3 incidents. Nothing was imported.').waitFor(runTimeout);
    const problems = page.getByRole('table', { name: 'Problems found in the file' });
    await problems.getByRole('columnheader', { name: 'Case number' }).waitFor();
    await problems.getByRole('row', { name: /71\s+1-200\s+time:timestamp\s+"2012-02-30T09:30:00\+01:00" is not an XES date/ }).waitFor();
    expect(await importButton().isDisabled()).toBe(true);

    await page.locator('input[type="file"]').setInputFiles(file);
    const options = page.getByRole('group', { name: 'How the log is read' });
    expect(await options.getByRole('combobox', { name: /^Kind of log/ }).inputValue()).toBe('Detect from the file');
    expect(await options.getByRole('textbox', { name: /^Group/ }).getAttribute('placeholder')).toBe('org:group');
    await page.getByRole('button', { name: 'Check file' }).click();
    await page.getByText('No problems in 11 events, 3 incidents. The file is ready to import.').waitFor(runTimeout);
    const read = page.getByRole('region', { name: 'How the log was read' });
    await read.getByText('Kind: BPI Challenge 2013 incident log (Volvo IT) (detected); each trace becomes one of the incidents.').waitFor();
    await read.getByRole('table', { name: 'Throughput, first event to last' }).getByRole('row', { name: /3\s+40\.7 hours\s+2 days/ }).waitFor();
    await read.getByRole('table', { name: 'Attribute mapping used' }).getByRole('row', { name: /Sub-status\s+lifecycle:transition/ }).waitFor();
    await screenshot(page, 'import-04-xes-checked');
    await expectAccessible(page, 'import page after checking an XES log');

    await importButton().click();
    await page.getByText(/^Imported 3 incidents \(0 already there\) from 11 events in/).waitFor(runTimeout);
    await page.getByRole('table', { name: 'Earlier import runs' }).getByRole('row').filter({ hasText: 'volvo-sample.xes.gz' }).filter({ hasText: 'Import (XES log)' }).filter({ hasText: 'Succeeded' }).waitFor();
    await page.getByRole('link', { name: 'Open the imported incidents' }).click();
    await page.getByRole('heading', { name: 'Incidents', level: 1 }).waitFor();
    expect(new URL(page.url()).searchParams.get('source')).toBe('xes:bpic2013-incidents');
    for (const number of ['1-100', '1-200', '1-300']) await page.getByText(new RegExp(`Incident ${number}`)).first().waitFor();
    await screenshot(page, 'import-05-xes-incidents');
  });
});
