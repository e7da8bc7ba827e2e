import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allModules, assemble } from '../../src/certus.js';
import type { CertusModule } from '../../src/kernel/module.js';
import type { RecordTypeDefinition } from '../../src/kernel/records/record-type.js';
import { createRecordTableV1 } from '../../src/kernel/migrations/record-table-v1.js';
import { serviceRecord } from '../../src/modules/services/index.js';
import { asUser, json, startTestApp, type SignedIn, type TestApp } from '../support/test-app.js';
import { storeNames } from '../support/test-databases.js';

/** A record type that exists only in this test, naming a service by its reference. */
const reviewRecord: RecordTypeDefinition = {
  type: 'service-review', plural: 'service-reviews', table: 'service_reviews', prefix: 'SRV', label: 'Service review', labelPlural: 'Service reviews',
  clause: '8.3.3', titleField: 'title', listFields: ['title', 'service'],
  workflow: { initial: 'open', states: [{ id: 'open', label: 'Open', category: 'open' }], transitions: [] },
  access: { read: ['service-level-manager'], create: ['service-level-manager'], update: ['service-level-manager'] },
  fields: {
    title: { kind: 'text', label: 'Title', required: true },
    service: { kind: 'reference', label: 'Service', target: serviceRecord, filterable: true },
  },
};

const reviewModule: CertusModule = {
  name: 'service-reviews', clause: '8.3.3', recordTypes: [reviewRecord],
  migrations: [{
    name: '20991231T0002-test-service-reviews',
    async up(db, t) {
      await createRecordTableV1(db, t, 'service_reviews').addColumn('title', t.text, (c) => c.notNull()).addColumn('service', t.text).execute();
    },
  }],
};

interface Problem { errors?: { field: string; reason: string }[] }

