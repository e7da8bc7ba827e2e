import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Access, RouteAccess } from '../../src/platform/auth/access.plugin.js';
import { roleIds, type Role } from '../../src/platform/auth/roles.js';
import { asUser, json, startTestApp, type SignedIn, type TestApp } from '../support/test-app.js';
import { storeNames } from '../support/test-databases.js';

/**
 * Walks every route the server has, with every role, and checks the server's answer against
 * the permission registry: a role without the permission gets 403, a role with it gets
 * anything but 403, and nobody signed in gets 401.
 */
describe.each(storeNames())('permission matrix on %s', (store) => {
  let t: TestApp;
  const users = new Map<Role, SignedIn>();
  let reference = '';
  let recordId = '';

  beforeAll(async () => {
    t = await startTestApp(store);
    for (const role of roleIds) users.set(role, await t.user([role]));
    const created = await t.app.inject({ method: 'POST', url: '/api/improvements', headers: asUser(users.get('sms-manager')!), payload: { title: 'Matrix subject', source: 'kpi', priority: 'low' } });
    ({ reference, id: recordId } = json<{ reference: string; id: string }>(created));
  });
  afterAll(async () => t?.close());

  const placeholder = '01900000-0000-7000-8000-000000000000';
  const urlOf = (url: string) => url
    .replace(':key', reference).replace(':reference', reference)
    .replace(/:id\b/, recordId).replace(/:[A-Za-z]+/g, placeholder);

  type Guarded = RouteAccess & { access: Exclude<Access, 'public'> };
  const isGuarded = (r: RouteAccess): r is Guarded => r.access !== 'public' && r.url.startsWith('/api/') && !(r.method === 'DELETE' && r.url === '/api/session');
  const guarded = () => t.app.accessRules.filter(isGuarded);

  it('covers every API route', () => {
    expect(guarded().length).toBeGreaterThan(20);
    expect(guarded().every((r) => r.access === 'authenticated' || t.certus.assembly.permissions.has(r.access))).toBe(true);
  });

  it('answers 401 to every guarded route without credentials', async () => {
    for (const rule of guarded()) {
      const res = await t.app.inject({ method: rule.method as 'GET', url: urlOf(rule.url), payload: rule.method === 'GET' ? undefined : {} });
      expect(res.statusCode, `${rule.method} ${rule.url}`).toBe(401);
    }
  });

  it.each(roleIds)('enforces every route for the %s role', async (role) => {
    const user = users.get(role)!;
    for (const rule of guarded()) {
      // Resolving a reference also needs read access to the record type it names.
      const access = rule.url === '/api/references/:reference' ? 'improvements:read' : rule.access;
      const allowed = access === 'authenticated' || t.certus.assembly.permissions.allows([role], access);
      const res = await t.app.inject({ method: rule.method as 'GET', url: urlOf(rule.url), headers: asUser(user), payload: rule.method === 'GET' ? undefined : {} });
      const what = `${role} ${rule.method} ${rule.url} (${rule.access}) → ${res.statusCode} ${res.body.slice(0, 120)}`;
      if (allowed) expect(res.statusCode, what).not.toBe(403);
      else expect(res.statusCode, what).toBe(403);
      expect(res.statusCode, what).toBeLessThan(500);
    }
  });

  // Audit work (assessments and what belongs to them) is the one place an auditor writes.
  const auditWork = (access: string) => access.startsWith('assessments:');

  it('lets the internal auditor read everything and change nothing outside audit work', () => {
    const permissions = t.certus.assembly.permissions;
    for (const rule of guarded()) {
      if (rule.access === 'authenticated' || auditWork(rule.access)) continue;
      const canDo = permissions.allows(['internal-auditor'], rule.access);
      if (rule.method === 'GET') expect(canDo, `${rule.method} ${rule.url}`).toBe(true);
      else expect(canDo, `${rule.method} ${rule.url}`).toBe(false);
    }
  });
});
