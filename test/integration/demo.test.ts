import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoRequesters, loadDemo } from '../../src/demo.js';
import { verifyHistory } from '../../src/kernel/history/history-verify.js';
import { verifyRecordStates } from '../../src/kernel/records/record-verify.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { storeNames } from '../support/test-databases.js';
import { openDemoIncidents } from '../../src/modules/incidents/index.js';

/** The portal pages a requester's incidents and requests by this many (pageSize in web/src/portal-incidents/MyIncidents.tsx and web/src/requests/PortalPage.tsx). */
const portalPageSize = 10;

/** Which catalogue service an incident belongs to, read from its own words, apart from the demo's tables. */
const serviceByWords: [RegExp, string][] = [
  [/router|VPN|Wi-Fi/i, 'Network connectivity'],
  [/payment/i, 'Payment gateway hosting'],
  [/e-mail|mailbox|Outlook/i, 'Microsoft 365 administration'],
  [/backup|restore/i, 'Backup and recovery'],
  [/website|product images/i, 'Managed hosting'],
  [/docking|printer|laptop/i, 'Service desk'],
];

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

  it('raises each open incident under the service its words belong to', async () => {
    const { db } = t.certus.database;
    const services = new Map((await db.selectFrom('services').select(['reference', 'name']).execute()).map((s) => [s.reference, s.name]));
    const open = await db.selectFrom('incidents').select(['reference', 'short_description', 'service']).where('status', 'not in', ['resolved', 'closed']).execute();
    expect(open.length).toBe(openDemoIncidents.length);
    for (const incident of open) {
      const expected = serviceByWords.find(([words]) => words.test(incident.short_description))?.[1];
      expect(expected, incident.short_description).toBeDefined();
      expect(services.get(incident.service ?? ''), `${incident.reference} ${incident.short_description}`).toBe(expected);
    }
  });

  it('has several requesters, each with incidents and requests of their own, one with more than a portal page', async () => {
    const { db } = t.certus.database;
    const people = await db.selectFrom('users').select(['id', 'email']).where('email', 'in', ['requester@northwind.example', ...demoRequesters.map((r) => r.email)]).execute();
    expect(people.length).toBe(1 + demoRequesters.length);
    const tickets = await Promise.all(people.map(async (p) => ({
      email: p.email,
      incidents: Number((await db.selectFrom('incidents').select((eb) => eb.fn.countAll().as('n')).where('caller_id', '=', p.id).executeTakeFirstOrThrow()).n),
      requests: Number((await db.selectFrom('service_requests').select((eb) => eb.fn.countAll().as('n')).where('requester_id', '=', p.id).executeTakeFirstOrThrow()).n),
    })));
    expect(tickets.filter((p) => p.incidents > 0 && p.requests > 0).length, JSON.stringify(tickets)).toBeGreaterThanOrEqual(3);
    expect(tickets.some((p) => p.incidents > portalPageSize && p.requests > portalPageSize), JSON.stringify(tickets)).toBe(true);
  });
});
