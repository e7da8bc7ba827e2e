import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allModules, assemble } from '../../certus.js';
import { loadDemo } from '../../demo.js';
import type { CertusModule } from '../../kernel/module.js';
import { verifyHistory } from '../../kernel/history/history-verify.js';
import { verifyRecordStates } from '../../kernel/records/record-verify.js';
import { asUser, json, startTestApp, type SignedIn, type TestApp } from '../../../test/support/test-app.js';
import { storeNames } from '../../../test/support/test-databases.js';
import { servicesModule } from '../services/index.js';
import { catalogueFacts } from '../services/index.js';
import { clockDefinitionsFor, serviceLevelFacts, serviceLevelsModule, slaReferenceFor } from './index.js';

interface Problem { status: number; detail: string; errors?: { field: string; reason: string }[] }
interface Agreement { id: string; reference: string; status: string; version: number; [field: string]: unknown }

/** The registered modules plus these two, whether or not src/modules/registry.ts already lists them. */
const withServiceLevels = (modules: CertusModule[]) => assemble([...modules.filter((m) => m !== servicesModule && m !== serviceLevelsModule), servicesModule, serviceLevelsModule]);

const officeDay = [{ start: '08:00', end: '18:00' }];
const calendarBody = (id: string) => ({
  id, name: 'London office hours', timeZone: 'Europe/London',
  workingHours: { monday: officeDay, tuesday: officeDay, wednesday: officeDay, thursday: officeDay, friday: officeDay },
  holidays: [{ date: '2026-12-25', name: 'Christmas Day' }, { date: '2026-12-24', closed: [{ start: '13:00', end: '18:00' }] }],
});
const allDay = [{ start: '00:00', end: '24:00' }];
const roundTheClock = { name: 'Always', timeZone: 'UTC', workingHours: { monday: allDay, tuesday: allDay, wednesday: allDay, thursday: allDay, friday: allDay, saturday: allDay, sunday: allDay } };

