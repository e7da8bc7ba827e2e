import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailability } from './support/browser.js';
import { openJourney, type Journey } from './support/journey.js';

const availability = browserAvailability();

describe.skipIf(!availability.run)('the Content-Security-Policy in the browser', () => {
  let journey: Journey;
  const violations: string[] = [];

  beforeAll(async () => {
    journey = await openJourney();
    // Chromium reports every refused script or style as a console error and as an event.
    await journey.context.addInitScript(`document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI))`);
    journey.page.on('console', (message) => {
      if (/Content Security Policy|CSP violation/i.test(message.text())) violations.push(message.text());
    });
  });
  afterAll(async () => journey?.close());

  it('runs the web app under it: the sign-in page renders and takes a sign-in', async () => {
    const { page } = journey;
    const response = await page.goto('/');
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('E-mail address').fill('sms-manager@northwind.example');
    await page.getByRole('textbox', { name: 'Password' }).fill('Certus-demo-2026');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation').first().waitFor();
    expect(violations).toEqual([]);
  });

  it('runs the API reference under it: swagger-ui draws the Certus API', async () => {
    const { page } = journey;
    const response = await page.goto('/api/docs/');
    expect(response?.headers()['x-frame-options']).toBe('DENY');
    // The page fetches and draws the whole OpenAPI description: seconds on a busy machine.
    await page.getByText('Certus API', { exact: false }).first().waitFor({ timeout: 60_000 });
    await page.locator('.opblock').first().waitFor({ timeout: 60_000 });
    expect(violations).toEqual([]);
  });
});
