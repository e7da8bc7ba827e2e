import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyHistory } from '../../src/kernel/history/history-verify.js';
import { verifyRecordStates } from '../../src/kernel/records/record-verify.js';
import { fileSource, importServicenowIncidents } from '../../src/modules/incidents/index.js';
import { asUser, json, startTestApp, type SignedIn, type TestApp } from '../support/test-app.js';
import { storeNames } from '../support/test-databases.js';

const fixtures = path.resolve(import.meta.dirname, '../fixtures');

describe.each(storeNames())('ServiceNow incident import on %s', (store) => {
  let t: TestApp;
  let manager: SignedIn;
  beforeAll(async () => {
    t = await startTestApp(store);
    manager = await t.user(['incident-problem-manager']);
  });
  afterAll(async () => t?.close());

  it('reports every malformed row with its line and field, and imports nothing', async () => {
    const source = fileSource(path.join(fixtures, 'servicenow-malformed.csv'));
    const dry = await importServicenowIncidents(t.certus.database, source, { dryRun: true, actorId: manager.userId });
    expect(dry.issues.map((i) => `${i.line}:${i.field}`)).toEqual(['3:opened_at', '7:incident_state', '10:reopen_count', '14:impact', '16:row']);
    expect(dry.issues[0]!.reason).toContain('31/2/2016 08:00');
    await expect(importServicenowIncidents(t.certus.database, source, { dryRun: false, actorId: manager.userId })).rejects.toThrow(/5 row-level problem/);
    expect(await t.certus.database.db.selectFrom('incidents').select('id').execute()).toEqual([]);
  });

  it('imports incidents with their state, priority, assignment history, reopenings and times', async () => {
    const source = fileSource(path.join(fixtures, 'servicenow-clean.csv'));
    const report = await importServicenowIncidents(t.certus.database, source, { dryRun: false, actorId: manager.userId });
    expect(report).toMatchObject({ rows: 14, incidents: 3, imported: 3, issueCount: 0 });
    expect(report.notes.join(' ')).toContain('1 row(s) carry state -100');
    const rows = await t.certus.database.db.selectFrom('incidents').selectAll().orderBy('external_id').execute();
    expect(rows.map((r) => [r.external_id, r.status, r.priority, r.assignment_group, r.reassignment_count, r.reopen_count])).toEqual([
      ['INC0000001', 'closed', 'P3', 'Group B', 1, 0],
      ['INC0000002', 'closed', 'P1', 'Group C', 0, 1],
      ['INC0000003', 'awaiting-caller', 'P4', 'Group A', 0, 0],
    ]);
    expect(new Date(rows[0]!.resolved_at!).toISOString()).toBe('2016-03-01T12:00:00.000Z');
    expect(new Date(rows[1]!.resolved_at!).toISOString()).toBe('2016-03-02T20:00:00.000Z');
    expect(new Date(rows[1]!.closed_at!).toISOString()).toBe('2016-03-04T09:00:00.000Z');
    expect(rows[1]!.supplier).toBe('Vendor 1');

    const history = json<{ items: { kind: string; at: string; data: { from?: string; to?: string } }[] }>(await t.app.inject({ method: 'GET', url: `/api/incidents/${rows[1]!.reference}/history`, headers: asUser(manager) }));
    expect(history.items.map((e) => e.kind)).toEqual(['created', ...Array<string>(6).fill('transitioned')]);
    expect(history.items.filter((e) => e.kind === 'transitioned').map((e) => e.data.to)).toEqual(['in-progress', 'awaiting-supplier', 'resolved', 'in-progress', 'resolved', 'closed']);
    expect(history.items[3]!.at).toBe('2016-03-02T14:00:00.000Z');

    expect((await verifyHistory(t.certus.database.db)).problems).toEqual([]);
    expect((await verifyRecordStates(t.certus.database.db, t.certus.assembly.registry)).problems).toEqual([]);

    const kpis = Object.fromEntries(json<{ items: { id: string; value: number | null }[] }>(await t.app.inject({ method: 'GET', url: '/api/incident-kpis?from=2016-03-01&to=2016-03-31', headers: asUser(manager) })).items.map((k) => [k.id, k.value]));
    expect(kpis).toMatchObject({ 'incidents-opened': 3, mttr: 7, 'median-ttr': 7, 'reassignment-rate': 50, 'reopen-rate': 50, 'p1-share': 33.3 });

    const again = await importServicenowIncidents(t.certus.database, source, { dryRun: false, actorId: manager.userId });
    expect(again).toMatchObject({ imported: 0, alreadyImported: 3 });
  });

  it('writes each incident once when two imports of the same export run at the same time', async () => {
    const fresh = await startTestApp(store);
    try {
      const source = fileSource(path.join(fixtures, 'servicenow-clean.csv'));
      const options = { dryRun: false, actorId: (await fresh.user(['incident-problem-manager'])).userId, batchSize: 1 };
      const runs = await Promise.all([importServicenowIncidents(fresh.certus.database, source, options), importServicenowIncidents(fresh.certus.database, source, options)]);
      expect(runs.map((r) => r.imported + r.alreadyImported)).toEqual([3, 3]);
      expect(runs[0]!.imported + runs[1]!.imported).toBe(3);
      const numbers = (await fresh.certus.database.db.selectFrom('incidents').select('external_id').orderBy('external_id').execute()).map((r) => r.external_id);
      expect(numbers).toEqual(['INC0000001', 'INC0000002', 'INC0000003']);
      expect((await verifyHistory(fresh.certus.database.db)).problems).toEqual([]);
    } finally {
      await fresh.close();
    }
  });
});