describe.each(storeNames())('service levels on %s', (store) => {
  let t: TestApp;
  let slm: SignedIn;
  let service = '';
  let otherService = '';
  let customer = '';
  beforeAll(async () => {
    t = await startTestApp(store, { assembly: withServiceLevels(allModules) });
    slm = await t.user(['service-level-manager']);
    const svc = (name: string) => t.app.inject({ method: 'POST', url: '/api/services', headers: asUser(slm), payload: { name, serviceType: 'customer-facing', criticality: 'critical' } });
    service = json<Agreement>(await svc('Network connectivity')).reference;
    otherService = json<Agreement>(await svc('Managed hosting')).reference;
    customer = json<Agreement>(await t.app.inject({ method: 'POST', url: '/api/customers', headers: asUser(slm), payload: { organisationName: 'Fabrikam Insurance plc' } })).reference;
    await t.app.inject({ method: 'POST', url: '/api/calendars', headers: asUser(slm), payload: { id: '24x7', ...roundTheClock } });
  });
  afterAll(async () => t?.close());

  const post = (url: string, payload: unknown, user = slm) => t.app.inject({ method: 'POST', url, headers: asUser(user), payload: payload as Record<string, unknown> });
  const move = (plural: string, a: { id: string; version: number }, to: string, fields?: Record<string, unknown>, user = slm) => t.app.inject({
    method: 'POST', url: `/api/${plural}/${a.id}/transitions`, headers: { ...asUser(user), 'if-match': `"${a.version}"` }, payload: { to, fields },
  });
  const slaPayload = (extra: Record<string, unknown> = {}) => ({
    title: 'Network SLA', service, calendarId: '24x7', p1ResponseMinutes: 15, p1ResolutionMinutes: 240, p2ResponseMinutes: 30, p2ResolutionMinutes: 480, ...extra,
  });

  describe('business calendars', () => {
    it('creates a calendar, reads it with its ETag and records the creation in history', async () => {
      const res = await post('/api/calendars', calendarBody('london-office'));
      expect(res.statusCode).toBe(201);
      expect(res.headers.etag).toBe('"1"');
      const read = await t.app.inject({ method: 'GET', url: '/api/calendars/london-office', headers: asUser(slm) });
      expect(json<{ timeZone: string; holidays: unknown[] }>(read)).toMatchObject({ timeZone: 'Europe/London', holidays: calendarBody('x').holidays });
      const history = json<{ items: { kind: string }[] }>(await t.app.inject({ method: 'GET', url: '/api/calendars/london-office/history', headers: asUser(slm) }));
      expect(history.items.map((e) => e.kind)).toEqual(['created']);
      const list = json<{ items: { id: string }[] }>(await t.app.inject({ method: 'GET', url: '/api/calendars?limit=1', headers: asUser(slm) }));
      expect(list.items).toHaveLength(1);
    });

    it('refuses an invalid calendar with a 400 naming the field', async () => {
      const body = calendarBody('broken');
      const badZone = await post('/api/calendars', { ...body, timeZone: 'Europe/Atlantis' });
      expect(badZone.statusCode).toBe(400);
      expect(json<Problem>(badZone).errors?.[0]?.field).toBe('timeZone');
      const badHours = await post('/api/calendars', { ...body, workingHours: { monday: [{ start: '18:00', end: '08:00' }] } });
      expect(json<Problem>(badHours).errors?.map((e) => e.field)).toEqual(['workingHours.monday[0]']);
      const badDate = await post('/api/calendars', { ...body, holidays: [{ date: '2026-02-30' }] });
      expect(json<Problem>(badDate).errors?.map((e) => e.field)).toEqual(['holidays[0].date']);
      const badId = await post('/api/calendars', { ...body, id: 'Not An Id' });
      expect(badId.statusCode).toBe(400);
      expect((await t.app.inject({ method: 'GET', url: '/api/calendars/broken', headers: asUser(slm) })).statusCode).toBe(404);
    });

    it('refuses a second calendar with the same id (409)', async () => {
      await post('/api/calendars', calendarBody('twice'));
      const again = await post('/api/calendars', calendarBody('twice'));
      expect(again.statusCode).toBe(409);
      expect(json<Problem>(again).errors?.[0]?.field).toBe('id');
    });

    it('updates with If-Match, refuses a stale write (412) and a missing If-Match (428)', async () => {
      await post('/api/calendars', calendarBody('versioned'));
      const { id: _id, ...body } = calendarBody('versioned');
      const put = (etag: string | undefined, payload: Record<string, unknown>) => t.app.inject({
        method: 'PUT', url: '/api/calendars/versioned', headers: { ...asUser(slm), ...(etag ? { 'if-match': etag } : {}) }, payload,
      });
      expect((await put(undefined, body)).statusCode).toBe(428);
      const ok = await put('"1"', { ...body, name: 'Office hours v2' });
      expect(ok.statusCode).toBe(200);
      expect(ok.headers.etag).toBe('"2"');
      const stale = await put('"1"', { ...body, name: 'Lost update' });
      expect(stale.statusCode).toBe(412);
      const unchanged = await put('"2"', { ...body, name: 'Office hours v2' });
      expect(unchanged.headers.etag).toBe('"2"');
      const invalid = await put('"2"', { ...body, workingHours: {} });
      expect(json<Problem>(invalid).errors?.[0]?.field).toBe('workingHours');
      const history = json<{ items: { kind: string; data: { changes?: { field: string }[] } }[] }>(await t.app.inject({ method: 'GET', url: '/api/calendars/versioned/history', headers: asUser(slm) }));
      expect(history.items.map((e) => e.kind)).toEqual(['created', 'updated']);
      expect(history.items[1]!.data.changes?.map((c) => c.field)).toEqual(['name']);
    });

    it('previews business time, working intervals and a due time across a holiday', async () => {
      const res = await t.app.inject({
        method: 'GET', headers: asUser(slm),
        url: '/api/calendars/london-office/preview?from=2026-12-24T09:00:00Z&to=2026-12-29T09:00:00Z&targetMinutes=240',
      });
      expect(res.statusCode).toBe(200);
      const preview = json<{ businessMinutes: number; intervals: { start: string; end: string }[]; dueAt: string }>(res);
      // 24 Dec 09:00–13:00 (closes early), 25 Dec holiday, weekend, 28 Dec 08:00–18:00, 29 Dec 08:00–09:00.
      expect(preview.businessMinutes).toBe((4 + 10 + 1) * 60);
      expect(preview.intervals).toEqual([
        { start: '2026-12-24T09:00:00.000Z', end: '2026-12-24T13:00:00.000Z' },
        { start: '2026-12-28T08:00:00.000Z', end: '2026-12-28T18:00:00.000Z' },
        { start: '2026-12-29T08:00:00.000Z', end: '2026-12-29T09:00:00.000Z' },
      ]);
      expect(preview.dueAt).toBe('2026-12-24T13:00:00.000Z');
      const backwards = await t.app.inject({ method: 'GET', headers: asUser(slm), url: '/api/calendars/london-office/preview?from=2026-12-29T09:00:00Z&to=2026-12-24T09:00:00Z' });
      expect(json<Problem>(backwards).errors?.[0]?.field).toBe('to');
      const garbage = await t.app.inject({ method: 'GET', headers: asUser(slm), url: '/api/calendars/london-office/preview?from=yesterday&to=2026-12-24T09:00:00Z' });
      expect(json<Problem>(garbage).errors?.[0]?.field).toBe('from');
    });

    it('lets staff read calendars but only service level and SMS managers change them', async () => {
      const agent = await t.user(['service-desk-agent']);
      expect((await t.app.inject({ method: 'GET', url: '/api/calendars/london-office', headers: asUser(agent) })).statusCode).toBe(200);
      expect((await post('/api/calendars', calendarBody('agents-own'), agent)).statusCode).toBe(403);
      const requester = await t.user(['requester']);
      expect((await t.app.inject({ method: 'GET', url: '/api/calendars', headers: asUser(requester) })).statusCode).toBe(403);
    });
  });

  describe('agreements', () => {
    it('refuses an SLA for a service that is not in the catalogue (400 naming service)', async () => {
      const res = await post('/api/slas', slaPayload({ service: 'SVC-999999' }));
      expect(res.statusCode).toBe(400);
      expect(json<Problem>(res).errors?.[0]?.field).toBe('service');
      const noCalendar = await post('/api/slas', slaPayload({ calendarId: 'nowhere' }));
      expect(json<Problem>(noCalendar).errors?.[0]?.field).toBe('calendarId');
      const noCustomer = await post('/api/slas', slaPayload({ customer: 'CUS-999999' }));
      expect(json<Problem>(noCustomer).errors?.[0]?.field).toBe('customer');
      const inverted = await post('/api/slas', slaPayload({ p1ResponseMinutes: 300 }));
      expect(json<Problem>(inverted).errors?.[0]?.field).toBe('p1ResponseMinutes');
    });

    it('creates an SLA with the service reference normalised and the at-risk default', async () => {
      const res = await post('/api/slas', slaPayload({ service: service.toLowerCase(), pauseStatuses: ' Awaiting-Customer ,awaiting-customer' }));
      expect(res.statusCode, res.body).toBe(201);
      expect(json<Agreement>(res)).toMatchObject({ service, atRiskPercent: 75, pauseStatuses: 'awaiting-customer', status: 'draft' });
    });

    it('names the calendar an agreement or a service counts in on record pages, lists, exports and the form metadata', async () => {
      const sla = json<Agreement>(await post('/api/slas', slaPayload({ title: 'Calendar-named SLA' })));
      expect(sla.referenceTitles).toMatchObject({ service: 'Network connectivity', calendarId: 'Always' });
      const read = json<Agreement>(await t.app.inject({ method: 'GET', url: `/api/slas/${sla.reference}`, headers: asUser(slm) }));
      expect(read.referenceTitles).toMatchObject({ calendarId: 'Always' });
      const list = json<{ items: Agreement[] }>(await t.app.inject({ method: 'GET', url: '/api/slas?calendarId=24x7&q=Calendar-named', headers: asUser(slm) }));
      expect(list.items.map((a) => [a.reference, (a.referenceTitles as Record<string, string>).calendarId])).toEqual([[sla.reference, 'Always']]);
      const csv = await t.app.inject({ method: 'GET', url: '/api/slas?format=csv&q=Calendar-named', headers: asUser(slm) });
      const [header, row] = csv.body.trim().split(/\r?\n/).map((line) => line.split(','));
      expect(row![header!.indexOf('calendarId')]).toBe('24x7');
      expect(row![header!.indexOf('calendarIdName')]).toBe('Always');
      // A service's support calendar is named the same way, though the services module knows nothing of calendars.
      const hosted = json<Agreement>(await post('/api/services', { name: 'Calendar-named service', serviceType: 'customer-facing', criticality: 'low', supportCalendarId: '24x7' }));
      expect(hosted.referenceTitles).toEqual({ supportCalendarId: 'Always' });
      // An id no calendar has keeps no name; the page shows the id.
      const unknown = json<Agreement>(await post('/api/services', { name: 'Calendar-less service', serviceType: 'customer-facing', criticality: 'low', supportCalendarId: 'retired-calendar' }));
      expect(unknown.referenceTitles).toEqual({});
      const types = json<{ items: { type: string; fields: { name: string; lookup: unknown }[] }[] }>(await t.app.inject({ method: 'GET', url: '/api/record-types', headers: asUser(slm) }));
      const lookupOf = (type: string, field: string) => types.items.find((i) => i.type === type)?.fields.find((f) => f.name === field)?.lookup;
      const calendar = { id: 'calendar', label: 'business calendar', listPath: '/api/calendars', pagePath: '/calendars/:id' };
      expect([lookupOf('sla', 'calendarId'), lookupOf('ola', 'calendarId'), lookupOf('contract', 'calendarId'), lookupOf('service', 'supportCalendarId')]).toEqual([calendar, calendar, calendar, calendar]);
      expect(lookupOf('sla', 'title')).toBeNull();
    });

    it('freezes agreed terms until a review starts, and needs review notes to re-agree', async () => {
      const sla = json<Agreement>(await post('/api/slas', slaPayload()));
      const agent = await t.user(['service-desk-agent']);
      expect((await move('slas', sla, 'agreed', undefined, agent)).statusCode).toBe(403);
      const agreed = json<Agreement>(await move('slas', sla, 'agreed'));
      expect(agreed.status).toBe('agreed');
      const edit = await t.app.inject({ method: 'PATCH', url: `/api/slas/${sla.id}`, headers: { ...asUser(slm), 'if-match': `"${agreed.version}"` }, payload: { p1ResolutionMinutes: 120 } });
      expect(edit.statusCode).toBe(409);
      expect(json<Problem>(edit).errors?.[0]?.field).toBe('p1ResolutionMinutes');
      const review = json<Agreement>(await move('slas', agreed, 'under-review'));
      const edited = json<Agreement>(await t.app.inject({ method: 'PATCH', url: `/api/slas/${sla.id}`, headers: { ...asUser(slm), 'if-match': `"${review.version}"` }, payload: { p1ResolutionMinutes: 120 } }));
      expect(edited.p1ResolutionMinutes).toBe(120);
      expect((await move('slas', edited, 'agreed')).statusCode).toBe(400);
      const board = await t.user(['top-management']);
      const again = await move('slas', edited, 'agreed', { reviewNotes: 'Customer asked for a 2-hour P1 fix' }, board);
      expect(json<Agreement>(again).status).toBe('agreed');
    });

    it('warns when an SLA target is tighter than an OLA or contract underpinning it', async () => {
      const sla = json<Agreement>(await post('/api/slas', slaPayload()));
      const ola = await post('/api/olas', { title: 'Network team OLA', assignmentGroup: 'network', supportsSla: sla.reference, p1ResolutionMinutes: 180 });
      expect(ola.statusCode).toBe(201);
      const uc = json<Agreement>(await post('/api/contracts', { title: 'Carrier contract', supplier: 'Acme Networks', supportsSla: sla.reference.toLowerCase(), p1ResponseMinutes: 15, p1ResolutionMinutes: 360, p2ResolutionMinutes: 480 }));
      expect(uc.reference).toMatch(/^UC-\d{6}$/);
      expect(uc.supportsSla).toBe(sla.reference);
      const res = await t.app.inject({ method: 'GET', url: `/api/slas/${sla.reference}/warnings`, headers: asUser(slm) });
      expect(res.statusCode).toBe(200);
      expect(json<{ items: { message: string }[] }>(res).items.map((w) => w.message)).toEqual([
        `P1 resolution 4h in ${sla.reference} is tighter than 6h in ${uc.reference} (Acme Networks) that underpins it`,
      ]);
      expect((await t.app.inject({ method: 'GET', url: '/api/slas/SLA-999999/warnings', headers: asUser(slm) })).statusCode).toBe(404);
      const links = json<{ items: { label: string }[] }>(await t.app.inject({ method: 'GET', url: `/api/slas/${sla.reference}/links`, headers: asUser(slm) }));
      expect(links.items.map((l) => l.label)).toEqual(['is underpinned by', 'is underpinned by']);
      const otherSla = json<Agreement>(await post('/api/slas', slaPayload({ title: 'Second network SLA' })));
      const moved = await t.app.inject({ method: 'PATCH', url: `/api/contracts/${uc.id}`, headers: { ...asUser(slm), 'if-match': '"1"' }, payload: { supportsSla: otherSla.reference } });
      expect(moved.statusCode).toBe(200);
      const ucLinks = json<{ items: { label: string; other: { id: string } }[] }>(await t.app.inject({ method: 'GET', url: `/api/contracts/${uc.id}/links`, headers: asUser(slm) }));
      expect(ucLinks.items.map((l) => [l.label, l.other.id])).toEqual([['underpins', otherSla.id]]);
      const orphan = await post('/api/olas', { title: 'Lost OLA', assignmentGroup: 'network', supportsSla: 'SLA-999999' });
      expect(json<Problem>(orphan).errors?.[0]?.field).toBe('supportsSla');
    });

    it('gives the incident module the clocks of the SLA in force, preferring the customer\'s own', async () => {
      const general = json<Agreement>(await post('/api/slas', slaPayload({ service: otherService, title: 'Hosting SLA' })));
      const own = json<Agreement>(await post('/api/slas', slaPayload({ service: otherService, customer, title: 'Hosting SLA – Fabrikam', p1ResolutionMinutes: 120 })));
      const db = t.certus.database.db;
      expect((await clockDefinitionsFor(db, otherService)).sla).toBeNull();
      expect(await slaReferenceFor(db, otherService)).toBeNull();
      await move('slas', general, 'agreed');
      await move('slas', own, 'agreed');
      const ola = json<Agreement>(await post('/api/olas', { title: 'Hosting team OLA', assignmentGroup: 'hosting', supportsSla: own.reference, calendarId: 'london-office', p1ResolutionMinutes: 90 }));
      await move('olas', ola, 'agreed');

      const forAll = await clockDefinitionsFor(db, otherService);
      expect(forAll.sla?.reference).toBe(general.reference);
      expect(forAll.clocks.map((c) => c.id)).toEqual(['response', 'resolution']);

      const forFabrikam = await clockDefinitionsFor(db, otherService.toLowerCase(), customer);
      expect(forFabrikam.sla?.reference).toBe(own.reference);
      expect(forFabrikam.clocks.map((c) => [c.id, c.slaId, c.calendarId, c.targets.P1])).toEqual([
        ['response', own.reference, '24x7', 15 * 60_000],
        ['resolution', own.reference, '24x7', 120 * 60_000],
        [`ola-${ola.reference}`, own.reference, 'london-office', 90 * 60_000],
      ]);
      expect(forFabrikam.clocks[2]!.runsWhile).toEqual({ kind: 'ola', group: 'hosting' });
      // The SLA alone, by the same rules, for a ticket that needs only its reference.
      expect(await slaReferenceFor(db, otherService)).toBe(general.reference);
      expect(await slaReferenceFor(db, otherService.toLowerCase(), customer)).toBe(own.reference);
      expect(await slaReferenceFor(db, otherService, 'CUS-999999')).toBe(general.reference);
      expect(Object.keys(forFabrikam.calendars).sort()).toEqual(['24x7', 'london-office']);

      const api = await t.app.inject({ method: 'GET', url: `/api/service-levels/clocks?service=${otherService}&customer=${customer}`, headers: asUser(slm) });
      expect(json<{ sla: { reference: string }; clocks: unknown[] }>(api)).toMatchObject({ sla: { reference: own.reference } });
      // The OLA counts on another calendar than its SLA: the warning names both calendars by name.
      const warnings = json<{ items: { kind: string; message: string }[] }>(await t.app.inject({ method: 'GET', url: `/api/slas/${own.reference}/warnings`, headers: asUser(slm) }));
      expect(warnings.items.filter((w) => w.kind === 'different-calendar').map((w) => w.message)).toEqual([
        `${ola.reference} (hosting) counts business time on London office hours but ${own.reference} on Always, so their targets cannot be compared minute for minute`,
      ]);
    });

    it('publishes its routes in the OpenAPI document', async () => {
      const doc = json<{ paths: Record<string, unknown> }>(await t.app.inject({ method: 'GET', url: '/api/openapi.json' }));
      expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/calendars', '/api/calendars/{id}', '/api/calendars/{id}/preview', '/api/slas/{key}/warnings', '/api/service-levels/clocks', '/api/contracts']));
    });

    it('keeps every agreement\'s stored state in step with its history', async () => {
      const db = t.certus.database.db;
      expect((await verifyRecordStates(db, t.certus.assembly.registry)).problems).toEqual([]);
      expect((await verifyHistory(db)).problems).toEqual([]);
    });
  });
});

