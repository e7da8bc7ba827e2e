import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { principalOfUser } from '../../src/platform/auth/principals.js';
import type { Principal } from '../../src/platform/auth/principal.js';
import { createRecord, transitionRecord, updateRecord } from '../../src/kernel/records/record.service.js';
import type { RecordView } from '../../src/kernel/records/record-row.js';
import { incidentRecord } from '../../src/modules/incidents/index.js';
import { asUser, json, startTestApp, type SignedIn, type TestApp } from '../support/test-app.js';
import { storeNames } from '../support/test-databases.js';
import { liveService } from './catalogue-fixture.js';

const h = 3_600_000;
const at = (iso: string) => Date.parse(iso);

describe.each(storeNames())('incident KPIs on %s', (store) => {
  let t: TestApp;
  let manager: SignedIn;
  let principal: Principal;

  beforeAll(async () => {
    t = await startTestApp(store);
    manager = await t.user(['incident-problem-manager']);
    principal = await principalOfUser(t.certus.database.db, manager.userId);
    const hosting = await liveService(t, await t.user(['sms-manager']), 'Hosting');
    const { db } = t.certus.database;
    type Step = [number, 'to' | 'edit', string | Record<string, unknown>, Record<string, unknown>?];
    const make = (opened: string, fields: Record<string, unknown>, steps: Step[]) => db.transaction().execute(async (trx) => {
      const start = at(opened);
      let r: RecordView = await createRecord(trx, incidentRecord, principal, { shortDescription: 'x', category: 'software', impact: 'medium', urgency: 'low', service: hosting, ...fields }, start);
      for (const [hours, kind, what, extra] of steps) {
        r = kind === 'to'
          ? await transitionRecord(trx, incidentRecord, principal, r.id, r.version, what as string, extra ?? {}, start + hours * h)
          : await updateRecord(trx, incidentRecord, principal, r.id, r.version, what as Record<string, unknown>, start + hours * h);
      }
    });
    const fix = { resolutionCode: 'fixed', resolutionNotes: 'done' };
    // A: service desk fixes it in 4 h.
    await make('2026-01-01T00:00:00Z', {}, [[0.1, 'to', 'assigned', { assignmentGroup: 'Service desk' }], [4, 'to', 'resolved', fix]]);
    // B: passed from Network to Hosting, fixed in 10 h.
    await make('2026-01-02T00:00:00Z', {}, [[0.1, 'to', 'assigned', { assignmentGroup: 'Network' }], [1, 'edit', { assignmentGroup: 'Hosting' }], [10, 'to', 'resolved', fix]]);
    // C: resolved at 2 h, reopened at 3 h, resolved again at 8 h.
    await make('2026-01-03T00:00:00Z', {}, [[0.1, 'to', 'assigned', { assignmentGroup: 'Service desk' }], [2, 'to', 'resolved', fix], [3, 'to', 'in-progress'], [8, 'to', 'resolved', fix]]);
    // D: a duplicate — does not count towards resolution figures.
    await make('2026-01-04T00:00:00Z', {}, [[1, 'to', 'resolved', { resolutionCode: 'duplicate', resolutionNotes: 'dup' }]]);
    // E: P1, declared major at 0.5 h, resolved at 3 h.
    await make('2026-01-05T00:00:00Z', { impact: 'high', urgency: 'high' }, [[0.1, 'to', 'assigned', { assignmentGroup: 'Hosting' }], [0.5, 'edit', { major: true, majorIncidentManagerId: manager.userId }], [3, 'to', 'resolved', fix]]);
    // F: still open.
    await make('2026-01-20T00:00:00Z', {}, []);
    // G: opened in December, resolved by the service desk on 1 January after 26 h.
    await make('2025-12-31T00:00:00Z', {}, [[0.1, 'to', 'assigned', { assignmentGroup: 'Service desk' }], [26, 'to', 'resolved', fix]]);
    // H: an earlier major incident on the same service, so E is a repeat.
    await make('2025-12-01T00:00:00Z', { impact: 'high', urgency: 'high' }, [[0.2, 'edit', { major: true, majorIncidentManagerId: manager.userId }], [2, 'to', 'resolved', fix]]);
  });
  afterAll(async () => t?.close());

  it('computes every KPI as worked out by hand', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/incident-kpis?from=2026-01-01&to=2026-01-31', headers: asUser(manager) });
    expect(res.statusCode, res.body).toBe(200);
    const kpis = Object.fromEntries(json<{ items: { id: string; value: number | null; numerator: number | null; denominator: number | null }[] }>(res).items.map((k) => [k.id, k]));
    expect(kpis['incidents-opened']!.value).toBe(6); // A B C D E F
    expect(kpis['p1-share']!.value).toBe(16.7); // E: 1/6
    expect(kpis.mttr!.denominator).toBe(5); // A B C E G (D is a duplicate)
    expect(kpis.mttr!.value).toBe(10.2); // (4 + 10 + 8 + 3 + 26) / 5
    expect(kpis['median-ttr']!.value).toBe(8); // 3 4 [8] 10 26
    expect(kpis['first-contact-resolution']!.value).toBe(60); // A C G never left the service desk: 3/5
    expect(kpis['reassignment-rate']!.value).toBe(20); // B: 1/5
    expect(kpis['reopen-rate']!.value).toBe(20); // C: 1/5
    expect(kpis['major-incidents']!.value).toBe(1); // E
    expect(kpis['major-duration']!.value).toBe(2.5); // 3 h − 0.5 h
    expect(kpis['major-repeat-rate']!.value).toBe(100); // H 35 days before E on the same service
  });

  it('narrows to one service and refuses a reversed period', async () => {
    const one = json<{ items: { id: string; value: number | null }[] }>(await t.app.inject({ method: 'GET', url: '/api/incident-kpis?from=2026-01-01&to=2026-01-31&service=Nowhere', headers: asUser(manager) }));
    expect(one.items.find((k) => k.id === 'incidents-opened')!.value).toBe(0);
    expect(one.items.find((k) => k.id === 'mttr')!.value).toBeNull();
    const reversed = await t.app.inject({ method: 'GET', url: '/api/incident-kpis?from=2026-02-01&to=2026-01-01', headers: asUser(manager) });
    expect(reversed.statusCode).toBe(400);
  });
});
