import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { principalOfUser } from '../../src/platform/auth/principals.js';
import type { Principal } from '../../src/platform/auth/principal.js';
import { createRecord, transitionRecord } from '../../src/kernel/records/record.service.js';
import { addLink } from '../../src/kernel/links/links.service.js';
import type { RecordView } from '../../src/kernel/records/record-row.js';
import { incidentRecord } from '../../src/modules/incidents/index.js';
import { problemRecord } from '../../src/modules/problems/index.js';
import { asUser, json, startTestApp, type SignedIn, type TestApp } from '../support/test-app.js';
import { storeNames } from '../support/test-databases.js';
import { liveService } from './catalogue-fixture.js';

const at = (day: string) => Date.parse(`${day}T00:00:00Z`);
type Kpis = Record<string, { value: number | null; numerator: number | null; denominator: number | null; unit: string; definition: string }>;

describe.each(storeNames())('problem KPIs on %s', (store) => {
  let t: TestApp;
  let manager: SignedIn;
  let principal: Principal;
  let services: [string, string];

  beforeAll(async () => {
    t = await startTestApp(store);
    manager = await t.user(['incident-problem-manager', 'service-level-manager']);
    principal = await principalOfUser(t.certus.database.db, manager.userId);
    services = [await liveService(t, manager, 'Managed hosting'), await liveService(t, manager, 'Network connectivity')];
    const [hosting, network] = services;
    const { db } = t.certus.database;
    type Step = [string, string, Record<string, unknown>];
    const problem = (opened: string, steps: Step[], service = hosting) => db.transaction().execute(async (trx) => {
      let p: RecordView = await createRecord(trx, problemRecord, principal, { title: `Problem of ${opened}`, category: 'software', priority: 'P3', service }, at(opened));
      for (const [day, to, fields] of steps) p = await transitionRecord(trx, problemRecord, principal, p.id, p.version, to, fields, at(day));
      return p;
    });
    const incident = (opened: string, service = hosting) => db.transaction().execute((trx) => createRecord(trx, incidentRecord, principal, { shortDescription: `Incident of ${opened}`, category: 'software', impact: 'low', urgency: 'low', service }, at(opened)));
    const link = (from: RecordView, type: 'groups' | 'relates-to', to: RecordView, fromType: string, toType: string) => db.transaction().execute((trx) => addLink(trx, { type: fromType, id: from.id, reference: from.reference }, type, { type: toType, id: to.id, reference: to.reference }, principal, at('2026-01-28')));
    const cause = { rootCause: 'Connection pool too small', closureReason: 'cause-removed' };
    const known = { rootCause: 'Cache eviction storm', workaround: 'Warm the cache after deploys' };
    // A: raised in December, closed on 5 January with its root cause.
    const a = await problem('2025-12-10', [['2026-01-05', 'closed', cause]]);
    // B: raised 2 January, a known error on the 3rd, closed on the 10th by a change.
    const b = await problem('2026-01-02', [['2026-01-03', 'known-error', known], ['2026-01-10', 'closed', { closureReason: 'resolved-by-change' }]]);
    // C: raised 4 January, closed on the 20th with no root cause found, justified.
    await problem('2026-01-04', [['2026-01-20', 'closed', { closureReason: 'no-root-cause-found', closureJustification: 'Not seen again in 30 days of monitoring' }]]);
    // D: raised 11 January, still being investigated.
    const d = await problem('2026-01-11', [['2026-01-12', 'investigating', {}]]);
    // E: raised 21 January on the network service, a known error the next day, still open.
    await problem('2026-01-21', [['2026-01-22', 'known-error', known]], network);
    // F: raised 25 January, closed on 5 February — after the period.
    await problem('2026-01-25', [['2026-02-05', 'closed', cause]]);
    // G: raised in November, never worked on.
    await problem('2025-11-01', []);
    // Incidents: one in December linked to A; in January I1 grouped under B, I2 relating to D, I3 and I4 (network) unlinked.
    await link(a, 'groups', await incident('2025-12-09'), 'problem', 'incident');
    await link(b, 'groups', await incident('2026-01-02'), 'problem', 'incident');
    await link(await incident('2026-01-11'), 'relates-to', d, 'incident', 'problem');
    await incident('2026-01-15');
    await incident('2026-01-16', network);
  });
  afterAll(async () => t?.close());

  const kpis = async (query: string, user = manager): Promise<Kpis> => {
    const res = await t.app.inject({ method: 'GET', url: `/api/problem-kpis?${query}`, headers: asUser(user) });
    expect(res.statusCode, res.body).toBe(200);
    return Object.fromEntries(json<{ items: ({ id: string } & Kpis[string])[] }>(res).items.map((k) => [k.id, k]));
  };

  it('computes every KPI for January as worked out by hand', async () => {
    const k = await kpis('from=2026-01-01&to=2026-01-31');
    expect(k['problems-opened']!.value).toBe(5); // B C D E F
    expect(k['problems-closed']!.value).toBe(3); // A B C (F closed in February)
    expect(k['closure-rate']).toMatchObject({ value: 40, numerator: 2, denominator: 5 }); // B C of the five raised
    // Open at 1 February: D 21 days, E 11, F 7 (closed later), G 92 → 131 / 4.
    expect(k['mean-open-age']).toMatchObject({ value: 32.8, unit: 'days', denominator: 4 });
    expect(k['known-errors']!.value).toBe(2); // B E
    expect(k['closed-with-root-cause']).toMatchObject({ value: 66.7, numerator: 2, denominator: 3 }); // A B; C closed without
    expect(k['incidents-linked']).toMatchObject({ value: 50, numerator: 2, denominator: 4 }); // I1 I2 of I1–I4, either link direction
    expect(Object.values(k).every((kpi) => kpi.definition.length > 20)).toBe(true);
  });

  it('narrows to one service', async () => {
    const k = await kpis(`from=2026-01-01&to=2026-01-31&service=${services[1]}`);
    expect(k['problems-opened']!.value).toBe(1); // E
    expect(k['problems-closed']!.value).toBe(0);
    expect(k['closure-rate']!.value).toBe(0);
    expect(k['closed-with-root-cause']!.value).toBeNull();
    expect(k['mean-open-age']!.value).toBe(11);
    expect(k['incidents-linked']).toMatchObject({ value: 0, denominator: 1 }); // I4
  });

  it('refuses a reversed or malformed period, naming the field', async () => {
    const reversed = await t.app.inject({ method: 'GET', url: '/api/problem-kpis?from=2026-02-01&to=2026-01-01', headers: asUser(manager) });
    expect(reversed.statusCode).toBe(400);
    expect(json<{ errors: { field: string }[] }>(reversed).errors[0]!.field).toBe('to');
    expect((await t.app.inject({ method: 'GET', url: '/api/problem-kpis?from=2026-13-45&to=2026-01-01', headers: asUser(manager) })).statusCode).toBe(400);
  });

  it('is read by staff, not by requesters', async () => {
    const requester = await t.user(['requester']);
    expect((await t.app.inject({ method: 'GET', url: '/api/problem-kpis?from=2026-01-01&to=2026-01-31', headers: asUser(requester) })).statusCode).toBe(403);
    expect((await kpis('from=2026-01-01&to=2026-01-31', await t.user(['service-desk-agent'])))['problems-opened']!.value).toBe(5);
  });
});
