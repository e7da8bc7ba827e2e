import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startIdentityProvider, type IdentityProvider } from '../support/identity-provider.js';
import { browserAvailability, screenshot } from './support/browser.js';
import { expectAccessible, openJourney, type Journey } from './support/journey.js';

const availability = browserAvailability();

describe.skipIf(!availability.run)('single sign-on journey in the browser', () => {
  let journey: Journey;
  let page: Page;
  let idp: IdentityProvider | undefined;

  beforeAll(async () => {
    journey = await openJourney({
      server: {
        env: async (baseUrl) => {
          idp = await startIdentityProvider(`${baseUrl}/api/session/oidc/callback`, `${baseUrl}/sign-in`);
          return {
            CERTUS_PUBLIC_URL: baseUrl,
            CERTUS_OIDC_ISSUER: idp.issuer,
            CERTUS_OIDC_CLIENT_ID: idp.clientId,
            CERTUS_OIDC_CLIENT_SECRET: idp.clientSecret!,
            CERTUS_OIDC_SCOPES: 'openid email profile groups',
            CERTUS_OIDC_ROLE_MAP: 'certus-leads=sms-manager',
            CERTUS_OIDC_LABEL: 'Sign in with Contoso',
          };
        },
      },
    });
    page = journey.page;
    idp!.accounts.set('ada', { email: 'ada@contoso.example', email_verified: true, name: 'Ada Lovelace', groups: ['certus-leads'] });
    idp!.accounts.set('mallory', { email: 'mallory@contoso.example', email_verified: true, name: 'Mallory', groups: ['visitors'] });
  });

  afterAll(async () => {
    await journey?.close();
    await idp?.close();
  });

  /** The identity provider's development pages: any login, any password, then consent. */
  async function signInAtProvider(login: string) {
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill('any-password');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
  }

  it('signs in through the identity provider, comes back signed in, and signs out at both', async () => {
    await page.goto('/records/improvements');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    const button = page.getByRole('link', { name: 'Sign in with Contoso' });
    await button.waitFor();
    await screenshot(page, 'sso-01-sign-in-page');
    await expectAccessible(page, 'sign-in page with single sign-on');
    await button.click();
    await signInAtProvider('ada');
    // Back at the page that asked for a sign-in, as Ada with the SMS manager's role.
    await page.getByText('Ada Lovelace').first().waitFor();
    expect(new URL(page.url()).pathname).toBe('/records/improvements');
    await screenshot(page, 'sso-02-signed-in');

    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    const session = await page.evaluate(async () => (await fetch('/api/session')).status);
    expect(session).toBe(401);
  });

  it('brings back someone whose groups give no role to the sign-in page, saying why', async () => {
    await page.goto('/sign-in');
    await page.getByRole('link', { name: 'Sign in with Contoso' }).click();
    await signInAtProvider('mallory');
    await page.getByRole('alert').getByText('none of your groups there gives you a role in Certus').waitFor();
    expect(new URL(page.url()).searchParams.get('ssoError')).toBe('no-role');
    await screenshot(page, 'sso-03-refused');
    await expectAccessible(page, 'sign-in page after a refused single sign-on');
  });
});
