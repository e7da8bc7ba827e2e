import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Type } from 'typebox';
import { allModules, assemble } from '../../src/certus.js';
import type { CertusModule } from '../../src/kernel/module.js';
import type { RecordTypeDefinition } from '../../src/kernel/records/record-type.js';
import { verifyRecordStates } from '../../src/kernel/records/record-verify.js';
import { createRecordTableV1 } from '../../src/kernel/migrations/record-table-v1.js';
import { asUser, json, startTestApp, type SignedIn, type TestApp } from '../support/test-app.js';
import { storeNames } from '../support/test-databases.js';

const Steps = Type.Array(Type.Object({
  title: Type.String({ minLength: 1, maxLength: 100 }),
  minutes: Type.Optional(Type.Integer({ minimum: 1 })),
}, { additionalProperties: false }), { maxItems: 20 });

/** A record type that exists only in this test, with a structured (json) field. */
const runbookRecord: RecordTypeDefinition = {
  type: 'runbook', plural: 'runbooks', table: 'runbooks', prefix: 'RBK', label: 'Runbook', labelPlural: 'Runbooks',
  clause: '8.7.1', titleField: 'name', listFields: ['name'],
  workflow: { initial: 'open', states: [{ id: 'open', label: 'Open', category: 'open' }], transitions: [] },
  access: { read: ['capacity-availability-manager'], create: ['capacity-availability-manager'], update: ['capacity-availability-manager'] },
  fields: {
    name: { kind: 'text', label: 'Name', required: true },
    steps: { kind: 'json', label: 'Steps', schema: Steps },
  },
};

const runbookModule: CertusModule = {
  name: 'runbooks', clause: '8.7.1', recordTypes: [runbookRecord],
  migrations: [{
    name: '20991231T0001-test-runbooks',
    async up(db, t) {
      await createRecordTableV1(db, t, 'runbooks').addColumn('name', t.text, (c) => c.notNull()).addColumn('steps', t.text).execute();
    },
  }],
};

interface Runbook { id: string; version: number; steps: { title: string; minutes?: number }[] | null }

describe.each(storeNames())('json fields on %s', (store) => {
  let t: TestApp;
  let user: SignedIn;
  beforeAll(async () => {
    t = await startTestApp(store, { assembly: assemble([...allModules, runbookModule]) });
    user = await t.user(['capacity-availability-manager']);
  });
  afterAll(async () => t?.close());

  it('stores a structured value, shows it parsed, and keeps history and state in step', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/runbooks', headers: asUser(user), payload: { name: 'Fail over', steps: [{ title: 'Drain node', minutes: 5 }, { title: 'Promote replica' }] } });
    expect(created.statusCode, created.body).toBe(201);
    const runbook = json<Runbook>(created);
    expect(runbook.steps).toEqual([{ title: 'Drain node', minutes: 5 }, { title: 'Promote replica' }]);

    // The same value with its keys in another order is no change: no new version, no history event.
    const same = await t.app.inject({ method: 'PATCH', url: `/api/runbooks/${runbook.id}`, headers: { ...asUser(user), 'if-match': '"1"' }, payload: { steps: [{ minutes: 5, title: 'Drain node' }, { title: 'Promote replica' }] } });
    expect(same.headers.etag).toBe('"1"');

    const changed = await t.app.inject({ method: 'PATCH', url: `/api/runbooks/${runbook.id}`, headers: { ...asUser(user), 'if-match': '"1"' }, payload: { steps: [{ title: 'Promote replica' }] } });
    expect(json<Runbook>(changed).steps).toEqual([{ title: 'Promote replica' }]);
    const read = json<Runbook>(await t.app.inject({ method: 'GET', url: `/api/runbooks/${runbook.id}`, headers: asUser(user) }));
    expect(read.version).toBe(2);
    expect(read.steps).toEqual([{ title: 'Promote replica' }]);
    const history = json<{ items: { kind: string; data: { changes?: { field: string }[] } }[] }>(await t.app.inject({ method: 'GET', url: `/api/runbooks/${runbook.id}/history`, headers: asUser(user) }));
    expect(history.items.map((e) => e.kind)).toEqual(['created', 'updated']);
    expect(history.items[1]!.data.changes!.map((c) => c.field)).toEqual(['steps']);
    expect((await verifyRecordStates(t.certus.database.db, t.certus.assembly.registry)).problems).toEqual([]);
  });

  it('refuses a value that does not fit the schema, naming the place inside the field', async () => {
    const bad = await t.app.inject({ method: 'POST', url: '/api/runbooks', headers: asUser(user), payload: { name: 'Bad', steps: [{ title: 'Ok' }, { title: '' }] } });
    expect(bad.statusCode).toBe(400);
    expect(json<{ errors: { field: string }[] }>(bad).errors.map((e) => e.field)).toContain('steps.1.title');
    const notList = await t.app.inject({ method: 'POST', url: '/api/runbooks', headers: asUser(user), payload: { name: 'Bad', steps: 'drain, promote' } });
    expect(notList.statusCode).toBe(400);
    expect(json<{ errors: { field: string }[] }>(notList).errors[0]!.field).toMatch(/^steps(\.|$)/);
  });

  it('checks the schema for writes that do not come through HTTP too', async () => {
    const { createRecord } = await import('../../src/kernel/records/record.service.js');
    const { principalOfUser } = await import('../../src/platform/auth/principals.js');
    const db = t.certus.database.db;
    const principal = await principalOfUser(db, user.userId);
    await expect(db.transaction().execute((trx) => createRecord(trx, runbookRecord, principal, { name: 'Direct', steps: [{ title: 'x', minutes: 0 }] })))
      .rejects.toMatchObject({ code: 'validation', extra: { errors: [{ field: 'steps.0.minutes' }] } });
  });

  it('describes the field with its schema in OpenAPI', async () => {
    const doc = json<{ paths: Record<string, { post?: { requestBody: { content: Record<string, { schema: unknown }> } } }> }>(await t.app.inject({ method: 'GET', url: '/api/openapi.json' }));
    const body = JSON.stringify(doc.paths['/api/runbooks']!.post!.requestBody.content['application/json']!.schema);
    expect(body).toContain('"minutes"');
    expect(body).toContain('"maxItems":20');
  });
});
