import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asUser, json, startTestApp, type SignedIn, type TestApp } from '../support/test-app.js';
import { storeNames } from '../support/test-databases.js';

interface Incident {
  id: string; reference: string; status: string; version: number; priority: string; callerId: string;
  service: string | null; assignmentGroup: string | null;
}
interface Problem { status: number; detail: string; errors?: { field: string; reason: string }[] }

/** 8.6.1 in the requester portal: a requester reports incidents in their own words and name, follows them and confirms the fix. */
describe.each(storeNames())('incidents reported from the portal on %s', (store) => {
  let t: TestApp;
  let agent: SignedIn;
  let requester: SignedIn;
  let otherRequester: SignedIn;
  let service: string;
  beforeAll(async () => {
    t = await startTestApp(store);
    agent = await t.user(['service-desk-agent']);
    requester = await t.user(['requester']);
    otherRequester = await t.user(['requester']);
    const editor = await t.user(['sms-manager']);
    const made = await t.app.inject({ method: 'POST', url: '/api/services', headers: asUser(editor), payload: { name: 'Portal e-mail', serviceType: 'customer-facing', criticality: 'high' } });
    expect(made.statusCode, made.body).toBe(201);
    const created = json<{ reference: string; version: number }>(made);
    const live = await t.app.inject({ method: 'POST', url: `/api/services/${created.reference}/transitions`, headers: { ...asUser(editor), 'if-match': `"${created.version}"` }, payload: { to: 'live' } });
    expect(live.statusCode, live.body).toBe(200);
    service = created.reference;
  });
  afterAll(async () => t?.close());

  const reportAs = (who: SignedIn, extra: Record<string, unknown> = {}) => t.app.inject({
    method: 'POST', url: '/api/incidents', headers: asUser(who),
    payload: { shortDescription: 'Cannot send e-mail', description: 'Outbox stuck since this morning', service, category: 'software', impact: 'low', urgency: 'high', ...extra },
  });
  const report = async (who: SignedIn, extra: Record<string, unknown> = {}) => {
    const res = await reportAs(who, extra);
    expect(res.statusCode, res.body).toBe(201);
    return json<Incident>(res);
  };
  const move = (who: SignedIn, incident: Incident, to: string, fields: Record<string, unknown> = {}) =>
    t.app.inject({ method: 'POST', url: `/api/incidents/${incident.reference}/transitions`, headers: { ...asUser(who), 'if-match': `"${incident.version}"` }, payload: { to, fields } });
  const countOf = async (who: SignedIn) => json<{ items: unknown[] }>(await t.app.inject({ method: 'GET', url: '/api/incidents?limit=100', headers: asUser(who) })).items.length;

  it('records a requester\'s report in their name, with the priority from the matrix', async () => {
    const incident = await report(requester, { callerId: requester.userId, configurationItem: 'Laptop NW-0142', major: false, assignmentGroup: '' });
    expect(incident.callerId).toBe(requester.userId);
    expect(incident.service).toBe(service);
    expect(incident.priority).toBe('P3');
    expect(incident.status).toBe('new');
  });

  it('refuses, naming the fields, a report that assigns it or names another caller, and writes nothing', async () => {
    const before = await countOf(agent);
    const assigned = await reportAs(requester, { assignmentGroup: 'Network', assigneeId: agent.userId });
    expect(assigned.statusCode, assigned.body).toBe(403);
    expect(assigned.headers['content-type']).toContain('application/problem+json');
    expect(json<Problem>(assigned).errors?.map((e) => e.field)).toEqual(['assignmentGroup', 'assigneeId']);
    const forOther = await reportAs(requester, { callerId: otherRequester.userId });
    expect(forOther.statusCode).toBe(403);
    expect(json<Problem>(forOther).errors).toEqual([{ field: 'callerId', reason: 'can name only yourself when creating an incident' }]);
    const handled = await reportAs(requester, { major: true, majorIncidentManagerId: agent.userId, supplier: 'Contoso', ownerId: agent.userId });
    expect(handled.statusCode).toBe(403);
    expect(json<Problem>(handled).errors?.map((e) => e.field)).toEqual(['supplier', 'major', 'majorIncidentManagerId', 'ownerId']);
    // A post-incident review is written after the incident, by nobody when reporting it.
    const reviewed = await reportAs(requester, { pirSummary: 'n/a' });
    expect(reviewed.statusCode).toBe(400);
    expect(json<Problem>(reviewed).errors?.map((e) => e.field)).toEqual(['pirSummary']);
    expect(await countOf(agent)).toBe(before);
    // The service desk still records incidents on someone else's behalf.
    expect((await report(agent, { callerId: otherRequester.userId, assignmentGroup: 'Service desk' })).callerId).toBe(otherRequester.userId);
  });

  it('lists to a requester only the incidents they reported, and hides the others', async () => {
    const mine = await report(requester);
    const theirs = await report(otherRequester);
    const listed = json<{ items: Incident[] }>(await t.app.inject({ method: 'GET', url: `/api/incidents?callerId=${requester.userId}&sort=-createdAt&limit=50`, headers: asUser(requester) })).items;
    expect(listed.map((i) => i.reference)).toContain(mine.reference);
    expect(listed.every((i) => i.callerId === requester.userId)).toBe(true);
    const everything = json<{ items: Incident[] }>(await t.app.inject({ method: 'GET', url: '/api/incidents?limit=100', headers: asUser(requester) })).items;
    expect(everything.every((i) => i.callerId === requester.userId)).toBe(true);
    expect((await t.app.inject({ method: 'GET', url: `/api/incidents/${theirs.reference}`, headers: asUser(requester) })).statusCode).toBe(404);
  });

  it('lets a requester confirm a resolved incident of theirs, but not resolve or assign one', async () => {
    let incident = await report(requester);
    const resolves = await move(requester, incident, 'resolved', { resolutionCode: 'fixed', resolutionNotes: 'Restarted it myself' });
    expect(resolves.statusCode).toBe(403);
    const assigns = await move(requester, incident, 'assigned', { assignmentGroup: 'Network' });
    expect(assigns.statusCode).toBe(403);
    const resolved = await move(agent, incident, 'resolved', { resolutionCode: 'fixed', resolutionNotes: 'Mail queue cleared' });
    expect(resolved.statusCode, resolved.body).toBe(200);
    incident = json<Incident>(resolved);
    // Confirming changes no field: one that tries is refused and the incident stays resolved.
    const regrouped = await move(requester, incident, 'closed', { assignmentGroup: 'Network' });
    expect(regrouped.statusCode).toBe(403);
    expect(json<Problem>(regrouped).errors?.map((e) => e.field)).toEqual(['assignmentGroup']);
    const closed = await move(requester, incident, 'closed');
    expect(closed.statusCode, closed.body).toBe(200);
    expect(json<Incident>(closed).status).toBe('closed');
  });

  it('lets a requester reopen a resolved incident after saying why in a public message', async () => {
    let incident = await report(requester);
    incident = json<Incident>(await move(agent, incident, 'resolved', { resolutionCode: 'fixed', resolutionNotes: 'Mail queue cleared' }));
    const why = await t.app.inject({ method: 'POST', url: `/api/incidents/${incident.reference}/comments`, headers: asUser(requester), payload: { body: 'Still broken: mail to outside addresses bounces', visibility: 'public' } });
    expect(why.statusCode, why.body).toBe(201);
    const reopened = await move(requester, incident, 'in-progress');
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect(json<{ status: string; reopenCount: number }>(reopened)).toMatchObject({ status: 'in-progress', reopenCount: 1 });
    const other = await move(otherRequester, json<Incident>(reopened), 'resolved');
    expect(other.statusCode).toBe(404);
  });
});
