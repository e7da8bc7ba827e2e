import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/demo.js';
import { verifyHistory } from '../../src/kernel/history/history-verify.js';
import { verifyRecordStates } from '../../src/kernel/records/record-verify.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { storeNames } from '../support/test-databases.js';
import { openDemoIncidents } from '../../src/modules/incidents/index.js';

describe.each(storeNames())('the demo organisation on %s', (store) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(store);
    expect(await loadDemo(t.certus.database, t.certus.assembly)).toBe(true);
  }, 300_000);
  afterAll(async () => t?.close());

  it('loads every module\'s records with intact history, and only once', async () => {
    const { db } = t.certus.database;
    const count = async (table: 'incidents' | 'problems' | 'services' | 'slas' | 'improvements' | 'assessments') => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    expect(await count('incidents')).toBe(360 + openDemoIncidents.length);
    expect(await count('problems')).toBe(3);
    expect(await count('services')).toBeGreaterThanOrEqual(6);
    expect(await count('slas')).toBeGreaterThanOrEqual(1);
    expect(await count('improvements')).toBe(6);
    expect(await count('assessments')).toBeGreaterThanOrEqual(1);
    expect((await verifyHistory(db)).problems).toEqual([]);
    expect((await verifyRecordStates(db, t.certus.assembly.registry)).problems).toEqual([]);
    // Its past events queued no e-mail to send now.
    expect((await db.selectFrom('jobs').select('id').where('kind', '=', 'notify.email').execute()).length).toBe(0);
    expect(await loadDemo(t.certus.database, t.certus.assembly)).toBe(false);
  });
});
