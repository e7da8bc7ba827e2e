import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJson } from '../../src/platform/db/columns.js';
import { asUser, json, startTestApp, testPassword, type SignedIn, type TestApp } from '../support/test-app.js';
import { storeNames } from '../support/test-databases.js';

describe.each(storeNames())('sign-in and sessions on %s', (store) => {
  let t: TestApp;
  let admin: SignedIn;
  beforeAll(async () => {
    t = await startTestApp(store);
    admin = await t.user(['administrator']);
  });
  afterAll(async () => t?.close());

  const cookieHeaders = (u: SignedIn, csrf: string | null = u.csrf) => ({ cookie: `certus_session=${u.cookie}`, ...(csrf ? { 'x-csrf-token': csrf } : {}) });

  it('sets an httpOnly session cookie and returns the CSRF token and permissions', async () => {
    const email = 'cookie.check@test.example';
    await t.app.inject({ method: 'POST', url: '/api/users', headers: asUser(admin), payload: { email, displayName: 'Cookie Check', roles: ['sms-manager'], password: testPassword } });
    const res = await t.app.inject({ method: 'POST', url: '/api/session', payload: { email: 'Cookie.Check@test.example', password: testPassword } });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'certus_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const body = json<{ csrfToken: string; permissions: string[]; user: { roles: string[] } }>(res);
    expect(body.csrfToken.length).toBeGreaterThan(20);
    expect(body.permissions).toContain('improvements:create');
    expect(body.user.roles).toEqual(['sms-manager']);
  });

  it('refuses a cookie-authenticated write without the CSRF token', async () => {
    const manager = await t.user(['sms-manager']);
    const payload = { title: 'CSRF', source: 'kpi', priority: 'low' };
    const without = await t.app.inject({ method: 'POST', url: '/api/improvements', headers: cookieHeaders(manager, null), payload });
    expect(without.statusCode).toBe(403);
    const wrong = await t.app.inject({ method: 'POST', url: '/api/improvements', headers: cookieHeaders(manager, 'not-the-token'), payload });
    expect(wrong.statusCode).toBe(403);
    const right = await t.app.inject({ method: 'POST', url: '/api/improvements', headers: cookieHeaders(manager), payload });
    expect(right.statusCode).toBe(201);
  });

  it('signs out: the cookie stops working', async () => {
    const user = await t.user(['process-owner']);
    expect((await t.app.inject({ method: 'GET', url: '/api/session', headers: cookieHeaders(user) })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'DELETE', url: '/api/session', headers: cookieHeaders(user) })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/session', headers: cookieHeaders(user) })).statusCode).toBe(401);
  });

  it('tells the web app who is signed in, or that nobody is, without an error', async () => {
    const user = await t.user(['process-owner']);
    const current = async (headers: Record<string, string>) => {
      const res = await t.app.inject({ method: 'GET', url: '/api/session/current', headers });
      expect(res.statusCode).toBe(200);
      return json<{ session: { user: { id: string }; csrfToken: string | null } | null }>(res).session;
    };
    expect(await current({})).toBeNull();
    expect(await current({ cookie: 'certus_session=not-a-session' })).toBeNull();
    const signedIn = await current(cookieHeaders(user));
    expect(signedIn?.user.id).toBe(user.userId);
    expect(signedIn?.csrfToken).toBe(user.csrf);
    expect((await t.app.inject({ method: 'DELETE', url: '/api/session', headers: cookieHeaders(user) })).statusCode).toBe(204);
    expect(await current(cookieHeaders(user))).toBeNull();
  });

  it('makes an account wait after three failed sign-ins, even with the right password', async () => {
    const email = 'throttle@test.example';
    await t.app.inject({ method: 'POST', url: '/api/users', headers: asUser(admin), payload: { email, displayName: 'Throttle', roles: ['requester'], password: testPassword } });
    for (let i = 0; i < 3; i++) {
      const res = await t.app.inject({ method: 'POST', url: '/api/session', payload: { email, password: 'wrong-password-123' } });
      expect(res.statusCode).toBe(401);
    }
    const blocked = await t.app.inject({ method: 'POST', url: '/api/session', payload: { email, password: testPassword } });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['retry-after']).toBe('1');
  });

  it('gives the same answer for an unknown account and a wrong password', async () => {
    const unknown = await t.app.inject({ method: 'POST', url: '/api/session', payload: { email: 'nobody@test.example', password: 'whatever-password' } });
    expect(unknown.statusCode).toBe(401);
    expect(json<{ detail: string }>(unknown).detail).toContain('e-mail address or password is wrong');
  });

  it('stores API tokens hashed, accepts them as Bearer and stops accepting them once revoked', async () => {
    const user = await t.user(['service-desk-agent']);
    const stored = await t.certus.database.db.selectFrom('api_tokens').select(['token_hash']).execute();
    expect(stored.some((r) => r.token_hash === user.token)).toBe(false);
    expect((await t.app.inject({ method: 'GET', url: '/api/session', headers: asUser(user) })).statusCode).toBe(200);
    const list = json<{ items: { id: string }[] }>(await t.app.inject({ method: 'GET', url: '/api/me/tokens', headers: asUser(user) }));
    const revoke = await t.app.inject({ method: 'DELETE', url: `/api/me/tokens/${list.items[0]!.id}`, headers: cookieHeaders(user) });
    expect(revoke.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/session', headers: asUser(user) })).statusCode).toBe(401);
  });

  it('lets an administrator reset a password: sessions end and a change is forced', async () => {
    const user = await t.user(['continuity-manager']);
    const reset = await t.app.inject({ method: 'POST', url: `/api/users/${user.userId}/password-reset`, headers: asUser(admin) });
    expect(reset.statusCode).toBe(200);
    const temporary = json<{ temporaryPassword: string }>(reset).temporaryPassword;
    expect((await t.app.inject({ method: 'GET', url: '/api/session', headers: cookieHeaders(user) })).statusCode).toBe(401);
    const me = json<{ email: string }>(await t.app.inject({ method: 'GET', url: `/api/users/${user.userId}`, headers: asUser(admin) }));
    const signIn = await t.app.inject({ method: 'POST', url: '/api/session', payload: { email: me.email, password: temporary } });
    expect(json<{ user: { mustChangePassword: boolean } }>(signIn).user.mustChangePassword).toBe(true);
    const session = { cookie: `certus_session=${signIn.cookies[0]!.value}`, 'x-csrf-token': json<{ csrfToken: string }>(signIn).csrfToken };
    const blocked = await t.app.inject({ method: 'GET', url: '/api/improvements', headers: session });
    expect(blocked.statusCode).toBe(403);
    const weak = await t.app.inject({ method: 'POST', url: '/api/me/password', headers: session, payload: { currentPassword: temporary, newPassword: 'short' } });
    expect(weak.statusCode).toBe(400);
    const changed = await t.app.inject({ method: 'POST', url: '/api/me/password', headers: session, payload: { currentPassword: temporary, newPassword: 'a-brand-new-passphrase' } });
    expect(changed.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/improvements', headers: session })).statusCode).toBe(200);
  });

  it('deactivating a user ends their sessions and refuses sign-in', async () => {
    const user = await t.user(['supplier-manager']);
    const current = await t.app.inject({ method: 'GET', url: `/api/users/${user.userId}`, headers: asUser(admin) });
    const res = await t.app.inject({ method: 'PATCH', url: `/api/users/${user.userId}`, headers: { ...asUser(admin), 'if-match': current.headers.etag as string }, payload: { active: false } });
    expect(res.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/session', headers: cookieHeaders(user) })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/session', headers: asUser(user) })).statusCode).toBe(401);
    const events = await t.certus.database.db.selectFrom('history_events').select(['kind', 'actor_id', 'data']).where('record_id', '=', user.userId).orderBy('seq').execute();
    expect(events.map((e) => e.kind)).toEqual(['created', 'updated']);
    expect(events[1]!.actor_id).toBe(admin.userId);
    expect(readJson<{ changes: { field: string }[] }>(events[1]!.data).changes.map((c) => c.field)).toEqual(['active']);
  });

  it('rejects a duplicate e-mail and an unknown role with the field named', async () => {
    const dup = await t.app.inject({ method: 'POST', url: '/api/users', headers: asUser(admin), payload: { email: 'dup@test.example', displayName: 'A', roles: ['requester'] } });
    expect(dup.statusCode).toBe(201);
    expect(json<{ temporaryPassword: string }>(dup).temporaryPassword).toMatch(/^\w{5}-\w{5}-\w{5}-\w{5}$/);
    const again = await t.app.inject({ method: 'POST', url: '/api/users', headers: asUser(admin), payload: { email: 'DUP@test.example', displayName: 'B', roles: ['requester'] } });
    expect(again.statusCode).toBe(409);
    expect(json<{ errors: { field: string }[] }>(again).errors[0]!.field).toBe('email');
    const badRole = await t.app.inject({ method: 'POST', url: '/api/users', headers: asUser(admin), payload: { email: 'role@test.example', displayName: 'C', roles: ['wizard'] } });
    expect(badRole.statusCode).toBe(400);
    expect(json<{ errors: { field: string }[] }>(badRole).errors[0]!.field).toBe('roles');
  });
});
