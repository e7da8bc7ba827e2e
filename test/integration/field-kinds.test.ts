import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allModules, assemble } from '../../src/certus.js';
import type { CertusModule } from '../../src/kernel/module.js';
import type { RecordTypeDefinition } from '../../src/kernel/records/record-type.js';
import { verifyRecordStates } from '../../src/kernel/records/record-verify.js';
import { asUser, json, startTestApp, type SignedIn, type TestApp } from '../support/test-app.js';
import { storeNames } from '../support/test-databases.js';

/** A record type that exists only in this test, to prove the kernel serves any declared type. */
const checkRecord: RecordTypeDefinition = {
  type: 'site-check', plural: 'site-checks', table: 'site_checks', prefix: 'SCK', label: 'Site check', labelPlural: 'Site checks',
  clause: '8.7.1', titleField: 'site', listFields: ['site', 'passed', 'checkedAt'],
  workflow: { initial: 'open', states: [{ id: 'open', label: 'Open', category: 'open' }, { id: 'closed', label: 'Closed', category: 'done' }], transitions: [{ from: ['open'], to: 'closed', label: 'Close', roles: ['capacity-availability-manager'] }] },
  access: { read: ['capacity-availability-manager'], create: ['capacity-availability-manager'], update: ['capacity-availability-manager'] },
  fields: {
    site: { kind: 'text', label: 'Site', required: true },
    passed: { kind: 'boolean', label: 'Passed', filterable: true },
    checkedAt: { kind: 'instant', label: 'Checked at', filterable: true, sortable: true },
  },
};

const checkModule: CertusModule = {
  name: 'site-checks', clause: '8.7.1', recordTypes: [checkRecord],
  migrations: [{
    name: '20991231T0000-test-site-checks',
    async up(db, t) {
      await db.schema.createTable('site_checks')
        .addColumn('id', t.id, (c) => c.primaryKey()).addColumn('reference', t.text, (c) => c.notNull().unique())
        .addColumn('status', t.text, (c) => c.notNull()).addColumn('owner_id', t.id)
        .addColumn('created_by', t.id, (c) => c.notNull()).addColumn('created_at', t.instant, (c) => c.notNull())
        .addColumn('updated_by', t.id, (c) => c.notNull()).addColumn('updated_at', t.instant, (c) => c.notNull())
        .addColumn('version', t.integer, (c) => c.notNull())
        .addColumn('site', t.text, (c) => c.notNull()).addColumn('passed', t.bool).addColumn('checked_at', t.instant)
        .execute();
    },
  }],
};

describe.each(storeNames())('boolean and instant fields on %s', (store) => {
  let t: TestApp;
  let user: SignedIn;
  beforeAll(async () => {
    t = await startTestApp(store, { assembly: assemble([...allModules, checkModule]) });
    user = await t.user(['capacity-availability-manager']);
  });
  afterAll(async () => t?.close());

  it('stores booleans and instants, filters and sorts them, and keeps history and state in step', async () => {
    const make = (site: string, passed: boolean, checkedAt: string) => t.app.inject({ method: 'POST', url: '/api/site-checks', headers: asUser(user), payload: { site, passed, checkedAt } });
    const a = json<{ id: string; passed: boolean; checkedAt: string }>(await make('London', true, '2026-11-01T09:30:00+01:00'));
    expect(a.passed).toBe(true);
    expect(a.checkedAt).toBe('2026-11-01T08:30:00.000Z');
    await make('Leeds', false, '2026-11-02T10:00:00Z');
    await make('York', true, '2026-10-15T10:00:00Z');

    const passed = json<{ items: { site: string }[] }>(await t.app.inject({ method: 'GET', url: '/api/site-checks?passed=true&sort=checkedAt', headers: asUser(user) }));
    expect(passed.items.map((i) => i.site)).toEqual(['York', 'London']);
    const november = json<{ items: { site: string }[] }>(await t.app.inject({ method: 'GET', url: '/api/site-checks?checkedAtFrom=2026-11-01&sort=-checkedAt', headers: asUser(user) }));
    expect(november.items.map((i) => i.site)).toEqual(['Leeds', 'London']);

    const same = await t.app.inject({ method: 'PATCH', url: `/api/site-checks/${a.id}`, headers: { ...asUser(user), 'if-match': '"1"' }, payload: { checkedAt: '2026-11-01T08:30:00Z' } });
    expect(same.headers.etag).toBe('"1"');
    const changed = await t.app.inject({ method: 'PATCH', url: `/api/site-checks/${a.id}`, headers: { ...asUser(user), 'if-match': '"1"' }, payload: { passed: false } });
    expect(json<{ passed: boolean }>(changed).passed).toBe(false);
    const history = json<{ items: { data: { changes?: unknown } }[] }>(await t.app.inject({ method: 'GET', url: `/api/site-checks/${a.id}/history`, headers: asUser(user) }));
    expect(history.items[1]!.data.changes).toEqual([{ field: 'passed', from: true, to: false }]);
    expect((await verifyRecordStates(t.certus.database.db, t.certus.assembly.registry)).problems).toEqual([]);
  });

  it('refuses a malformed instant with the field named', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/site-checks', headers: asUser(user), payload: { site: 'Hull', checkedAt: 'yesterday' } });
    expect(res.statusCode).toBe(400);
    expect(json<{ errors: { field: string }[] }>(res).errors[0]!.field).toBe('checkedAt');
  });
});
