import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/platform/db/ids.js';
import { asUser, json, startTestApp, testPassword, type SignedIn, type TestApp } from '../support/test-app.js';
import { storeNames } from '../support/test-databases.js';

const proxy = '10.0.0.1';
const wrong = 'wrong-password-123';

describe.each(storeNames())('sign-in throttling on %s', (store) => {
  let t: TestApp;
  let admin: SignedIn;
  beforeAll(async () => {
    t = await startTestApp(store, { env: { CERTUS_TRUSTED_PROXIES: `${proxy},192.168.50.0/24` } });
    admin = await t.user(['administrator']);
  });
  afterAll(async () => t?.close());

  const db = () => t.certus.database.db;
  let clients = 0;
  /** A client address of its own per test, so no test throttles another by address. */
  const newClient = () => `198.51.100.${++clients}`;
  const addUser = async (email: string) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/users', headers: asUser(admin), payload: { email, displayName: email, roles: ['requester'], password: testPassword } });
    expect(res.statusCode, res.body).toBe(201);
  };
  const signIn = (email: string, password: string, client: string) => t.app.inject({ method: 'POST', url: '/api/session', remoteAddress: proxy, headers: { 'x-forwarded-for': client }, payload: { email, password } });
  /** Moves the account's failures into the past instead of waiting for real. */
  const wait = (email: string, ms: number) => db().updateTable('login_failures').set((eb) => ({ at: eb('at', '-', ms) })).where('email', '=', email).execute();
  const addressFailures = (ip: string, count: number) => db().insertInto('login_failures')
    .values(Array.from({ length: count }, (_, i) => ({ id: newId(), email: `spread${i}@test.example`, ip, at: Date.now() - 1000 }))).execute();

  it('makes each attempt after three failures wait longer: 1 s, 2 s, 4 s, with 429 and Retry-After', async () => {
    const email = 'progressive@test.example';
    const client = newClient();
    await addUser(email);
    for (let i = 0; i < 3; i++) expect((await signIn(email, wrong, client)).statusCode).toBe(401);
    for (const seconds of [1, 2, 4]) {
      const early = await signIn(email, testPassword, client);
      expect(early.statusCode).toBe(429);
      expect(early.headers['content-type']).toContain('application/problem+json');
      expect(early.headers['retry-after']).toBe(String(seconds));
      expect(json<{ detail: string }>(early).detail).toContain(`Wait ${seconds} second`);
      await wait(email, seconds * 1000);
      expect((await signIn(email, wrong, client)).statusCode).toBe(401);
    }
    const waiting = await signIn(email, testPassword, client);
    expect(waiting.headers['retry-after']).toBe('8');
    await wait(email, 8000);
    expect((await signIn(email, testPassword, client)).statusCode).toBe(200);
    const again = await signIn(email, wrong, client);
    expect(again.statusCode).toBe(401);
    expect((await signIn(email, wrong, client)).statusCode).toBe(401);
  });

  it('caps the delay at five minutes, after which the right password still works', async () => {
    const email = 'held@test.example';
    const client = newClient();
    await addUser(email);
    await db().insertInto('login_failures').values(Array.from({ length: 40 }, (_, i) => ({ id: newId(), email, ip: `203.0.113.${i}`, at: Date.now() - 40_000 + i * 1000 }))).execute();
    const held = await signIn(email, testPassword, client);
    expect(held.statusCode).toBe(429);
    expect(Number(held.headers['retry-after'])).toBeGreaterThan(200);
    expect(Number(held.headers['retry-after'])).toBeLessThanOrEqual(300);
    await wait(email, 5 * 60_000);
    expect((await signIn(email, testPassword, client)).statusCode).toBe(200);
  });

  it('behind a trusted proxy, limits each client by its own forwarded address', async () => {
    const noisy = newClient();
    const quiet = newClient();
    expect((await signIn('nobody-a@test.example', wrong, noisy)).statusCode).toBe(401);
    const stored = await db().selectFrom('login_failures').select('ip').where('email', '=', 'nobody-a@test.example').execute();
    expect(stored.map((r) => r.ip)).toEqual([noisy]);
    await addressFailures(noisy, 19);
    const blocked = await signIn('nobody-b@test.example', wrong, noisy);
    expect(blocked.statusCode).toBe(429);
    expect(json<{ detail: string }>(blocked).detail).toContain('from your address');
    expect((await signIn('nobody-c@test.example', wrong, quiet)).statusCode).toBe(401);
    const viaRange = await t.app.inject({ method: 'POST', url: '/api/session', remoteAddress: '192.168.50.7', headers: { 'x-forwarded-for': quiet }, payload: { email: 'nobody-d@test.example', password: wrong } });
    expect(viaRange.statusCode).toBe(401);
    expect((await db().selectFrom('login_failures').select('ip').where('email', '=', 'nobody-d@test.example').executeTakeFirstOrThrow()).ip).toBe(quiet);
    // A client that sends its own X-Forwarded-For through the proxy is still known by the address
    // the proxy saw (the nearest untrusted one), so it cannot slip out of its limit.
    const spoofed = await t.app.inject({ method: 'POST', url: '/api/session', remoteAddress: proxy, headers: { 'x-forwarded-for': `203.0.113.77, ${noisy}` }, payload: { email: 'nobody-e@test.example', password: wrong } });
    expect(spoofed.statusCode).toBe(429);
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    const peer = '10.0.0.99';
    const attempt = (email: string, claimed: string) => t.app.inject({ method: 'POST', url: '/api/session', remoteAddress: peer, headers: { 'x-forwarded-for': claimed }, payload: { email, password: wrong } });
    expect((await attempt('spoof-a@test.example', '203.0.113.200')).statusCode).toBe(401);
    expect((await db().selectFrom('login_failures').select('ip').where('email', '=', 'spoof-a@test.example').executeTakeFirstOrThrow()).ip).toBe(peer);
    await addressFailures(peer, 19);
    expect((await attempt('spoof-b@test.example', '203.0.113.201')).statusCode).toBe(429);
  });
});
