import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assemble } from '../certus.js';
import { modules } from '../modules/registry.js';
import { asUser, json, startTestApp, type SignedIn, type TestApp } from '../../test/support/test-app.js';
import { storeNames } from '../../test/support/test-databases.js';
import { oscalValidator } from './catalogue/oscal-schemas.test-support.js';
import { complianceModule } from './compliance.module.js';

interface PageOf<T> { items: T[]; total: number; limit: number; offset: number }
interface RequirementBody { id: string; guideId: string | null; clause: string; clauseNumber: string; clauseTitle: string; process: string | null; evidence: string[] }
interface ClauseBody { id: string; requirements: { id: string }[]; children: ClauseBody[] }

const withCompliance = () => assemble([...modules.filter((m) => m.name !== complianceModule.name), complianceModule]);

describe.each(storeNames())('requirement catalogue API on %s', (store) => {
  let t: TestApp;
  let manager: SignedIn;
  beforeAll(async () => {
    t = await startTestApp(store, { assembly: withCompliance() });
    manager = await t.user(['sms-manager']);
  });
  afterAll(async () => t?.close());

  const get = (url: string, user: SignedIn = manager) => t.app.inject({ method: 'GET', url, headers: asUser(user) });

  it('returns clauses 4-10 as a tree holding every requirement', async () => {
    const res = await get('/api/catalogue/clauses');
    expect(res.statusCode).toBe(200);
    const tree = json<{ items: ClauseBody[] }>(res).items;
    expect(tree.map((c) => c.id)).toEqual(['4', '5', '6', '7', '8', '9', '10']);
    const count = (nodes: ClauseBody[]): number => nodes.reduce((n, c) => n + c.requirements.length + count(c.children), 0);
    expect(count(tree)).toBe(105);
  });

  it('filters requirements by clause, process and framework', async () => {
    const all = json<PageOf<RequirementBody>>(await get('/api/catalogue/requirements?limit=500'));
    expect(all.total).toBe(105);
    expect(all.items).toHaveLength(105);
    const clause = json<PageOf<RequirementBody>>(await get('/api/catalogue/requirements?clause=8.7'));
    expect(clause.items.every((r) => r.clauseNumber.startsWith('8.7.'))).toBe(true);
    expect(clause.total).toBe(13);
    const process = json<PageOf<RequirementBody>>(await get('/api/catalogue/requirements?process=problem-management'));
    expect(process.items.map((r) => r.id)).toEqual(['8.6.3-01', '8.6.3-02', '8.6.3-03', '8.6.3-04']);
    const framework = json<PageOf<RequirementBody>>(await get('/api/catalogue/requirements?framework=iso22301'));
    expect(framework.items.map((r) => r.id)).toEqual(['8.7.2-01', '8.7.2-02', '8.7.2-03', '8.7.2-04']);
    const paged = json<PageOf<RequirementBody>>(await get('/api/catalogue/requirements?limit=10&offset=101'));
    expect(paged.items.map((r) => r.id)).toEqual(['10.1-01', '10.1-02', '10.2-01', '10.2-02']);
  });

  it("finds requirements by words and by the guide's numbers", async () => {
    const byGuideId = json<PageOf<RequirementBody>>(await get('/api/catalogue/requirements?q=8.3.2-05'));
    expect(byGuideId.items.map((r) => [r.id, r.guideId, r.clauseNumber, r.clauseTitle])).toEqual([['8.3.3-05', '8.3.2-05', '8.3.3', 'Service level management']]);
    const inClause = json<PageOf<RequirementBody>>(await get(`/api/catalogue/requirements?clause=8.3&q=${encodeURIComponent('supplier performance')}`));
    expect(inClause.items.map((r) => r.id)).toEqual(['8.3.4-02']);
    const tooLong = await get(`/api/catalogue/requirements?q=${'x'.repeat(101)}`);
    expect(tooLong.statusCode).toBe(400);
  });

  it('rejects an unknown filter with the field named (400)', async () => {
    const res = await get('/api/catalogue/requirements?process=alchemy');
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(json<{ errors: { field: string }[] }>(res).errors[0]!.field).toBe('process');
  });

  it('returns one requirement with its mappings and what names it', async () => {
    const res = await get('/api/catalogue/requirements/8.7.2-03');
    expect(res.statusCode).toBe(200);
    const body = json<RequirementBody & { mappings: { framework: string; targets: { id: string }[] }[]; readinessItems: { id: string }[]; pitfalls: { id: string }[]; kpis: { id: string }[] }>(res);
    expect(body.process).toBe('continuity-management');
    expect(body.evidence.length).toBeGreaterThan(0);
    expect(body.mappings.find((m) => m.framework === 'iso22301')!.targets.map((t) => t.id)).toEqual(['BCMS']);
    expect(body.readinessItems.map((i) => i.id)).toContain('RDY-11');
    expect(body.pitfalls.map((p) => p.id)).toContain('PIT-07');
    expect(body.kpis.map((k) => k.id)).toContain('KPI-12');
  });

  it('answers 404 naming a requirement that does not exist', async () => {
    const res = await get('/api/catalogue/requirements/8.6.3-99');
    expect(res.statusCode).toBe(404);
    expect(json<{ detail: string }>(res).detail).toBe('Requirement 8.6.3-99 was not found');
  });

  it('lists readiness items, evidence requests, pitfalls and KPIs', async () => {
    expect(json<PageOf<unknown>>(await get('/api/catalogue/readiness-items')).total).toBe(18);
    expect(json<PageOf<unknown>>(await get('/api/catalogue/evidence-requests')).total).toBe(30);
    expect(json<PageOf<{ categoryId: string }>>(await get('/api/catalogue/evidence-requests?category=service-assurance')).items.every((i) => i.categoryId === 'service-assurance')).toBe(true);
    expect(json<PageOf<unknown>>(await get('/api/catalogue/pitfalls')).total).toBe(12);
    expect(json<PageOf<unknown>>(await get('/api/catalogue/kpis')).total).toBe(18);
    const frameworks = json<PageOf<{ id: string; areas: { id: string }[] }>>(await get('/api/catalogue/frameworks')).items;
    expect(frameworks.map((f) => f.id)).toEqual(['itil4', 'iso27001', 'cobit2019', 'iso9001', 'iso22301']);
    expect(frameworks.find((f) => f.id === 'iso22301')!.areas.map((a) => a.id)).toEqual(['service-continuity']);
  });

  it('downloads OSCAL exports that validate against NIST\'s schemas', async () => {
    for (const [path, kind] of [['oscal-catalog', 'catalog'], ['oscal-mapping', 'mapping']] as const) {
      const res = await get(`/api/catalogue/exports/${path}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="certus-iso20000-1-oscal-/);
      const validate = oscalValidator(kind);
      validate(res.json());
      expect(validate.errors ?? [], path).toEqual([]);
    }
  });

  it('documents every catalogue route in the OpenAPI description', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const operations = Object.entries(json<{ paths: Record<string, Record<string, { operationId?: string }>> }>(res).paths)
      .filter(([path]) => path.startsWith('/api/catalogue'))
      .flatMap(([, p]) => Object.values(p).map((o) => o.operationId));
    expect(operations.filter((o) => o?.includes('catalogue'))).toHaveLength(10);
  });

  it('is closed to requesters and open to the internal auditor', async () => {
    const requester = await t.user(['requester']);
    expect((await get('/api/catalogue/clauses', requester)).statusCode).toBe(403);
    const auditor = await t.user(['internal-auditor']);
    expect((await get('/api/catalogue/clauses', auditor)).statusCode).toBe(200);
  });
});
