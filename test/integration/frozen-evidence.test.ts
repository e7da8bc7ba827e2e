import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asUser, json, startTestApp, type SignedIn, type TestApp } from '../support/test-app.js';
import { storeNames } from '../support/test-databases.js';

interface Detail { id: string; reference: string; status: string; version: number }
interface ProblemBody { status: number; detail: string }

const multipart = (filename: string, content: string) => {
  const boundary = '----certus-frozen-boundary';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/plain\r\n\r\n`),
    Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload: body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
};

describe.each(storeNames())('frozen evidence of a closed assessment on %s', (store) => {
  let t: TestApp;
  let manager: SignedIn;
  let top: SignedIn;
  beforeAll(async () => {
    t = await startTestApp(store);
    manager = await t.user(['sms-manager']);
    top = await t.user(['top-management']);
  });
  afterAll(async () => t?.close());

  const base = (ref: string) => `/api/assessments/${ref}`;
  const transition = async (ref: string, to: string, fields: Record<string, unknown>, user = manager) => {
    const current = json<Detail>(await t.app.inject({ method: 'GET', url: base(ref), headers: asUser(manager) }));
    const res = await t.app.inject({ method: 'POST', url: `${base(ref)}/transitions`, headers: { ...asUser(user), 'if-match': `"${current.version}"` }, payload: { to, fields } });
    expect(res.statusCode, res.body).toBe(200);
  };
  const comment = (ref: string, body: string) => t.app.inject({ method: 'POST', url: `${base(ref)}/comments`, headers: asUser(manager), payload: { body } });
  const attach = (ref: string, name: string) => {
    const upload = multipart(name, `evidence ${name}`);
    return t.app.inject({ method: 'POST', url: `${base(ref)}/attachments`, headers: { ...asUser(manager), ...upload.headers }, payload: upload.payload });
  };
  const detach = (ref: string, id: string) => t.app.inject({ method: 'DELETE', url: `${base(ref)}/attachments/${id}`, headers: asUser(manager) });
  const attachments = async (ref: string) => json<{ items: { id: string; filename: string }[] }>(await t.app.inject({ method: 'GET', url: `${base(ref)}/attachments`, headers: asUser(manager) })).items;
  const comments = async (ref: string) => json<{ items: { body: string }[] }>(await t.app.inject({ method: 'GET', url: `${base(ref)}/comments`, headers: asUser(manager) })).items;

  const expectFrozen = (res: { statusCode: number; body: string }, state: string) => {
    expect(res.statusCode, res.body).toBe(409);
    const problem = JSON.parse(res.body) as ProblemBody;
    expect(problem.detail).toContain(`is ${state}, so its evidence is frozen`);
    expect(problem.detail).toContain('Start a follow-up assessment');
  };

  it('takes comments and files while open, and refuses adding or withdrawing any once completed and approved', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/assessments', headers: asUser(manager), payload: { title: 'Evidence freeze', kind: 'internal-audit' } });
    expect(created.statusCode, created.body).toBe(201);
    const a = json<Detail>(created);
    expect((await comment(a.reference, 'Interviewed the service desk lead')).statusCode).toBe(201);
    expect((await attach(a.reference, 'kept.txt')).statusCode).toBe(201);
    const early = json<{ id: string }>(await attach(a.reference, 'withdrawn.txt'));
    expect((await detach(a.reference, early.id)).statusCode).toBe(204);

    await transition(a.reference, 'in-progress', {});
    await transition(a.reference, 'completed', { conclusion: 'Two minor findings.' });
    const kept = (await attachments(a.reference))[0]!;
    expect(kept.filename).toBe('kept.txt');
    expectFrozen(await comment(a.reference, 'A late note'), 'completed');
    expectFrozen(await attach(a.reference, 'late.txt'), 'completed');
    expectFrozen(await detach(a.reference, kept.id), 'completed');

    await transition(a.reference, 'approved', { approvalNote: 'Accepted by the board' }, top);
    expectFrozen(await comment(a.reference, 'After approval'), 'approved');
    expectFrozen(await attach(a.reference, 'after.txt'), 'approved');
    expectFrozen(await detach(a.reference, kept.id), 'approved');

    expect((await attachments(a.reference)).map((f) => f.filename)).toEqual(['kept.txt']);
    expect((await comments(a.reference)).map((c) => c.body)).toEqual(['Interviewed the service desk lead']);
  });

  it('says "An approved assessment" when an approved assessment is edited', async () => {
    const a = json<Detail>(await t.app.inject({ method: 'POST', url: '/api/assessments', headers: asUser(manager), payload: { title: 'Wording', kind: 'gap-assessment' } }));
    await transition(a.reference, 'in-progress', {});
    await transition(a.reference, 'completed', { conclusion: 'Fine.' });
    await transition(a.reference, 'approved', { approvalNote: 'Accepted' }, top);
    const current = json<Detail>(await t.app.inject({ method: 'GET', url: base(a.reference), headers: asUser(manager) }));
    const edit = await t.app.inject({ method: 'PATCH', url: base(a.reference), headers: { ...asUser(manager), 'if-match': `"${current.version}"` }, payload: { title: 'Changed afterwards' } });
    expect(edit.statusCode).toBe(409);
    expect(json<ProblemBody>(edit).detail).toMatch(/^An approved assessment is the record of what was found/);
  });
});