describe.each(storeNames())('reference fields on %s', (store) => {
  let t: TestApp;
  let manager: SignedIn;
  let service = '';
  beforeAll(async () => {
    t = await startTestApp(store, { assembly: assemble([...allModules, reviewModule]) });
    manager = await t.user(['service-level-manager', 'sms-manager']);
    const created = await t.app.inject({ method: 'POST', url: '/api/services', headers: asUser(manager), payload: { name: 'Hosting', serviceType: 'customer-facing', criticality: 'high' } });
    expect(created.statusCode, created.body).toBe(201);
    service = json<{ reference: string }>(created).reference;
  });
  afterAll(async () => t?.close());

  it('shows the name of the record a reference names beside its code: record, list and CSV', async () => {
    const own = json<{ reference: string }>(await t.app.inject({ method: 'POST', url: '/api/services', headers: asUser(manager), payload: { name: 'Hosting', serviceType: 'customer-facing', criticality: 'high' } })).reference;
    const created = await t.app.inject({ method: 'POST', url: '/api/service-reviews', headers: asUser(manager), payload: { title: 'Named review', service: own } });
    expect(created.statusCode, created.body).toBe(201);
    const review = json<{ reference: string; referenceTitles: Record<string, string> }>(created);
    expect(review.referenceTitles).toEqual({ service: 'Hosting' });
    const read = json<{ referenceTitles: Record<string, string> }>(await t.app.inject({ method: 'GET', url: `/api/service-reviews/${review.reference}`, headers: asUser(manager) }));
    expect(read.referenceTitles).toEqual({ service: 'Hosting' });
    const listed = json<{ items: { reference: string; referenceTitles: Record<string, string> }[] }>(await t.app.inject({ method: 'GET', url: '/api/service-reviews?limit=200', headers: asUser(manager) }));
    expect(listed.items.find((i) => i.reference === review.reference)?.referenceTitles).toEqual({ service: 'Hosting' });
    const csv = await t.app.inject({ method: 'GET', url: '/api/service-reviews?format=csv', headers: asUser(manager) });
    const [header, ...rows] = csv.body.trim().split(/\r?\n/);
    const columns = header!.split(',');
    expect(columns.slice(columns.indexOf('service'), columns.indexOf('service') + 2)).toEqual(['service', 'serviceName']);
    const row = rows.find((r) => r.startsWith(review.reference))!.split(',');
    expect(row[columns.indexOf('serviceName')]).toBe('Hosting');
  });

  it('gives no name for a record the reader may not see: a requester, once the service retires', async () => {
    const made = json<{ reference: string }>(await t.app.inject({ method: 'POST', url: '/api/services', headers: asUser(manager), payload: { name: 'Printing', serviceType: 'customer-facing', criticality: 'low' } }));
    const live = await t.app.inject({ method: 'POST', url: `/api/services/${made.reference}/transitions`, headers: { ...asUser(manager), 'if-match': '"1"' }, payload: { to: 'live' } });
    expect(live.statusCode, live.body).toBe(200);
    const requester = await t.user(['requester']);
    const category = t.certus.assembly.registry.get('incident')!.fields.category!.options![0]!.value;
    const reported = await t.app.inject({ method: 'POST', url: '/api/incidents', headers: asUser(requester), payload: { shortDescription: 'Printer jammed', category, impact: 'low', urgency: 'low', service: made.reference } });
    expect(reported.statusCode, reported.body).toBe(201);
    const incident = json<{ reference: string; referenceTitles: Record<string, string> }>(reported);
    expect(incident.referenceTitles.service).toBe('Printing');
    const retired = await t.app.inject({ method: 'POST', url: `/api/services/${made.reference}/transitions`, headers: { ...asUser(manager), 'if-match': '"2"' }, payload: { to: 'retired', fields: { retirementReason: 'Replaced' } } });
    expect(retired.statusCode, retired.body).toBe(200);
    // Requesters see live services only, so the retired one's name is not theirs to read.
    const read = json<{ referenceTitles: Record<string, string> }>(await t.app.inject({ method: 'GET', url: `/api/incidents/${incident.reference}`, headers: asUser(requester) }));
    expect(read.referenceTitles.service).toBeUndefined();
    const staff = json<{ referenceTitles: Record<string, string> }>(await t.app.inject({ method: 'GET', url: `/api/incidents/${incident.reference}`, headers: asUser(manager) }));
    expect(staff.referenceTitles.service).toBe('Printing');
  });

  it('accepts a reference to a record that exists and filters by it', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/service-reviews', headers: asUser(manager), payload: { title: 'Quarterly', service } });
    expect(created.statusCode, created.body).toBe(201);
    expect(json<{ service: string }>(created).service).toBe(service);
    const listed = await t.app.inject({ method: 'GET', url: `/api/service-reviews?service=${service}`, headers: asUser(manager) });
    expect(json<{ items: unknown[] }>(listed).items).toHaveLength(1);
  });

  it('refuses a reference to no record, or of another type, naming the field, and writes nothing', async () => {
    for (const [value, reason] of [['SVC-999999', 'names SVC-999999, which is not a service on record'], ['INC-000001', 'must be a service reference such as SVC-000001']] as const) {
      const res = await t.app.inject({ method: 'POST', url: '/api/service-reviews', headers: asUser(manager), payload: { title: 'Bad', service: value } });
      expect(res.statusCode, res.body).toBe(400);
      const problem = json<Problem>(res);
      expect(problem.errors?.[0]?.field).toBe('service');
      expect(problem.errors?.[0]?.reason).toContain(reason);
    }
    const count = await t.app.inject({ method: 'GET', url: '/api/service-reviews?count=true&q=Bad', headers: asUser(manager) });
    expect(json<{ total: number }>(count).total).toBe(0);
  });

  it('describes its target in the record-type metadata and in OpenAPI', async () => {
    const types = json<{ items: { type: string; fields: { name: string; kind: string; target: { plural: string; prefix: string } | null }[] }[] }>(
      await t.app.inject({ method: 'GET', url: '/api/record-types', headers: asUser(manager) }));
    const field = types.items.find((i) => i.type === 'service-review')!.fields.find((f) => f.name === 'service')!;
    expect(field).toMatchObject({ kind: 'reference', target: { plural: 'services', prefix: 'SVC' } });
    const spec = JSON.stringify(json<object>(await t.app.inject({ method: 'GET', url: '/api/openapi.json' })));
    expect(spec).toContain('a Service reference such as SVC-000001');
  });
});
