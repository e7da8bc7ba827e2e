import type { Static } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoRequesters, loadDemo } from '../../src/demo.js';
import { verifyHistory } from '../../src/kernel/history/history-verify.js';
import { verifyRecordStates } from '../../src/kernel/records/record-verify.js';
import { startTestApp, asUser, json, type SignedIn, type TestApp } from '../support/test-app.js';
import { storeNames } from '../support/test-databases.js';
import { openDemoIncidents } from '../../src/modules/incidents/index.js';
import { currentCatalogue } from '../../src/compliance/catalogue/catalogue.current.js';
import { demoRecordsByClause, levelFromCounts } from '../../src/compliance/assessments/assessment-demo.answers.js';
import type { HeatmapView, MaturityView, Worksheet } from '../../src/compliance/assessments/assessment.schemas.js';
import { lookUpReference } from '../../src/compliance/assessments/record-references.js';
import { readinessOf } from '../../src/compliance/readiness/readiness.service.js';

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

/** What the assessor records for each rule outcome (src/compliance/assessments/assessment-demo.answers.ts). */
const resultOfOutcome: Record<string, string> = { conformant: 'conformant', partial: 'partial', nonconformant: 'nonconformant', 'not-evaluable': 'not-assessed' };

/** Answers the demo writes by hand, each with its reason in docs/compliance.md ("The demo"). */
const storyAnswers = ['10.1-01', '8.6.3-03', '8.3.4-01'];

describe.each(storeNames())('the demo organisation on %s', (store) => {
  let t: TestApp;
  let manager: SignedIn;
  beforeAll(async () => {
    t = await startTestApp(store);
    expect(await loadDemo(t.certus.database, t.certus.assembly)).toBe(true);
    manager = await t.user(['sms-manager']);
  }, 300_000);
  afterAll(async () => t?.close());

  const get = async <T>(url: string): Promise<T> => {
    const res = await t.app.inject({ method: 'GET', url, headers: asUser(manager) });
    expect(res.statusCode, res.body).toBe(200);
    return json<T>(res);
  };

  it('loads every module\'s records with intact history, and only once', async () => {
    const { db } = t.certus.database;
    const count = async (table: 'incidents' | 'problems' | 'services' | 'slas' | 'improvements' | 'assessments') => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    expect(await count('incidents')).toBe(360 + openDemoIncidents.length);
    expect(await count('problems')).toBe(3);
    expect(await count('services')).toBeGreaterThanOrEqual(6);
    expect(await count('slas')).toBeGreaterThanOrEqual(1);
    // Six in the register, and a corrective action for each nonconformity the gap assessment raised.
    const nonconformities = Number((await db.selectFrom('assessment_answers').select((eb) => eb.fn.countAll().as('n')).where('result', '=', 'nonconformant').executeTakeFirstOrThrow()).n);
    expect(await count('improvements')).toBe(6 + nonconformities);
    expect(await count('assessments')).toBeGreaterThanOrEqual(1);
    expect((await verifyHistory(db)).problems).toEqual([]);
    expect((await verifyRecordStates(db, t.certus.assembly.registry)).problems).toEqual([]);
    // Its past events queued no e-mail to send now.
    expect((await db.selectFrom('jobs').select('id').where('kind', '=', 'notify.email').execute()).length).toBe(0);
    expect(await loadDemo(t.certus.database, t.certus.assembly)).toBe(false);
  });

  it('answers the gap assessment as the rules found the records, citing only records that exist', async () => {
    const { db } = t.certus.database;
    const worksheet = await get<Static<typeof Worksheet>>('/api/assessments/ASM-000001/worksheet');
    expect(worksheet.requirements.length).toBe(currentCatalogue().requirements.length);
    for (const { id, answer, suggestion } of worksheet.requirements) {
      expect(answer, id).not.toBeNull();
      const a = answer!;
      // Nothing is cited that Certus does not hold: no document on a shelf, every record present.
      for (const evidence of a.evidence) {
        expect(evidence.kind, id).toBe('record');
        if (evidence.kind === 'record') expect(await lookUpReference(db, evidence.reference), `${id} cites ${evidence.reference}`).toBeDefined();
      }
      if (a.followUp) expect(await lookUpReference(db, a.followUp), `${id} follow-up`).toBeDefined();
      if (storyAnswers.includes(id)) continue;
      // Where a rule judges the requirement, the answer is what it found, frozen at completion.
      expect(a.result, id).toBe(suggestion ? resultOfOutcome[suggestion.outcome] : 'not-assessed');
      if (suggestion && a.result !== 'not-assessed') expect(a.notes, id).toContain(suggestion.explanation);
    }
    // Each nonconformity is followed up by an owned record.
    for (const { id, answer } of worksheet.requirements.filter((r) => r.answer?.result === 'nonconformant')) {
      expect((await lookUpReference(db, answer!.followUp ?? ''))?.ownerId, id).toBeTruthy();
    }
  });

  it('rates only processes it assessed from records, and the heatmap and the maturity page give the same levels', async () => {
    const catalogue = currentCatalogue();
    const heatmap = await get<Static<typeof HeatmapView>>('/api/assessments/ASM-000001/heatmap');
    const maturity = await get<Static<typeof MaturityView>>('/api/assessments/ASM-000001/maturity');
    const rated = new Map(maturity.processes.map((p) => [p.process, p.level]));
    expect(heatmap.byProcess.map((p) => p.id).sort()).toEqual([...rated.keys()].sort());
    for (const cell of heatmap.byProcess) {
      expect(cell.maturity, cell.id).toBe(rated.get(cell.id));
      // The level follows from the same counts the heatmap shows.
      expect(cell.maturity, cell.id).toBe(levelFromCounts(cell.counts)?.level ?? null);
      const clause = catalogue.clauses.find((c) => c.process === cell.id)!.id;
      if (!demoRecordsByClause[clause]) {
        // A process Certus holds no records for is neither scored nor rated.
        expect(cell.score, cell.id).toBeNull();
        expect(cell.maturity, cell.id).toBeNull();
      }
    }
    expect(maturity.processes.filter((p) => p.level !== null).length).toBeGreaterThan(0);
    expect(maturity.processes.every((p) => p.level === null || p.level <= 3)).toBe(true);
  });

  it('marks readiness items done only with cited records that exist', async () => {
    const { db } = t.certus.database;
    const readiness = await readinessOf(db, currentCatalogue());
    for (const item of readiness.items) {
      if (item.state === 'done') expect(item.evidence.length, item.id).toBeGreaterThan(0);
      for (const evidence of item.evidence) {
        expect(evidence.kind, item.id).toBe('record');
        if (evidence.kind === 'record') expect(await lookUpReference(db, evidence.reference), `${item.id} cites ${evidence.reference}`).toBeDefined();
      }
    }
    expect(readiness.totals.done).toBeGreaterThan(0);
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