describe.each(storeNames())('service-level demo data on %s', (store) => {
  let t: TestApp;
  beforeAll(async () => {
    // Only this module's demo and the catalogue's it builds on: other modules' demos are theirs to test.
    t = await startTestApp(store, { assembly: withServiceLevels(allModules.filter((m) => !m.demo && !m.demoAssessment)) });
  });
  afterAll(async () => t?.close());

  it('loads the Northwind catalogue and agreements, with the carrier contract looser than the network SLA', async () => {
    expect(await loadDemo(t.certus.database, t.certus.assembly)).toBe(true);
    const db = t.certus.database.db;
    const services = await db.selectFrom('services').select(['name', 'status', 'reference']).execute();
    expect(services.filter((s) => s.status === 'live')).toHaveLength(6);
    expect(services.map((s) => s.status).sort()).toEqual(['live', 'live', 'live', 'live', 'live', 'live', 'pipeline', 'retired']);
    const network = services.find((s) => s.name === 'Network connectivity')!;
    const sla = await db.selectFrom('slas').select('reference').where('service', '=', network.reference).executeTakeFirstOrThrow();
    const admin = await t.user(['service-level-manager']);
    const warnings = json<{ items: { message: string }[] }>(await t.app.inject({ method: 'GET', url: `/api/slas/${sla.reference}/warnings`, headers: asUser(admin) }));
    expect(warnings.items.map((w) => w.message)).toEqual([`P1 resolution 4h in ${sla.reference} is tighter than 6h in UC-000001 (Acme Networks) that underpins it`]);
    const clocks = await clockDefinitionsFor(db, network.reference);
    expect(clocks.clocks.map((c) => c.runsWhile?.kind ?? 'always')).toEqual(['always', 'always', 'ola', 'supplier']);
    const facts = await serviceLevelFacts(db);
    expect(facts.liveServicesWithoutSla).toEqual([]);
    expect(facts.agreements.filter((a) => a.warningCount > 0).map((a) => a.reference)).toEqual([sla.reference]);
    expect(facts.agreements.map((a) => a.kind).sort()).toEqual(['contract', 'ola', 'ola', 'sla', 'sla', 'sla', 'sla', 'sla', 'sla']);
    const catalogue = await catalogueFacts(db);
    expect(catalogue.services.every((s) => s.hasOwner && s.hasDescription)).toBe(true);
    expect(catalogue.customers).toHaveLength(5);
    expect((await verifyRecordStates(db, t.certus.assembly.registry)).problems).toEqual([]);
  });
});
