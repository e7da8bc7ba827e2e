import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/platform/auth/secrets.js';
import { readJson } from '../../src/platform/db/columns.js';
import { startIdentityProvider, type IdentityProvider } from '../support/identity-provider.js';
import { asUser, json, startTestApp, testPassword, type SignedIn, type TestApp } from '../support/test-app.js';
import { storeNames } from '../support/test-databases.js';

const publicUrl = 'http://certus.test';
const callbackUrl = `${publicUrl}/api/session/oidc/callback`;

interface Session { user: { id: string; email: string; displayName: string; roles: string[] }; csrfToken: string }

/**
 * Single sign-on against a real OpenID provider (oidc-provider on 127.0.0.1): the browser's
 * part at the provider is driven with fetch, Certus' part with inject.
 */
describe.each(storeNames())('single sign-on with OpenID Connect on %s', (store) => {
  let idp: IdentityProvider;
  let t: TestApp;
  let admin: SignedIn;

  beforeAll(async () => {
    idp = await startIdentityProvider(callbackUrl, `${publicUrl}/sign-in`);
    t = await startTestApp(store, {
      env: {
        CERTUS_PUBLIC_URL: publicUrl,
        CERTUS_OIDC_ISSUER: idp.issuer,
        CERTUS_OIDC_CLIENT_ID: idp.clientId,
        CERTUS_OIDC_CLIENT_SECRET: idp.clientSecret!,
        CERTUS_OIDC_SCOPES: 'openid email profile groups',
        CERTUS_OIDC_ROLE_MAP: 'certus-leads=sms-manager,process-owner;certus-desk=service-desk-agent',
        CERTUS_OIDC_LABEL: 'Sign in with Contoso',
      },
    });
    admin = await t.user(['administrator']);
  });
  afterAll(async () => {
    await t?.close();
    await idp?.close();
  });

  const cookieOf = (res: LightMyRequestResponse, name: string) => res.cookies.find((c) => c.name === name && c.value !== '');

  /** Starts at Certus, signs in at the provider, and brings the provider's answer back to Certus. */
  async function signIn(accountId: string, options: { tamper?: (callback: URL) => void; returnTo?: string } = {}) {
    const start = await t.app.inject({ method: 'GET', url: `/api/session/oidc${options.returnTo ? `?returnTo=${encodeURIComponent(options.returnTo)}` : ''}` });
    expect(start.statusCode).toBe(302);
    const handle = cookieOf(start, 'certus_oidc')!;
    expect(handle.httpOnly).toBe(true);
    const callback = await idp.browser().signIn(start.headers.location as string, accountId, callbackUrl);
    options.tamper?.(callback);
    const res = await t.app.inject({ method: 'GET', url: `${callback.pathname}${callback.search}`, headers: { cookie: `certus_oidc=${handle.value}` } });
    return { res, handle: handle.value, callback };
  }

  async function sessionOf(res: LightMyRequestResponse) {
    const cookie = cookieOf(res, 'certus_session');
    if (!cookie) throw new Error(`no session: ${res.statusCode} ${String(res.headers.location)}`);
    const info = await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie: `certus_session=${cookie.value}` } });
    expect(info.statusCode).toBe(200);
    return { cookie: cookie.value, info: json<Session>(info) };
  }

  const userRow = (email: string) => t.certus.database.db.selectFrom('users').select(['id', 'active', 'password_hash']).where('email', '=', email).executeTakeFirst();

  it('tells the sign-in page that single sign-on is available, and its label', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/session/providers' });
    expect(res.statusCode).toBe(200);
    expect(json(res)).toEqual({ password: true, oidc: { label: 'Sign in with Contoso', signInUrl: '/api/session/oidc' } });
  });

  it('sends the browser to the provider with state, nonce and a PKCE S256 challenge, keeping none of it in the address', async () => {
    const start = await t.app.inject({ method: 'GET', url: '/api/session/oidc' });
    expect(start.statusCode).toBe(302);
    const to = new URL(start.headers.location as string);
    expect(to.origin).toBe(idp.issuer);
    expect(to.searchParams.get('client_id')).toBe('certus');
    expect(to.searchParams.get('redirect_uri')).toBe(callbackUrl);
    expect(to.searchParams.get('code_challenge_method')).toBe('S256');
    expect(to.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(to.searchParams.get('state')!.length).toBeGreaterThan(20);
    expect(to.searchParams.get('nonce')!.length).toBeGreaterThan(20);
    const handle = cookieOf(start, 'certus_oidc')!;
    expect(handle.path).toBe('/api/session/oidc');
    expect(handle.maxAge).toBe(600);
    const kept = await t.certus.database.db.selectFrom('oidc_sign_ins').select(['state', 'code_verifier']).where('state', '=', to.searchParams.get('state')!).executeTakeFirst();
    expect(kept?.code_verifier).toBeDefined();
    expect(to.href).not.toContain(kept!.code_verifier);
  });

  it('comes back only to a page of Certus itself', async () => {
    for (const [asked, kept] of [['//evil.example/x', '/'], ['https://evil.example/', '/'], ['/api/users', '/'], ['/records/risks?status=open', '/records/risks?status=open']]) {
      const start = await t.app.inject({ method: 'GET', url: `/api/session/oidc?returnTo=${encodeURIComponent(asked!)}` });
      const state = new URL(start.headers.location as string).searchParams.get('state')!;
      const row = await t.certus.database.db.selectFrom('oidc_sign_ins').select('return_to').where('state', '=', state).executeTakeFirstOrThrow();
      expect(row.return_to, asked).toBe(kept);
    }
  });

  it('lists the single sign-on routes in the OpenAPI document', async () => {
    const doc = json<{ paths: Record<string, Record<string, { operationId?: string }>> }>(await t.app.inject({ method: 'GET', url: '/api/openapi.json' }));
    expect(doc.paths['/api/session/oidc']?.get?.operationId).toBe('start-single-sign-on');
    expect(doc.paths['/api/session/oidc/callback']?.get?.operationId).toBe('single-sign-on-callback');
    expect(doc.paths['/api/session/providers']?.get?.operationId).toBe('list-sign-in-providers');
    expect(doc.paths['/api/session/oidc/end-session']?.get?.operationId).toBe('single-sign-on-end-session');
  });

  it('creates the user on first sign-in with the roles their groups map to, with a working session', async () => {
    idp.accounts.set('ada', { email: 'Ada@Contoso.example', email_verified: true, name: 'Ada Lovelace', groups: ['certus-leads', 'unmapped-group'] });
    const { res } = await signIn('ada', { returnTo: '/records/improvements' });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/records/improvements');
    const { cookie, info } = await sessionOf(res);
    expect(info.user).toMatchObject({ email: 'ada@contoso.example', displayName: 'Ada Lovelace', roles: ['process-owner', 'sms-manager'] });
    // users:read is the SMS manager's; a write needs the CSRF token like any cookie session.
    const headers = { cookie: `certus_session=${cookie}`, 'x-csrf-token': info.csrfToken };
    expect((await t.app.inject({ method: 'GET', url: '/api/users', headers })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/improvements', headers: { cookie: headers.cookie }, payload: { title: 'SSO', source: 'kpi', priority: 'low' } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/api/improvements', headers, payload: { title: 'SSO', source: 'kpi', priority: 'low' } })).statusCode).toBe(201);
    // No local password: the e-mail and any password do not open a session.
    expect((await userRow('ada@contoso.example'))!.password_hash).toBe('!single-sign-on');
    expect((await t.app.inject({ method: 'POST', url: '/api/session', payload: { email: 'ada@contoso.example', password: '!single-sign-on' } })).statusCode).toBe(401);
    const identity = await t.certus.database.db.selectFrom('user_identities').selectAll().where('subject', '=', 'ada').executeTakeFirstOrThrow();
    expect(identity).toMatchObject({ issuer: idp.issuer, user_id: info.user.id });
  });

  it('re-maps the roles at the next sign-in after the groups changed, and records the change', async () => {
    idp.accounts.set('grace', { email: 'grace@contoso.example', email_verified: true, name: 'Grace Hopper', groups: ['certus-leads'] });
    const first = await sessionOf((await signIn('grace')).res);
    expect(first.info.user.roles).toEqual(['process-owner', 'sms-manager']);
    idp.accounts.set('grace', { ...idp.accounts.get('grace')!, groups: ['certus-desk'] });
    const second = await sessionOf((await signIn('grace')).res);
    expect(second.info.user.id).toBe(first.info.user.id);
    expect(second.info.user.roles).toEqual(['service-desk-agent']);
    expect((await t.app.inject({ method: 'GET', url: '/api/users', headers: { cookie: `certus_session=${second.cookie}` } })).statusCode).toBe(403);
    const events = await t.certus.database.db.selectFrom('history_events').select(['kind', 'data']).where('record_id', '=', first.info.user.id).orderBy('seq').execute();
    expect(events.map((e) => e.kind)).toEqual(['created', 'updated']);
    expect(readJson<{ changes: unknown[] }>(events[1]!.data).changes).toEqual([{ field: 'roles', from: ['process-owner', 'sms-manager'], to: ['service-desk-agent'] }]);
  });

  it('refuses a user whose groups map to no role, and creates nothing', async () => {
    idp.accounts.set('mallory', { email: 'mallory@contoso.example', email_verified: true, name: 'Mallory', groups: ['visitors'] });
    const { res } = await signIn('mallory');
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/sign-in?ssoError=no-role');
    expect(cookieOf(res, 'certus_session')).toBeUndefined();
    expect(await userRow('mallory@contoso.example')).toBeUndefined();
    expect(await t.certus.database.db.selectFrom('user_identities').select('subject').where('subject', '=', 'mallory').executeTakeFirst()).toBeUndefined();
  });

  it('refuses a deactivated Certus user, whatever their groups', async () => {
    idp.accounts.set('dora', { email: 'dora@contoso.example', email_verified: true, name: 'Dora', groups: ['certus-desk'] });
    const { info } = await sessionOf((await signIn('dora')).res);
    const current = await t.app.inject({ method: 'GET', url: `/api/users/${info.user.id}`, headers: asUser(admin) });
    const off = await t.app.inject({ method: 'PATCH', url: `/api/users/${info.user.id}`, headers: { ...asUser(admin), 'if-match': current.headers.etag as string }, payload: { active: false } });
    expect(off.statusCode).toBe(200);
    const { res } = await signIn('dora');
    expect(res.headers.location).toBe('/sign-in?ssoError=deactivated');
    expect(cookieOf(res, 'certus_session')).toBeUndefined();
  });

  it('links an existing local user by a verified e-mail address, and refuses an unverified one', async () => {
    const local = await t.user(['requester'], 'linus@contoso.example');
    idp.accounts.set('linus', { email: 'linus@contoso.example', email_verified: true, name: 'Linus', groups: ['certus-desk'] });
    const { info } = await sessionOf((await signIn('linus')).res);
    expect(info.user.id).toBe(local.userId);
    expect(info.user.roles).toEqual(['service-desk-agent']);
    // A linked local user keeps their password.
    expect((await t.app.inject({ method: 'POST', url: '/api/session', payload: { email: 'linus@contoso.example', password: testPassword } })).statusCode).toBe(200);

    await t.user(['requester'], 'una@contoso.example');
    idp.accounts.set('una', { email: 'una@contoso.example', email_verified: false, name: 'Una', groups: ['certus-desk'] });
    const { res } = await signIn('una');
    expect(res.headers.location).toBe('/sign-in?ssoError=email-in-use');
    expect(await t.certus.database.db.selectFrom('user_identities').select('subject').where('subject', '=', 'una').executeTakeFirst()).toBeUndefined();
  });

  it('refuses a tampered state without a 500, and the sign-in cannot be replayed', async () => {
    idp.accounts.set('eve', { email: 'eve@contoso.example', email_verified: true, name: 'Eve', groups: ['certus-leads'] });
    const { res, handle, callback } = await signIn('eve', { tamper: (url) => url.searchParams.set('state', 'forged-state') });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/sign-in?ssoError=failed');
    expect(cookieOf(res, 'certus_session')).toBeUndefined();
    expect(await userRow('eve@contoso.example')).toBeUndefined();
    const again = await t.app.inject({ method: 'GET', url: `${callback.pathname}${callback.search}`, headers: { cookie: `certus_oidc=${handle}` } });
    expect(again.headers.location).toBe('/sign-in?ssoError=expired');
    const noCookie = await t.app.inject({ method: 'GET', url: '/api/session/oidc/callback?code=abc&state=def' });
    expect(noCookie.statusCode).toBe(302);
    expect(noCookie.headers.location).toBe('/sign-in?ssoError=expired');
  });

  it('passes on the provider\'s refusal as a refusal, not an error', async () => {
    const start = await t.app.inject({ method: 'GET', url: '/api/session/oidc' });
    const state = new URL(start.headers.location as string).searchParams.get('state')!;
    const res = await t.app.inject({
      method: 'GET', url: `/api/session/oidc/callback?error=access_denied&error_description=cancelled&state=${state}&iss=${encodeURIComponent(idp.issuer)}`,
      headers: { cookie: `certus_oidc=${cookieOf(start, 'certus_oidc')!.value}` },
    });
    expect(res.headers.location).toBe('/sign-in?ssoError=denied');
  });

  it('signs out: the session ends and the provider\'s sign-out address is offered', async () => {
    idp.accounts.set('sam', { email: 'sam@contoso.example', email_verified: true, name: 'Sam', groups: ['certus-desk'] });
    const { cookie, info } = await sessionOf((await signIn('sam')).res);
    const headers = { cookie: `certus_session=${cookie}`, 'x-csrf-token': info.csrfToken };
    expect(await t.certus.database.db.selectFrom('oidc_sessions').select('issuer').where('session_hash', '=', sha256Hex(cookie)).executeTakeFirst()).toEqual({ issuer: idp.issuer });
    const offered = json<{ endSessionUrl: string }>(await t.app.inject({ method: 'GET', url: '/api/session/oidc/end-session', headers }));
    expect(offered.endSessionUrl.startsWith(`${idp.issuer}/session/end?`)).toBe(true);
    expect(new URL(offered.endSessionUrl).searchParams.get('post_logout_redirect_uri')).toBe(`${publicUrl}/sign-in`);
    expect((await t.app.inject({ method: 'DELETE', url: '/api/session', headers })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/session', headers })).statusCode).toBe(401);
    const sessionRow = () => t.certus.database.db.selectFrom('oidc_sessions').select('issuer').where('session_hash', '=', sha256Hex(cookie)).executeTakeFirst();
    expect(await sessionRow()).toBeUndefined();
    // The provider accepts the address (id_token_hint, registered redirect) and sends the browser back to Certus.
    const back = await idp.browser().signOut(offered.endSessionUrl);
    expect(back.href).toBe(`${publicUrl}/sign-in`);
    // A password session has no provider to sign out of.
    expect(json(await t.app.inject({ method: 'GET', url: '/api/session/oidc/end-session', headers: { cookie: `certus_session=${admin.cookie}` } }))).toEqual({ endSessionUrl: null });
  });
});

