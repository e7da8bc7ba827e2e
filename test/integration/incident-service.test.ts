import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asUser, json, startTestApp, type SignedIn, type TestApp } from '../support/test-app.js';
import { storeNames } from '../support/test-databases.js';
import { liveService } from './catalogue-fixture.js';
import { slaFixture } from './sla-fixture.js';

interface Problem { errors?: { field: string; reason: string }[] }
interface Ticket { id: string; reference: string; version: number; service: string | null; sla?: string | null }

/** Incidents and problems name their service from the catalogue, checked by the server. */
describe.each(storeNames())('the service of incidents and problems on %s', (store) => {
  let t: TestApp;
  let slm: SignedIn;
  let agent: SignedIn;
  let manager: SignedIn;
  let service = '';
  let sla = '';
  let pipeline = '';
  beforeAll(async () => {
    t = await startTestApp(store);
    slm = await t.user(['service-level-manager']);
    agent = await t.user(['service-desk-agent']);
    manager = await t.user(['incident-problem-manager']);
    ({ service, sla } = await slaFixture(t, slm, 'Picked'));
    const planned = await t.app.inject({ method: 'POST', url: '/api/services', headers: asUser(slm), payload: { name: 'Planned service', serviceType: 'customer-facing', criticality: 'low' } });
    expect(planned.statusCode, planned.body).toBe(201);
    pipeline = json<Ticket>(planned).reference;
  });
  afterAll(async () => t?.close());

  const logIncident = (service: string, who = agent) => t.app.inject({ method: 'POST', url: '/api/incidents', headers: asUser(who), payload: { shortDescription: 'E-mail not arriving', category: 'software', impact: 'medium', urgency: 'medium', service } });
  const retire = async (reference: string) => {
    const current = json<Ticket>(await t.app.inject({ method: 'GET', url: `/api/services/${reference}`, headers: asUser(slm) }));
    const res = await t.app.inject({ method: 'POST', url: `/api/services/${reference}/transitions`, headers: { ...asUser(slm), 'if-match': `"${current.version}"` }, payload: { to: 'retired', fields: { retirementReason: 'Replaced' } } });
    expect(res.statusCode, res.body).toBe(200);
  };
  const refusal = (res: Awaited<ReturnType<typeof logIncident>>) => {
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    return json<Problem>(res).errors?.[0];
  };

  it('logs an incident on a live catalogue service, under that service\'s SLA, and filters by it', async () => {
    const res = await logIncident(service);
    expect(res.statusCode, res.body).toBe(201);
    const incident = json<Ticket>(res);
    expect(incident).toMatchObject({ service, sla });
    const clocks = json<{ sla: { reference: string } | null }>(await t.app.inject({ method: 'GET', url: `/api/incidents/${incident.id}/clocks`, headers: asUser(agent) }));
    expect(clocks.sla?.reference).toBe(sla);
    const listed = json<{ items: Ticket[] }>(await t.app.inject({ method: 'GET', url: `/api/incidents?service=${service}`, headers: asUser(agent) }));
    expect(listed.items.map((i) => i.reference)).toContain(incident.reference);
    // Free-text search over the list still finds incidents by their service's reference, as it did when the field was text.
    const searched = json<{ items: Ticket[] }>(await t.app.inject({ method: 'GET', url: `/api/incidents?q=${service}`, headers: asUser(agent) }));
    expect(searched.items.map((i) => i.reference)).toContain(incident.reference);
  });

  it('refuses a service that is not on record, naming the field', async () => {
    expect(refusal(await logIncident('SVC-999999'))).toEqual({ field: 'service', reason: expect.stringContaining('names SVC-999999, which is not a service on record') });
    expect(refusal(await logIncident('email'))).toEqual({ field: 'service', reason: expect.stringContaining('must be a service reference such as SVC-000001') });
  });

  it('refuses the reference of another kind of record, such as the SLA', async () => {
    expect(refusal(await logIncident(sla))).toEqual({ field: 'service', reason: expect.stringContaining('must be a service reference') });
  });

  it('refuses a service still in the pipeline or retired, but keeps incidents already on a service that retires', async () => {
    expect(refusal(await logIncident(pipeline))).toEqual({ field: 'service', reason: expect.stringContaining(`names ${pipeline}, whose status is pipeline; choose a live service`) });
    const retiring = await liveService(t, slm, 'Hosted Exchange');
    const logged = await logIncident(retiring);
    expect(logged.statusCode, logged.body).toBe(201);
    let incident = json<Ticket>(logged);
    await retire(retiring);
    expect(refusal(await logIncident(retiring))).toEqual({ field: 'service', reason: expect.stringContaining('whose status is retired; choose a live service') });
    // The incident logged before keeps its service, and can still be worked and edited.
    const edited = await t.app.inject({ method: 'PATCH', url: `/api/incidents/${incident.id}`, headers: { ...asUser(agent), 'if-match': `"${incident.version}"` }, payload: { service: retiring, description: 'Mailbox on the old platform' } });
    expect(edited.statusCode, edited.body).toBe(200);
    incident = json<Ticket>(edited);
    const moved = await t.app.inject({ method: 'POST', url: `/api/incidents/${incident.id}/transitions`, headers: { ...asUser(agent), 'if-match': `"${incident.version}"` }, payload: { to: 'in-progress' } });
    expect(moved.statusCode, moved.body).toBe(200);
    incident = json<Ticket>(moved);
    // Moving it to another retired or pipeline service is refused; to a live one it finds that SLA.
    const toPipeline = await t.app.inject({ method: 'PATCH', url: `/api/incidents/${incident.id}`, headers: { ...asUser(agent), 'if-match': `"${incident.version}"` }, payload: { service: pipeline } });
    expect(refusal(toPipeline)?.field).toBe('service');
    const toLive = await t.app.inject({ method: 'PATCH', url: `/api/incidents/${incident.id}`, headers: { ...asUser(agent), 'if-match': `"${incident.version}"` }, payload: { service } });
    expect(toLive.statusCode, toLive.body).toBe(200);
    expect(json<Ticket>(toLive)).toMatchObject({ service, sla });
  });

  it('offers the picker only live services, as the record-type metadata says', async () => {
    const types = json<{ items: { type: string; fields: { name: string; kind: string; target: { plural: string } | null; targetStates: string[] | null }[] }[] }>(
      await t.app.inject({ method: 'GET', url: '/api/record-types', headers: asUser(agent) }));
    const field = (type: string) => types.items.find((i) => i.type === type)!.fields.find((f) => f.name === 'service')!;
    expect(field('incident')).toMatchObject({ kind: 'reference', target: { plural: 'services' }, targetStates: ['live'] });
    expect(field('problem')).toMatchObject({ kind: 'reference', target: { plural: 'services' }, targetStates: null });
  });

  it('lets a problem name any catalogue service, retired ones included, and nothing else', async () => {
    const raise = (service: string) => t.app.inject({ method: 'POST', url: '/api/problems', headers: asUser(manager), payload: { title: 'Mail relay drops messages', category: 'software', priority: 'P3', service } });
    expect(refusal(await raise('SVC-999999'))).toEqual({ field: 'service', reason: expect.stringContaining('not a service on record') });
    expect(refusal(await raise(sla))?.field).toBe('service');
    const retired = await liveService(t, slm, 'Legacy fax');
    await retire(retired);
    const raised = await raise(retired);
    expect(raised.statusCode, raised.body).toBe(201);
    expect(json<Ticket>(raised).service).toBe(retired);
  });
});
