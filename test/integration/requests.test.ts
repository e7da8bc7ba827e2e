import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyRecordStates } from '../../src/kernel/records/record-verify.js';
import { json, startTestApp, type SignedIn, type TestApp } from '../support/test-app.js';
import { storeNames } from '../support/test-databases.js';
import { requestApi, type RequestView } from './requests-fixture.js';

type Errors = { errors: { field: string; reason: string }[]; detail: string };

describe.each(storeNames())('service requests on %s', (store) => {
  let t: TestApp;
  let api: ReturnType<typeof requestApi>;
  let manager: SignedIn;
  let owner: SignedIn;
  let agent: SignedIn;
  let requester: SignedIn;
  let otherRequester: SignedIn;
  let service: string;
  let plainModel: string;
  let approvalModel: string;
  beforeAll(async () => {
    t = await startTestApp(store);
    api = requestApi(t);
    manager = await t.user(['sms-manager']);
    owner = await t.user(['service-level-manager']);
    agent = await t.user(['service-desk-agent']);
    requester = await t.user(['requester']);
    otherRequester = await t.user(['requester']);
    service = await api.liveService(manager, owner);
    plainModel = await api.publishedModel(manager, service);
    approvalModel = await api.publishedModel(manager, service, { name: 'Shared mailbox access', approvalRequired: true });
  });
  afterAll(async () => t?.close());

  it('keeps a request model well formed, and read-only once published', async () => {
    const noService = await api.call(manager, 'POST', '/api/request-models', { name: 'x', service: 'SVC-999999' });
    expect(noService.statusCode).toBe(400);
    expect(json<Errors>(noService).errors[0]!.field).toBe('service');
    const noOptions = await api.call(manager, 'POST', '/api/request-models', { name: 'x', service, formFields: [{ key: 'size', label: 'Size', kind: 'enum', required: true }] });
    expect(json<Errors>(noOptions).errors.map((e) => e.field)).toEqual(['formFields.0.options']);
    const badKind = await api.call(manager, 'POST', '/api/request-models', { name: 'x', service, formFields: [{ key: 'size', label: 'Size', kind: 'colour', required: true }] });
    expect(badKind.statusCode).toBe(400);
    expect(json<Errors>(badKind).errors[0]!.field).toBe('formFields.0.kind');

    const draft = json<{ reference: string; version: number }>(await api.call(manager, 'POST', '/api/request-models', { name: 'Desk move', service }));
    const unready = await api.call(manager, 'POST', `/api/request-models/${draft.reference}/transitions`, { to: 'published' }, draft.version);
    expect(json<Errors>(unready).errors.map((e) => e.field).sort()).toEqual(['fulfilmentGroup', 'fulfilmentTargetHours']);
    const edited = await api.call(manager, 'PATCH', `/api/request-models/${draft.reference}`, { fulfilmentGroup: 'Facilities', fulfilmentTargetHours: 16 }, draft.version);
    expect(edited.statusCode).toBe(200);
    const published = await api.call(manager, 'POST', `/api/request-models/${draft.reference}/transitions`, { to: 'published' }, 2);
    expect(published.statusCode).toBe(200);
    const frozen = await api.call(manager, 'PATCH', `/api/request-models/${draft.reference}`, { fulfilmentTargetHours: 4 }, 3);
    expect(frozen.statusCode).toBe(409);
    expect(json<Errors>(frozen).errors[0]!.field).toBe('fulfilmentTargetHours');
    const agentEdit = await api.call(agent, 'POST', '/api/request-models', { name: 'x', service });
    expect(agentEdit.statusCode).toBe(403);
  });

  it('needs someone to approve before a model that requires approval is published', async () => {
    const ownerless = await api.liveService(manager, null);
    const model = json<{ reference: string; version: number }>(await api.call(manager, 'POST', '/api/request-models', { name: 'Admin rights', service: ownerless, fulfilmentGroup: 'Security', fulfilmentTargetHours: 4, approvalRequired: true }));
    const refused = await api.call(manager, 'POST', `/api/request-models/${model.reference}/transitions`, { to: 'published' }, model.version);
    expect(json<Errors>(refused).errors[0]!.field).toBe('approverId');
  });

  it('checks answers against the model when a requester raises a request', async () => {
    const bad = await api.call(requester, 'POST', '/api/service-requests', { model: plainModel, answers: { startDate: '01/12/2026', size: '13 inch', colour: 'red' } });
    expect(bad.statusCode).toBe(400);
    expect(json<Errors>(bad).errors.map((e) => e.field).sort()).toEqual(['answers.colour', 'answers.size', 'answers.startDate']);
    const missing = await api.call(requester, 'POST', '/api/service-requests', { model: plainModel, answers: {} });
    expect(json<Errors>(missing).errors.map((e) => e.field).sort()).toEqual(['answers.size', 'answers.startDate']);
    const draftModel = json<{ reference: string }>(await api.call(manager, 'POST', '/api/request-models', { name: 'Unpublished', service }));
    const unpublished = await api.call(requester, 'POST', '/api/service-requests', { model: draftModel.reference, answers: {} });
    expect(json<Errors>(unpublished).errors[0]!.field).toBe('model');
    const forSomeoneElse = await api.call(requester, 'POST', '/api/service-requests', { model: plainModel, answers: { startDate: '2026-12-01', size: '14 inch' }, requesterId: otherRequester.userId });
    expect(forSomeoneElse.statusCode).toBe(403);

    const request = await api.raise(requester, plainModel, { startDate: '2026-12-01', size: ' 16 inch ', notes: '', external: true });
    expect(request).toMatchObject({ status: 'submitted', model: plainModel, service, requesterId: requester.userId, assignmentGroup: 'End-user computing', shortDescription: 'New starter laptop', approverId: null });
    expect(request.answers).toEqual({ startDate: '2026-12-01', size: '16 inch', external: true });
    // 8 business hours round the clock (the service has no calendar), from submission.
    expect(Date.parse(request.dueAt!) - Date.parse((request as unknown as { createdAt: string }).createdAt)).toBe(8 * 3_600_000);
  });

  it('lets only the approver (or the SMS manager) decide, and records the decision', async () => {
    const request = await api.raise(requester, approvalModel);
    expect(request).toMatchObject({ status: 'awaiting-approval', approverId: owner.userId, dueAt: null });
    const byAgent = await api.move(agent, request, 'approved');
    expect(byAgent.res.statusCode).toBe(403);
    expect(json<Errors>(byAgent.res).detail).toContain('approver');
    expect((await api.move(requester, request, 'approved')).res.statusCode).toBe(403);
    const noReason = await api.move(owner, request, 'rejected');
    expect(json<Errors>(noReason.res).errors[0]!.field).toBe('approvalReason');
    const approved = await api.move(owner, request, 'approved', { approvalReason: 'Needed for the finance team' });
    expect(approved.res.statusCode, approved.res.body).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', approvalDecision: 'approved', decidedBy: owner.userId });
    expect(approved.body.dueAt).not.toBeNull();

    const other = await api.raise(requester, approvalModel);
    const rejected = await api.move(manager, other, 'rejected', { approvalReason: 'Use the team mailbox instead' });
    expect(rejected.body).toMatchObject({ status: 'rejected', approvalDecision: 'rejected', decidedBy: manager.userId });

    // The approver was asked for each, once; the requester heard of the rejection and its reason.
    const mails = await t.certus.database.db.selectFrom('jobs').select(['dedupe_key', 'payload']).where('kind', '=', 'notify.email').execute();
    const mailFor = (key: string) => mails.filter((m) => m.dedupe_key === key).map((m) => JSON.stringify(m.payload));
    expect(mailFor(`request:${request.id}:approval`)).toHaveLength(1);
    expect(mailFor(`request:${other.id}:approval`)).toHaveLength(1);
    expect(mailFor(`request:${request.id}:rejected`)).toEqual([]);
    const rejection = mailFor(`request:${other.id}:rejected`);
    expect(rejection).toHaveLength(1);
    expect(rejection[0]).toContain('Use the team mailbox instead');
  });

  it('creates the tasks in order when fulfilment starts and enforces that order', async () => {
    let request = await api.raise(requester, plainModel);
    request = (await api.move(agent, request, 'in-fulfilment')).body;
    const tasks = await api.tasks(agent, request);
    expect(tasks.map((task) => [task.position, task.title, task.group, task.status])).toEqual([
      [1, 'Order the laptop', 'Procurement', 'open'], [2, 'Image and enrol it', 'End-user computing', 'open'], [3, 'Hand it over', 'End-user computing', 'open'],
    ]);
    const early = await api.finishTask(agent, tasks[1]!);
    expect(early.statusCode).toBe(409);
    expect(json<Errors>(early).detail).toContain(tasks[0]!.reference);
    const tooSoon = await api.move(agent, request, 'fulfilled');
    expect(tooSoon.res.statusCode).toBe(409);
    expect(json<Errors>(tooSoon.res).detail).toContain(tasks[0]!.reference);

    expect((await api.finishTask(agent, tasks[0]!)).statusCode).toBe(200);
    expect((await api.finishTask(agent, tasks[1]!, 'skipped')).statusCode).toBe(400);
    expect((await api.finishTask(agent, tasks[1]!, 'skipped', { skipReason: 'Came pre-imaged from the supplier' })).statusCode).toBe(200);
    // Waiting for the requester: tasks wait too.
    request = (await api.move(agent, request, 'awaiting-requester')).body;
    expect(request.dueAt).toBeNull();
    expect((await api.finishTask(agent, tasks[2]!)).statusCode).toBe(409);
    request = (await api.move(requester, request, 'in-fulfilment')).body;
    expect(request.dueAt).not.toBeNull();
    expect((await api.finishTask(agent, tasks[2]!)).statusCode).toBe(200);
    const fulfilled = await api.move(agent, request, 'fulfilled');
    expect(fulfilled.res.statusCode, fulfilled.res.body).toBe(200);
    expect(fulfilled.body).toMatchObject({ status: 'fulfilled', fulfilledWithinTarget: true });
    expect(fulfilled.body.fulfilmentBusinessMinutes).toBeLessThanOrEqual(1);
    expect((await api.tasks(agent, request)).map((task) => task.status)).toEqual(['done', 'skipped', 'done']);
  });

  it('lets the requester confirm with a rating from 1 to 5, or say it is not done', async () => {
    let request = await api.raise(requester, plainModel, { startDate: '2026-12-02', size: '14 inch' });
    request = (await api.move(agent, request, 'in-fulfilment')).body;
    for (const task of await api.tasks(agent, request)) expect((await api.finishTask(agent, task)).statusCode).toBe(200);
    request = (await api.move(agent, request, 'fulfilled')).body;

    const notDone = await api.move(requester, request, 'in-fulfilment');
    expect(json<Errors>(notDone.res).errors[0]!.field).toBe('reopenReason');
    request = (await api.move(requester, request, 'in-fulfilment', { reopenReason: 'The docking station is missing' })).body;
    expect(request).toMatchObject({ status: 'in-fulfilment', reopenCount: 1, fulfilledAt: null, fulfilledWithinTarget: null });
    request = (await api.move(agent, request, 'fulfilled')).body;

    const unrated = await api.move(requester, request, 'closed');
    expect(json<Errors>(unrated.res).errors[0]!.field).toBe('satisfaction');
    const outOfRange = await api.move(requester, request, 'closed', { satisfaction: 6 });
    expect(outOfRange.res.statusCode).toBe(400);
    expect(json<Errors>(outOfRange.res).errors[0]!.field).toContain('satisfaction');
    const onBehalf = await api.move(agent, request, 'closed', { satisfaction: 5 });
    expect(json<Errors>(onBehalf.res).errors[0]!.field).toBe('satisfaction');
    const closed = await api.move(requester, request, 'closed', { satisfaction: 4, satisfactionComment: 'Quick, but the dock came late' });
    expect(closed.body).toMatchObject({ status: 'closed', satisfaction: 4 });
    expect(closed.body.closedAt).not.toBeNull();
    // Asked to confirm each time it was fulfilled: before and after "not done".
    const asked = await t.certus.database.db.selectFrom('jobs').select('dedupe_key').where('kind', '=', 'notify.email').where('dedupe_key', 'like', `request:${request.id}:fulfilled:%`).execute();
    expect(asked).toHaveLength(2);
  });

  it('shows a requester only their own requests', async () => {
    const mine = await api.raise(otherRequester, plainModel);
    const list = json<{ items: { reference: string; requesterId: string }[] }>(await api.call(requester, 'GET', '/api/service-requests?limit=200'));
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((i) => i.requesterId === requester.userId)).toBe(true);
    expect((await api.call(requester, 'GET', `/api/service-requests/${mine.reference}`)).statusCode).toBe(404);
    expect((await api.call(requester, 'GET', `/api/service-requests/${mine.reference}/tasks`)).statusCode).toBe(404);
    expect((await api.call(requester, 'POST', `/api/service-requests/${mine.reference}/transitions`, { to: 'cancelled' }, mine.version)).statusCode).toBe(404);
    expect((await api.call(otherRequester, 'GET', `/api/service-requests/${mine.reference}`)).statusCode).toBe(200);
    const cancelled = await api.move(otherRequester, mine, 'cancelled');
    expect(cancelled.body.status).toBe('cancelled');
    // The catalogue: requesters see published models only.
    const models = json<{ items: { status: string }[] }>(await api.call(requester, 'GET', '/api/request-models?limit=200'));
    expect(models.items.every((m) => m.status === 'published')).toBe(true);
    const catalogue = json<{ services: { reference: string; models: { reference: string }[] }[] }>(await api.call(requester, 'GET', '/api/request-catalogue?q=mailbox'));
    expect(catalogue.services.flatMap((s) => s.models.map((m) => m.reference))).toEqual([approvalModel]);
  });

  it('refuses a stale write with 412 and keeps history and state in step', async () => {
    const request = await api.raise(requester, plainModel);
    const moved = await api.move(agent, request, 'in-fulfilment');
    expect(moved.res.statusCode).toBe(200);
    const stale = await api.call(agent, 'PATCH', `/api/service-requests/${request.reference}`, { assigneeId: agent.userId }, request.version);
    expect(stale.statusCode).toBe(412);
    const fresh = await api.call(agent, 'PATCH', `/api/service-requests/${request.reference}`, { assigneeId: agent.userId }, moved.body.version);
    expect(fresh.statusCode).toBe(200);
    expect(fresh.headers.etag).toBe(`"${moved.body.version + 1}"`);
    const task = (await api.tasks(agent, request))[0]!;
    expect((await api.call(agent, 'POST', `/api/request-tasks/${task.reference}/transitions`, { to: 'done' }, task.version + 1)).statusCode).toBe(412);
    expect((await verifyRecordStates(t.certus.database.db, t.certus.assembly.registry)).problems).toEqual([]);
  });

  it('lets an agent add a task by hand, which goes last', async () => {
    let request: RequestView = await api.raise(requester, plainModel);
    request = (await api.move(agent, request, 'in-fulfilment')).body;
    const added = await api.call(agent, 'POST', '/api/request-tasks', { request: request.reference, title: 'Install the VPN client' });
    expect(added.statusCode, added.body).toBe(201);
    expect(json<{ position: number }>(added).position).toBe(4);
    expect((await api.call(agent, 'POST', '/api/request-tasks', { request: 'REQ-999999', title: 'x' })).statusCode).toBe(400);
  });
});