describe.each(storeNames())('single sign-on as a public client (PKCE, no secret) on %s', (store) => {
  let idp: IdentityProvider;
  let t: TestApp;
  beforeAll(async () => {
    idp = await startIdentityProvider(callbackUrl, `${publicUrl}/sign-in`, { publicClient: true });
    t = await startTestApp(store, { env: { CERTUS_PUBLIC_URL: publicUrl, CERTUS_OIDC_ISSUER: idp.issuer, CERTUS_OIDC_CLIENT_ID: idp.clientId, CERTUS_OIDC_SCOPES: 'openid email profile groups', CERTUS_OIDC_ROLE_MAP: '{"auditors": "internal-auditor"}' } });
  });
  afterAll(async () => {
    await t?.close();
    await idp?.close();
  });

  it('signs in with the code and the PKCE verifier alone', async () => {
    idp.accounts.set('ida', { email: 'ida@contoso.example', email_verified: true, name: 'Ida', groups: ['auditors'] });
    const start = await t.app.inject({ method: 'GET', url: '/api/session/oidc' });
    const handle = start.cookies.find((c) => c.name === 'certus_oidc')!.value;
    const callback = await idp.browser().signIn(start.headers.location as string, 'ida', callbackUrl);
    const res = await t.app.inject({ method: 'GET', url: `${callback.pathname}${callback.search}`, headers: { cookie: `certus_oidc=${handle}` } });
    expect(res.headers.location).toBe('/');
    const session = res.cookies.find((c) => c.name === 'certus_session')!;
    const info = json<Session>(await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie: `certus_session=${session.value}` } }));
    expect(info.user.roles).toEqual(['internal-auditor']);
  });
});

describe('without an identity provider', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('sqlite');
  });
  afterAll(async () => t?.close());

  it('offers password sign-in only, and the single sign-on routes say it is not configured', async () => {
    expect(json(await t.app.inject({ method: 'GET', url: '/api/session/providers' }))).toEqual({ password: true, oidc: null });
    const start = await t.app.inject({ method: 'GET', url: '/api/session/oidc' });
    expect(start.statusCode).toBe(404);
    expect(json<{ detail: string }>(start).detail).toContain('CERTUS_OIDC_ISSUER');
    expect((await t.app.inject({ method: 'GET', url: '/api/session/oidc/callback?code=x&state=y' })).headers.location).toBe('/sign-in?ssoError=not-configured');
  });
});
