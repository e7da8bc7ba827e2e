import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asUser, json, startTestApp, type SignedIn, type TestApp } from '../support/test-app.js';
import { storeNames } from '../support/test-databases.js';

interface Incident {
  id: string; reference: string; status: string; version: number; priority: string; callerId: string;
  reassignmentCount: number; reopenCount: number; resolvedAt: string | null; closedAt: string | null; firstRespondedAt: string | null;
  major: boolean; majorDeclaredAt: string | null;
}

describe.each(storeNames())('incidents on %s', (store) => {
  let t: TestApp;
  let agent: SignedIn;
  let manager: SignedIn;
  let requester: SignedIn;
  let otherRequester: SignedIn;
  beforeAll(async () => {
    t = await startTestApp(store);
    agent = await t.user(['service-desk-agent']);
    manager = await t.user(['incident-problem-manager']);
    requester = await t.user(['requester']);
    otherRequester = await t.user(['requester']);
  });
  afterAll(async () => t?.close());

  const report = async (who: SignedIn, extra: Record<string, unknown> = {}) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/incidents', headers: asUser(who), payload: { shortDescription: 'E-mail down', category: 'software', impact: 'high', urgency: 'medium', ...extra } });
    expect(res.statusCode, res.body).toBe(201);
    return json<Incident>(res);
  };
  const move = async (who: SignedIn, incident: Incident, to: string, fields: Record<string, unknown> = {}) => {
    const res = await t.app.inject({ method: 'POST', url: `/api/incidents/${incident.id}/transitions`, headers: { ...asUser(who), 'if-match': `"${incident.version}"` }, payload: { to, fields } });
    return { res, body: json<Incident>(res) };
  };
  const edit = async (who: SignedIn, incident: Incident, payload: Record<string, unknown>) => {
    const res = await t.app.inject({ method: 'PATCH', url: `/api/incidents/${incident.id}`, headers: { ...asUser(who), 'if-match': `"${incident.version}"` }, payload });
    return { res, body: json<Incident>(res) };
  };

  it('sets priority from impact × urgency and refuses a priority from the client', async () => {
    const incident = await report(agent);
    expect(incident.priority).toBe('P2');
    expect(incident.callerId).toBe(agent.userId);
    const forced = await t.app.inject({ method: 'POST', url: '/api/incidents', headers: asUser(agent), payload: { shortDescription: 'x', category: 'software', impact: 'low', urgency: 'low', priority: 'P1' } });
    expect(forced.statusCode).toBe(400);
    const lowered = await edit(agent, incident, { impact: 'low' });
    expect(lowered.body.priority).toBe('P4');
  });

  it('walks the whole life cycle, counting reassignments and reopenings', async () => {
    let incident = await report(agent);
    const noGroup = await move(agent, incident, 'assigned');
    expect(noGroup.res.statusCode).toBe(400);
    expect(incident.firstRespondedAt).toBeNull();
    incident = (await move(agent, incident, 'assigned', { assignmentGroup: 'Service desk' })).body;
    // Taking it up is the first response, stamped once: later steps leave it as it was.
    const firstResponse = incident.firstRespondedAt;
    expect(firstResponse).not.toBeNull();
    incident = (await edit(agent, incident, { assignmentGroup: 'Network' })).body;
    expect(incident.reassignmentCount).toBe(1);
    incident = (await move(agent, incident, 'in-progress')).body;
    incident = (await move(agent, incident, 'awaiting-caller')).body;
    expect(incident.status).toBe('awaiting-caller');
    incident = (await move(agent, incident, 'in-progress')).body;
    const unresolved = await move(agent, incident, 'resolved', { resolutionCode: 'fixed' });
    expect(json<{ errors: { field: string }[] }>(unresolved.res).errors.map((e) => e.field)).toEqual(['resolutionNotes']);
    incident = (await move(agent, incident, 'resolved', { resolutionCode: 'fixed', resolutionNotes: 'Router restarted' })).body;
    expect(incident.resolvedAt).not.toBeNull();
    incident = (await move(agent, incident, 'in-progress')).body;
    expect(incident.reopenCount).toBe(1);
    expect(incident.resolvedAt).toBeNull();
    incident = (await move(agent, incident, 'resolved', { resolutionCode: 'fixed', resolutionNotes: 'Firmware updated' })).body;
    incident = (await move(agent, incident, 'closed')).body;
    expect(incident.status).toBe('closed');
    expect(incident.firstRespondedAt).toBe(firstResponse);
    expect(incident.closedAt).not.toBeNull();
    const after = await move(agent, incident, 'in-progress');
    expect(after.res.statusCode).toBe(409);
  });

  it('lets a requester report, follow and confirm only their own incidents', async () => {
    const mine = await report(requester, { callerId: undefined });
    expect(mine.callerId).toBe(requester.userId);
    await report(agent);
    const list = json<{ items: { reference: string }[] }>(await t.app.inject({ method: 'GET', url: '/api/incidents', headers: asUser(requester) }));
    expect(list.items.map((i) => i.reference)).toEqual([mine.reference]);
    expect((await t.app.inject({ method: 'GET', url: `/api/incidents/${mine.id}`, headers: asUser(otherRequester) })).statusCode).toBe(404);
    expect((await edit(requester, mine, { impact: 'low' })).res.statusCode).toBe(403);
    const comment = await t.app.inject({ method: 'POST', url: `/api/incidents/${mine.id}/comments`, headers: asUser(requester), payload: { body: 'Still broken at 10:00', visibility: 'public' } });
    // A requester's comment is public unless said otherwise, and they may not write internal notes.
    const unmarked = await t.app.inject({ method: 'POST', url: `/api/incidents/${mine.id}/comments`, headers: asUser(requester), payload: { body: 'And at 11:00' } });
    expect(json<{ visibility: string }>(unmarked).visibility).toBe('public');
    const internal = await t.app.inject({ method: 'POST', url: `/api/incidents/${mine.id}/comments`, headers: asUser(requester), payload: { body: 'Note to self', visibility: 'internal' } });
    expect(internal.statusCode, internal.body).toBe(403);
    const seen = json<{ items: { body: string }[] }>(await t.app.inject({ method: 'GET', url: `/api/incidents/${mine.id}/comments`, headers: asUser(requester) }));
    expect(seen.items.map((c) => c.body)).toEqual(['Still broken at 10:00', 'And at 11:00']);
    const staffNote = await t.app.inject({ method: 'POST', url: `/api/incidents/${mine.id}/comments`, headers: asUser(agent), payload: { body: 'Checking the switch' } });
    expect(json<{ visibility: string }>(staffNote).visibility).toBe('internal');
    expect(comment.statusCode).toBe(201);
    expect((await move(requester, mine, 'resolved', { resolutionCode: 'fixed', resolutionNotes: 'Self-service' })).res.statusCode).toBe(403);
    let incident = (await move(agent, mine, 'resolved', { resolutionCode: 'fixed', resolutionNotes: 'Mailbox repaired' })).body;
    incident = (await move(requester, incident, 'closed')).body;
    expect(incident.status).toBe('closed');
  });

  it('lets only incident managers declare a major incident, and requires a review before closing it', async () => {
    let incident = await report(agent, { impact: 'high', urgency: 'high' });
    expect(incident.priority).toBe('P1');
    expect((await edit(agent, incident, { major: true, majorIncidentManagerId: manager.userId })).res.statusCode).toBe(403);
    const noManager = await edit(manager, incident, { major: true });
    expect(json<{ errors: { field: string }[] }>(noManager.res).errors[0]!.field).toBe('majorIncidentManagerId');
    incident = (await edit(manager, incident, { major: true, majorIncidentManagerId: manager.userId })).body;
    expect(incident.major).toBe(true);
    expect(incident.majorDeclaredAt).not.toBeNull();
    incident = (await move(manager, incident, 'resolved', { resolutionCode: 'fixed', resolutionNotes: 'Failover completed' })).body;
    const early = await move(manager, incident, 'closed');
    expect(early.res.statusCode).toBe(400);
    expect(json<{ errors: { field: string }[] }>(early.res).errors[0]!.field).toBe('pirSummary');
    incident = (await edit(manager, incident, { pirSummary: 'Storage controller firmware; problem raised' })).body;
    expect((await move(manager, incident, 'closed')).body.status).toBe('closed');
  });

  it('applies a changed priority matrix, refuses an inconsistent one, and records who changed it', async () => {
    const read = await t.app.inject({ method: 'GET', url: '/api/incident-settings/priority-matrix', headers: asUser(agent) });
    expect(read.headers.etag).toBe('"1"');
    const current = json<{ matrix: Record<string, Record<string, string>> }>(read);
    const stricter = structuredClone(current.matrix);
    stricter.medium!.high = 'P1';
    const put = (who: SignedIn, matrix: unknown, ifMatch?: string) => t.app.inject({ method: 'PUT', url: '/api/incident-settings/priority-matrix', headers: { ...asUser(who), ...(ifMatch ? { 'if-match': ifMatch } : {}) }, payload: { matrix } });
    expect((await put(agent, stricter, '"1"')).statusCode).toBe(403);
    const odd = structuredClone(current.matrix);
    odd.high!.high = 'P4';
    expect((await put(manager, odd, '"1"')).statusCode).toBe(400);
    expect((await put(manager, stricter)).statusCode).toBe(428);
    const saved = await put(manager, stricter, '"1"');
    expect(saved.statusCode).toBe(200);
    expect(saved.headers.etag).toBe('"2"');
    // Someone still holding version 1 cannot overwrite the change.
    expect((await put(manager, current.matrix, '"1"')).statusCode).toBe(412);
    expect((await report(agent, { impact: 'medium', urgency: 'high' })).priority).toBe('P1');
    const events = await t.certus.database.db.selectFrom('history_events').select(['actor_id']).where('record_id', '=', 'incident-priority-matrix').execute();
    expect(events.map((e) => e.actor_id)).toEqual([manager.userId]);
    expect((await put(manager, current.matrix, '"2"')).statusCode).toBe(200);
  });
});
