import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asUser, json, startTestApp, type SignedIn, type TestApp } from '../../../test/support/test-app.js';
import { storeNames } from '../../../test/support/test-databases.js';

interface Detail { id: string; reference: string; status: string; version: number }
interface AnswerBody { requirementId: string; result: string; grade: string | null; version: number; carriedOver: boolean; carriedFrom: string | null; evidence: { kind: string; reference?: string; title?: string }[] }
interface Row { id: string; answer: AnswerBody | null; suggestion: { outcome: string; rule: string; explanation: string } | null }
interface WorksheetBody { assessment: { reference: string; editable: boolean; problems: string[] }; totals: { counts: Record<string, number>; requirements: number }; requirements: Row[] }

describe.each(storeNames())('assessments on %s', (store) => {
  let t: TestApp;
  let manager: SignedIn;
  let auditor: SignedIn;
  let top: SignedIn;
  let requester: SignedIn;
  let owner: SignedIn;
  beforeAll(async () => {
    t = await startTestApp(store);
    manager = await t.user(['sms-manager']);
    auditor = await t.user(['internal-auditor']);
    top = await t.user(['top-management']);
    requester = await t.user(['requester']);
    owner = await t.user(['process-owner']);
  });
  afterAll(async () => t?.close());

  const create = async (payload: Record<string, unknown>, user = manager) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/assessments', headers: asUser(user), payload: { title: 'Gap assessment', kind: 'gap-assessment', ...payload } });
    expect(res.statusCode, res.body).toBe(201);
    return json<Detail>(res);
  };
  const answer = (ref: string, requirementId: string, payload: Record<string, unknown>, version = 0, user = manager) => t.app.inject({
    method: 'PUT', url: `/api/assessments/${ref}/answers/${requirementId}`, headers: { ...asUser(user), 'if-match': `"${version}"` }, payload,
  });
  const transition = async (ref: string, to: string, fields: Record<string, unknown> = {}, user = manager) => {
    const current = json<Detail>(await t.app.inject({ method: 'GET', url: `/api/assessments/${ref}`, headers: asUser(manager) }));
    return t.app.inject({ method: 'POST', url: `/api/assessments/${ref}/transitions`, headers: { ...asUser(user), 'if-match': `"${current.version}"` }, payload: { to, fields } });
  };
  const worksheet = async (ref: string, user = manager) => json<WorksheetBody>(await t.app.inject({ method: 'GET', url: `/api/assessments/${ref}/worksheet`, headers: asUser(user) }));

  it('runs the life cycle: answers one at a time with their own versions, history per change, immutable once completed', async () => {
    const a = await create({});
    expect(a.reference).toMatch(/^ASM-\d{6}$/);
    const sheet = await worksheet(a.reference);
    expect(sheet.requirements).toHaveLength(105);
    expect(sheet.requirements.every((r) => r.answer === null)).toBe(true);

    const first = await answer(a.reference, '8.1-01', { result: 'partial', notes: 'Process documented, not yet followed everywhere' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.headers.etag).toBe('"1"');
    const stale = await answer(a.reference, '8.1-01', { result: 'conformant' }, 0);
    expect(stale.statusCode).toBe(412);
    const missing = await t.app.inject({ method: 'PUT', url: `/api/assessments/${a.reference}/answers/8.1-01`, headers: asUser(manager), payload: { result: 'conformant' } });
    expect(missing.statusCode).toBe(428);
    const second = await answer(a.reference, '8.1-01', { result: 'nonconformant', grade: 'minor' }, 1);
    expect(second.statusCode, second.body).toBe(200);
    expect(json<AnswerBody>(second)).toMatchObject({ result: 'nonconformant', grade: 'minor', version: 2 });

    const history = json<{ items: { kind: string; data: { requirementId?: string; changes?: { field: string; from: unknown; to: unknown }[] } }[] }>(
      await t.app.inject({ method: 'GET', url: `/api/assessments/${a.reference}/history`, headers: asUser(manager) }));
    const answerEvents = history.items.filter((e) => e.data.requirementId === '8.1-01');
    expect(answerEvents).toHaveLength(2);
    expect(answerEvents[1]!.kind).toBe('updated');
    expect(answerEvents[1]!.data.changes).toContainEqual({ field: 'result', from: 'partial', to: 'nonconformant' });

    expect((await transition(a.reference, 'in-progress')).statusCode).toBe(200);
    expect((await transition(a.reference, 'completed')).statusCode).toBe(400);
    expect((await transition(a.reference, 'completed', { conclusion: 'Ready for Stage 1 once 8.1 is fixed.' })).statusCode).toBe(200);
    const frozen = (await worksheet(a.reference)).requirements.find((r) => r.id === '10.2-01')!.suggestion as unknown as { frozen: boolean; rule: string };
    expect(frozen).toMatchObject({ frozen: true, rule: '10.2/improvements-evaluated' });
    const closed = await answer(a.reference, '8.1-01', { result: 'conformant' }, 2);
    expect(closed.statusCode).toBe(409);
    expect(closed.body).toContain('can no longer change');
    const maturity = await t.app.inject({ method: 'PUT', url: `/api/assessments/${a.reference}/maturity/incident-management`, headers: { ...asUser(manager), 'if-match': '"0"' }, payload: { level: 3, reason: 'x' } });
    expect(maturity.statusCode).toBe(409);
    const auditorApproves = await transition(a.reference, 'approved', { approvalNote: 'ok' }, auditor);
    expect(auditorApproves.statusCode).toBe(403);
    const approved = await transition(a.reference, 'approved', { approvalNote: 'Accepted by the board' }, top);
    expect(approved.statusCode, approved.body).toBe(200);
    expect((await worksheet(a.reference)).assessment.editable).toBe(false);
    // Answer events sit in the assessment's own chain without disturbing its replayed state.
    const integrity = json<{ ok: boolean; problems: unknown[] }>(await t.app.inject({ method: 'GET', url: '/api/integrity', headers: asUser(manager) }));
    expect(integrity.problems).toEqual([]);
  });

  it('refuses not-applicable for Clauses 4-7, 9 and 10 with the reason, and accepts it for Clause 8 with a justification', async () => {
    const a = await create({});
    const refused = await answer(a.reference, '5.2-01', { result: 'not-applicable', justification: 'We have no policy' });
    expect(refused.statusCode).toBe(400);
    expect(json<{ errors: { field: string; reason: string }[] }>(refused).errors[0]).toMatchObject({ field: 'result' });
    expect(refused.body).toContain('cannot be excluded');
    expect((await answer(a.reference, '9.2-01', { result: 'not-applicable', justification: 'x' })).statusCode).toBe(400);
    expect((await answer(a.reference, '8.3.4-01', { result: 'not-applicable' })).statusCode).toBe(400);
    const accepted = await answer(a.reference, '8.3.4-01', { result: 'not-applicable', justification: 'No supplier takes part in the services in scope.' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect((await answer(a.reference, '8.2.1-01', { result: 'nonconformant' })).statusCode).toBe(400);
  });

  it('validates evidence references like /api/references and keeps their titles', async () => {
    const imp = json<Detail>(await t.app.inject({ method: 'POST', url: '/api/improvements', headers: asUser(manager), payload: { title: 'Automate SLA report', source: 'kpi', priority: 'high' } }));
    const a = await create({});
    const ok = await answer(a.reference, '10.2-01', { result: 'conformant', evidence: [{ kind: 'record', reference: imp.reference.toLowerCase() }, { kind: 'document', title: 'CSI procedure', location: 'https://intranet.example/csi' }] });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(json<AnswerBody>(ok).evidence[0]).toMatchObject({ kind: 'record', reference: imp.reference, title: 'Automate SLA report' });
    const unknown = await answer(a.reference, '10.2-02', { result: 'conformant', evidence: [{ kind: 'record', reference: 'IMP-999999' }] });
    expect(unknown.statusCode).toBe(400);
    expect(json<{ errors: { field: string }[] }>(unknown).errors[0]!.field).toBe('evidence/0');
    const noType = await answer(a.reference, '10.2-02', { result: 'conformant', evidence: [{ kind: 'record', reference: 'ZZZ-000001' }] });
    expect(noType.statusCode).toBe(400);
    const attachment = await answer(a.reference, '10.2-02', { result: 'conformant', evidence: [{ kind: 'attachment', attachmentId: '01900000-0000-7000-8000-000000000000' }] });
    expect(attachment.statusCode).toBe(400);

    const boundary = '----certus-assessment-evidence';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="csi-minutes.txt"\r\nContent-Type: text/plain\r\n\r\n`),
      Buffer.from('CSI review minutes, 2026-10-01'),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const upload = await t.app.inject({ method: 'POST', url: `/api/assessments/${a.reference}/attachments`, headers: { ...asUser(manager), 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
    expect(upload.statusCode, upload.body).toBe(201);
    const attachmentId = json<{ id: string }>(upload).id;
    const attached = await answer(a.reference, '10.2-02', { result: 'conformant', evidence: [{ kind: 'attachment', attachmentId }] });
    expect(attached.statusCode, attached.body).toBe(200);
    expect(json<AnswerBody>(attached).evidence[0]).toMatchObject({ kind: 'attachment', filename: 'csi-minutes.txt' });
    const index = json<{ items: { requirementId: string; evidence: { kind: string } }[] }>(await t.app.inject({ method: 'GET', url: `/api/assessments/${a.reference}/evidence`, headers: asUser(manager) }));
    expect(index.items.map((i) => `${i.requirementId} ${i.evidence.kind}`)).toEqual(['10.2-01 record', '10.2-01 document', '10.2-02 attachment']);
  });

  it('lets the internal auditor run an assessment, hides it from requesters, and keeps process owners to reading', async () => {
    const a = await create({ kind: 'internal-audit', title: 'Internal audit 2026' }, auditor);
    expect((await answer(a.reference, '4.1-01', { result: 'conformant' }, 0, auditor)).statusCode).toBe(200);
    expect((await transition(a.reference, 'in-progress', {}, auditor)).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/assessments', headers: asUser(requester) })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `/api/assessments/${a.reference}/worksheet`, headers: asUser(requester) })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `/api/assessments/${a.reference}/worksheet`, headers: asUser(owner) })).statusCode).toBe(200);
    expect((await answer(a.reference, '4.2-01', { result: 'conformant' }, 0, owner)).statusCode).toBe(403);
  });

  it('starts from the last one: carries answers over, marked, and compares before and after', async () => {
    const first = await create({});
    await answer(first.reference, '4.1-01', { result: 'nonconformant', grade: 'major' });
    await answer(first.reference, '4.2-01', { result: 'partial' });
    await answer(first.reference, '4.3-01', { result: 'conformant' });
    await transition(first.reference, 'in-progress');
    await transition(first.reference, 'completed', { conclusion: 'Baseline' });

    const second = await create({ basedOn: first.reference, title: 'Follow-up gap assessment' });
    const sheet = await worksheet(second.reference);
    expect(sheet.assessment.problems).toEqual([]);
    const carried = sheet.requirements.find((r) => r.id === '4.1-01')!.answer!;
    expect(carried).toMatchObject({ result: 'nonconformant', grade: 'major', carriedOver: true, carriedFrom: first.reference, version: 0 });
    const improved = await answer(second.reference, '4.1-01', { result: 'conformant' }, 0);
    expect(improved.statusCode, improved.body).toBe(200);
    expect(json<AnswerBody>(improved)).toMatchObject({ carriedOver: false, version: 1 });
    await answer(second.reference, '4.3-01', { result: 'nonconformant', grade: 'minor' }, 0);

    const res = await t.app.inject({ method: 'GET', url: `/api/assessments/${second.reference}/comparison?with=${first.reference}`, headers: asUser(manager) });
    expect(res.statusCode, res.body).toBe(200);
    const comparison = json<{ totals: Record<string, number>; items: { requirementId: string; movement: string }[] }>(res);
    const movement = (id: string) => comparison.items.find((i) => i.requirementId === id)!.movement;
    expect(movement('4.1-01')).toBe('improved');
    expect(movement('4.2-01')).toBe('unchanged');
    expect(movement('4.3-01')).toBe('regressed');
    expect(comparison.totals).toMatchObject({ improved: 1, regressed: 1 });
    expect(comparison.totals.unchanged).toBe(103);

    const fromOpen = await t.app.inject({ method: 'POST', url: '/api/assessments', headers: asUser(manager), payload: { title: 'x', kind: 'gap-assessment', basedOn: second.reference } });
    expect(fromOpen.statusCode).toBe(400);
    expect(json<{ errors: { field: string; reason: string }[] }>(fromOpen).errors[0]).toMatchObject({ field: 'basedOn', reason: expect.stringContaining('completed or approved') });
    const fromNothing = await t.app.inject({ method: 'POST', url: '/api/assessments', headers: asUser(manager), payload: { title: 'x', kind: 'gap-assessment', basedOn: 'IMP-000001' } });
    expect(fromNothing.statusCode).toBe(400);
    const rescoped = await t.app.inject({ method: 'PATCH', url: `/api/assessments/${first.reference}`, headers: { ...asUser(manager), 'if-match': '"3"' }, payload: { title: 'Renamed after completion' } });
    expect(rescoped.statusCode).toBe(409);
  });

  it('limits answers to the scope and shows rule suggestions beside them', async () => {
    const bad = await t.app.inject({ method: 'POST', url: '/api/assessments', headers: asUser(manager), payload: { title: 'x', kind: 'gap-assessment', scope: '5.3, nonsense' } });
    expect(bad.statusCode).toBe(400);
    expect(json<{ errors: { field: string; reason: string }[] }>(bad).errors[0]).toMatchObject({ field: 'scope', reason: expect.stringContaining('nonsense') });
    const a = await create({ scope: '5.3, incident-management, 10.2' });
    const sheet = await worksheet(a.reference);
    expect(sheet.requirements.map((r) => r.id)).toEqual(['5.3-01', '5.3-02', '8.6.1-01', '8.6.1-02', '8.6.1-03', '8.6.1-04', '10.2-01', '10.2-02']);
    expect(sheet.assessment.problems).toEqual([]);
    await transition(a.reference, 'in-progress');
    const rescope = await t.app.inject({ method: 'PATCH', url: `/api/assessments/${a.reference}`, headers: { ...asUser(manager), 'if-match': '"2"' }, payload: { scope: '4' } });
    expect(rescope.statusCode).toBe(409);
    const row = sheet.requirements.find((r) => r.id === '10.2-01')!;
    expect(row.suggestion).toMatchObject({ rule: '10.2/improvements-evaluated' });
    expect(sheet.requirements.find((r) => r.id === '5.3-02')!.suggestion!.outcome).toBe('conformant');
    // 8.6.1-01 has a rule reading the incidents; 8.6.1-03 (escalation procedure followed) has none.
    expect(sheet.requirements.find((r) => r.id === '8.6.1-01')!.suggestion).toMatchObject({ rule: expect.stringMatching(/^8\.6\.1\//) });
    expect(sheet.requirements.find((r) => r.id === '8.6.1-03')!.suggestion).toBeNull();
    const outside = await answer(a.reference, '4.1-01', { result: 'conformant' });
    expect(outside.statusCode).toBe(400);
    expect(outside.body).toContain('outside the scope');
  });

  it('rates maturity per process with a reason and flags processes below level 3', async () => {
    const a = await create({ scope: '8.6' });
    const put = (process: string, level: number, version = 0) => t.app.inject({ method: 'PUT', url: `/api/assessments/${a.reference}/maturity/${process}`, headers: { ...asUser(auditor), 'if-match': `"${version}"` }, payload: { level, reason: 'Seen in the records sampled' } });
    expect((await put('incident-management', 2)).statusCode).toBe(200);
    expect((await put('problem-management', 4)).statusCode).toBe(200);
    expect((await put('problem-management', 3, 0)).statusCode).toBe(412);
    expect((await put('change-management', 3)).statusCode).toBe(400);
    const res = json<{ processes: { process: string; level: number | null; belowFloor: boolean }[]; belowFloor: string[]; certificationCapable: boolean; minimum: number }>(
      await t.app.inject({ method: 'GET', url: `/api/assessments/${a.reference}/maturity`, headers: asUser(manager) }));
    expect(res.processes.map((p) => p.process)).toEqual(['incident-management', 'major-incident-management', 'service-request-management', 'problem-management']);
    expect(res.belowFloor).toEqual(['incident-management']);
    expect(res.certificationCapable).toBe(false);
    expect(res.minimum).toBe(2);
  });

  it('counts results by clause group and process for the heatmap', async () => {
    const a = await create({});
    await answer(a.reference, '8.6.1-01', { result: 'nonconformant', grade: 'major' });
    await answer(a.reference, '8.6.1-02', { result: 'conformant' });
    const res = await t.app.inject({ method: 'GET', url: `/api/assessments/${a.reference}/heatmap`, headers: asUser(manager) });
    expect(res.statusCode, res.body).toBe(200);
    const heatmap = json<{ byClause: { id: string; counts: Record<string, number>; major: number }[]; byProcess: { id: string; score: number | null }[] }>(res);
    expect(heatmap.byClause.map((c) => c.id)).toEqual(['4', '5', '6', '7', '8.1', '8.2', '8.3', '8.4', '8.5', '8.6', '8.7', '9', '10']);
    expect(heatmap.byClause.find((c) => c.id === '8.6')).toMatchObject({ major: 1, counts: expect.objectContaining({ conformant: 1, nonconformant: 1 }) });
    expect(heatmap.byProcess.find((p) => p.id === 'incident-management')!.score).toBe(50);
  });
});
