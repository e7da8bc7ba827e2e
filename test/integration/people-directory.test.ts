import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asUser, json, startTestApp, type SignedIn, type TestApp } from '../support/test-app.js';
import { storeNames } from '../support/test-databases.js';

interface Person { id: string; displayName: string; roles?: string[]; active?: boolean; email?: string }

describe.each(storeNames())('the people directory on %s', (store) => {
  let t: TestApp;
  let admin: SignedIn;
  let agent: SignedIn;
  let requester: SignedIn;
  let otherRequester: SignedIn;
  let leaver: SignedIn;
  beforeAll(async () => {
    t = await startTestApp(store);
    admin = await t.user(['administrator']);
    agent = await t.user(['service-desk-agent']);
    requester = await t.user(['requester']);
    otherRequester = await t.user(['requester']);
    leaver = await t.user(['incident-problem-manager']);
    const current = await t.app.inject({ method: 'GET', url: `/api/users/${leaver.userId}`, headers: asUser(admin) });
    const off = await t.app.inject({ method: 'PATCH', url: `/api/users/${leaver.userId}`, headers: { ...asUser(admin), 'if-match': current.headers.etag as string }, payload: { active: false } });
    expect(off.statusCode, off.body).toBe(200);
  });
  afterAll(async () => t?.close());

  const people = async (user: SignedIn, query = '') => {
    const res = await t.app.inject({ method: 'GET', url: `/api/people${query}`, headers: asUser(user) });
    expect(res.statusCode, res.body).toBe(200);
    return json<{ items: Person[] }>(res).items;
  };

  it('shows a requester only the names of active staff: no roles, no e-mail, no requesters, no leavers', async () => {
    const items = await people(requester);
    const ids = items.map((p) => p.id);
    expect(ids).toContain(agent.userId);
    expect(ids).toContain(admin.userId);
    expect(ids).not.toContain(otherRequester.userId);
    expect(ids).not.toContain(requester.userId);
    expect(ids).not.toContain(leaver.userId);
    for (const person of items) expect(Object.keys(person).sort()).toEqual(['displayName', 'id']);
  });

  it('refuses a requester the role filter and the deactivated people', async () => {
    for (const query of ['?role=administrator', '?includeInactive=true']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/people${query}`, headers: asUser(requester) });
      expect(res.statusCode).toBe(403);
    }
  });

  it('shows staff names and roles of everyone active, and leavers on request', async () => {
    const items = await people(agent);
    const byId = new Map(items.map((p) => [p.id, p]));
    expect(byId.get(otherRequester.userId)).toMatchObject({ roles: ['requester'], active: true });
    expect(byId.get(admin.userId)?.roles).toEqual(['administrator']);
    expect(byId.has(leaver.userId)).toBe(false);
    expect(items.some((p) => 'email' in p)).toBe(false);
    const withLeavers = await people(agent, '?includeInactive=true');
    expect(withLeavers.find((p) => p.id === leaver.userId)).toMatchObject({ active: false });
    expect((await people(agent, '?role=administrator')).map((p) => p.id)).toEqual([admin.userId]);
  });
});
