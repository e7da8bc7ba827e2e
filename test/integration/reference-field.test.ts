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
  clause: '8.3.2', titleField: 'title', listFields: ['title', 'service'],
  workflow: { initial: 'open', states: [{ id: 'open', label: 'Open', category: 'open' }], transitions: [] },
  access: { read: ['service-level-manager'], create: ['service-level-manager'], update: ['service-level-manager'] },
  fields: {
    title: { kind: 'text', label: 'Title', required: true },
    service: { kind: 'reference', label: 'Service', target: serviceRecord, filterable: true },
  },
};

const reviewModule: CertusModule = {
  name: 'service-reviews', clause: '8.3.2', recordTypes: [reviewRecord],
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
