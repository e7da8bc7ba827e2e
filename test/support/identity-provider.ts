import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** An account at the test identity provider; change its groups between sign-ins. */
export interface IdpAccount {
  email: string;
  email_verified: boolean;
  name: string;
  groups: string[];
}

export interface IdentityProvider {
  issuer: string;
  clientId: string;
  /** Null for a public client, which authenticates with PKCE alone. */
  clientSecret: string | null;
  accounts: Map<string, IdpAccount>;
  /** A browser at the provider: follows its redirects and submits its sign-in and consent forms. */
  browser(): IdpBrowser;
  close(): Promise<void>;
}

export interface IdpBrowser {
  /**
   * Follows `start` through the provider's pages, signing in as `accountId` and consenting,
   * until the provider sends the browser to an address starting with `until`; returns that address.
   */
  signIn(start: string, accountId: string, until: string): Promise<URL>;
  /** Opens the provider's sign-out address and confirms; returns where it sends the browser. */
  signOut(endSessionUrl: string): Promise<URL>;
}

/**
 * A real OpenID provider (oidc-provider, with its development sign-in pages, which accept any
 * password) on 127.0.0.1 and a free port. It registers one client for Certus, confidential unless
 * `publicClient`, PKCE required, releasing e-mail, name and a `groups` claim (under the `groups`
 * scope) by UserInfo.
 */
export async function startIdentityProvider(redirectUri: string, postLogoutRedirectUri: string, options: { publicClient?: boolean } = {}): Promise<IdentityProvider> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const accounts = new Map<string, IdpAccount>();
  const clientId = 'certus';
  const clientSecret = options.publicClient ? null : 'certus-test-secret';
  const provider = new Provider(issuer, {
    clients: [{
      client_id: clientId, ...(clientSecret ? { client_secret: clientSecret } : {}), redirect_uris: [redirectUri], post_logout_redirect_uris: [postLogoutRedirectUri],
      response_types: ['code'], grant_types: ['authorization_code'], token_endpoint_auth_method: clientSecret ? 'client_secret_basic' : 'none',
    }],
    pkce: { required: () => true },
    findAccount: (_ctx, id) => {
      const account = accounts.get(id);
      return account ? { accountId: id, claims: () => ({ sub: id, ...account }) } : undefined;
    },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
    scopes: ['openid', 'email', 'profile', 'groups'],
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ['identity-provider-test-key'] },
  });
  server.on('request', provider.callback());

  const browser = (): IdpBrowser => {
    const jar = new Map<string, string>();
    const visit = async (url: URL, form?: URLSearchParams) => {
      const res = await fetch(url, {
        method: form ? 'POST' : 'GET', redirect: 'manual', body: form,
        headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      });
      for (const set of res.headers.getSetCookie()) {
        const [pair = ''] = set.split(';');
        const at = pair.indexOf('=');
        jar.set(pair.slice(0, at), pair.slice(at + 1));
      }
      return res;
    };
    /** The first form of a provider page: where it posts and its hidden fields. */
    const formOf = (html: string, base: URL) => {
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      if (!action) throw new Error(`the provider's page has no form: ${html.slice(0, 300)}`);
      const fields = new URLSearchParams();
      for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) fields.set(name!, value!);
      return { action: new URL(action.replaceAll('&amp;', '&'), base), fields };
    };
    const walk = async (start: URL, accountId: string | null, until: string) => {
      let url = start;
      for (let step = 0; step < 20; step++) {
        if (url.href.startsWith(until)) return url;
        const res = await visit(url);
        if (res.status >= 300 && res.status < 400) {
          url = new URL(res.headers.get('location')!, url);
          continue;
        }
        const html = await res.text();
        if (res.status !== 200) throw new Error(`the provider answered ${res.status} at ${url.href}: ${html.slice(0, 300)}`);
        const { action, fields } = formOf(html, url);
        if (fields.get('prompt') === 'login') {
          fields.set('login', accountId ?? '');
          fields.set('password', 'any-password');
        }
        if (html.includes('name="logout"')) fields.set('logout', 'yes');
        const posted = await visit(action, fields);
        if (posted.status < 300 || posted.status >= 400) throw new Error(`the provider answered ${posted.status} to ${action.href}: ${(await posted.text()).slice(0, 300)}`);
        url = new URL(posted.headers.get('location')!, action);
      }
      throw new Error(`the provider never sent the browser to ${until}`);
    };
    return {
      signIn: (start, accountId, until) => walk(new URL(start), accountId, until),
      signOut: (endSessionUrl) => walk(new URL(endSessionUrl), null, postLogoutRedirectUri),
    };
  };

  return {
    issuer, clientId, clientSecret, accounts, browser,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
