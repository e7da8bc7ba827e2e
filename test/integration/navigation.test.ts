import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asUser, json, startTestApp, type TestApp } from '../support/test-app.js';
import { storeNames } from '../support/test-databases.js';

interface Metadata { items: { plural: string }[]; pages: { label: string; path: string; group: string }[] }

describe.each(storeNames())('navigation pages on %s', (store) => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp(store); });
  afterAll(async () => t?.close());

  const pagesOf = async (roles: Parameters<TestApp['user']>[0]) => {
    const res = await t.app.inject({ method: 'GET', url: '/api/record-types', headers: asUser(await t.user(roles)) });
    expect(res.statusCode, res.body).toBe(200);
    return json<Metadata>(res);
  };

  it('offers each person only the module pages their permissions open', async () => {
    const requester = await pagesOf(['requester']);
    expect(requester.pages.map((p) => p.label)).toEqual(['Request portal']);
    const agent = (await pagesOf(['service-desk-agent'])).pages.map((p) => p.label);
    expect(agent).toEqual(expect.arrayContaining(['Queue', 'Incident KPIs', 'Service level dashboard', 'Business calendars', 'Request portal']));
    expect(agent).not.toContain('Import incidents');
    expect((await pagesOf(['incident-problem-manager'])).pages.map((p) => p.label)).toContain('Import incidents');
  });

  it('declares every page with a known permission, a section, and never a plain record list', async () => {
    const admin = await pagesOf(['administrator']);
    const manifests = t.certus.assembly.modules.flatMap((m) => m.menu ?? []);
    expect(admin.pages).toHaveLength(manifests.length);
    for (const entry of manifests) expect(t.certus.assembly.permissions.has(entry.permission), entry.permission).toBe(true);
    const lists = new Set(admin.items.map((i) => `/records/${i.plural}`));
    expect(admin.pages.filter((p) => lists.has(p.path) && p.group !== 'compliance')).toEqual([]);
  });
});
