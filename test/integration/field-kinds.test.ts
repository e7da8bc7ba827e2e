import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allModules, assemble } from '../../src/certus.js';
import type { CertusModule } from '../../src/kernel/module.js';
import type { RecordTypeDefinition } from '../../src/kernel/records/record-type.js';
import { AppError } from '../../src/platform/http/app-error.js';
import { verifyRecordStates } from '../../src/kernel/records/record-verify.js';
import { asUser, json, startTestApp, type SignedIn, type TestApp } from '../support/test-app.js';
import { storeNames } from '../support/test-databases.js';

/** A record type that exists only in this test, to prove the kernel serves any declared type. */
const checkRecord: RecordTypeDefinition = {
  type: 'site-check', plural: 'site-checks', table: 'site_checks', prefix: 'SCK', label: 'Site check', labelPlural: 'Site checks',
  clause: '8.7.1', titleField: 'site', listFields: ['site', 'passed', 'checkedAt'],
  workflow: { initial: 'open', states: [{ id: 'open', label: 'Open', category: 'open' }, { id: 'closed', label: 'Closed', category: 'done' }], transitions: [{ from: ['open'], to: 'closed', label: 'Close', roles: ['capacity-availability-manager'] }] },
  access: { read: ['capacity-availability-manager', 'service-desk-agent'], create: ['capacity-availability-manager', 'service-desk-agent'], update: ['capacity-availability-manager', 'service-desk-agent'] },
  // Agents see only the checks they made; managers see all.
  readScope: (principal) => (principal.roles.includes('capacity-availability-manager') ? null : { column: 'created_by', equals: principal.userId }),
  hooks: {
    derive: ({ after }) => {
      if (after.site === 'Nowhere') throw AppError.validation('site', 'is not a site we run');
      return { score: after.passed === true ? 100 : after.passed === false ? 0 : null };
    },
  },
  fields: {
    site: { kind: 'text', label: 'Site', required: true },
    passed: { kind: 'boolean', label: 'Passed', filterable: true },
    checkedAt: { kind: 'instant', label: 'Checked at', filterable: true, sortable: true },
    score: { kind: 'integer', label: 'Score', readOnly: true },
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
        .addColumn('site', t.text, (c) => c.notNull()).addColumn('passed', t.bool).addColumn('checked_at', t.instant).addColumn('score', t.integer)
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
    expect(history.items[1]!.data.changes).toEqual([{ field: 'passed', from: true, to: false }, { field: 'score', from: 100, to: 0 }]);
    expect((await verifyRecordStates(t.certus.database.db, t.certus.assembly.registry)).problems).toEqual([]);
  });

  it('derives read-only fields through the type\'s hook and refuses them from clients', async () => {
    const made = json<{ id: string; score: number }>(await t.app.inject({ method: 'POST', url: '/api/site-checks', headers: asUser(user), payload: { site: 'Derby', passed: true } }));
    expect(made.score).toBe(100);
    const flipped = await t.app.inject({ method: 'PATCH', url: `/api/site-checks/${made.id}`, headers: { ...asUser(user), 'if-match': '"1"' }, payload: { passed: false } });
    expect(json<{ score: number }>(flipped).score).toBe(0);
    const history = json<{ items: { data: { changes?: unknown } }[] }>(await t.app.inject({ method: 'GET', url: `/api/site-checks/${made.id}/history`, headers: asUser(user) }));
    expect(history.items[1]!.data.changes).toEqual([{ field: 'passed', from: true, to: false }, { field: 'score', from: 100, to: 0 }]);
    const forced = await t.app.inject({ method: 'POST', url: '/api/site-checks', headers: asUser(user), payload: { site: 'Derby', score: 5 } });
    expect(forced.statusCode).toBe(400);
    const refused = await t.app.inject({ method: 'POST', url: '/api/site-checks', headers: asUser(user), payload: { site: 'Nowhere' } });
    expect(json<{ errors: { field: string }[] }>(refused).errors[0]!.field).toBe('site');
  });

  it('limits what a scoped role sees in lists, reads and references', async () => {
    const agent = await t.user(['service-desk-agent']);
    const other = await t.user(['service-desk-agent']);
    const mine = json<{ id: string; reference: string }>(await t.app.inject({ method: 'POST', url: '/api/site-checks', headers: asUser(agent), payload: { site: 'Agent site' } }));
    expect(json<{ items: { site: string }[] }>(await t.app.inject({ method: 'GET', url: '/api/site-checks', headers: asUser(agent) })).items.map((i) => i.site)).toEqual(['Agent site']);
    expect((await t.app.inject({ method: 'GET', url: `/api/site-checks/${mine.id}`, headers: asUser(other) })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/site-checks/${mine.id}/history`, headers: asUser(other) })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/references/${mine.reference}`, headers: asUser(other) })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'PATCH', url: `/api/site-checks/${mine.id}`, headers: { ...asUser(other), 'if-match': '"1"' }, payload: { site: 'Taken' } })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/site-checks/${mine.id}`, headers: asUser(user) })).statusCode).toBe(200);
  });

  it('refuses a malformed instant with the field named', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/site-checks', headers: asUser(user), payload: { site: 'Hull', checkedAt: 'yesterday' } });
    expect(res.statusCode).toBe(400);
    expect(json<{ errors: { field: string }[] }>(res).errors[0]!.field).toBe('checkedAt');
  });
});
