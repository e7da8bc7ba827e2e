import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCertus, type Certus } from '../../src/certus.js';
import { verifyHistory } from '../../src/kernel/history/history-verify.js';
import { verifyRecordStates } from '../../src/kernel/records/record-verify.js';
import { nextReference } from '../../src/kernel/records/references.js';
import { asUser, json, startTestApp, type SignedIn, type TestApp } from '../support/test-app.js';
import { storeNames } from '../support/test-databases.js';

interface Created { id: string; reference: string; version: number }

describe.each(storeNames())('record kernel on %s', (store) => {
  let t: TestApp;
  let manager: SignedIn;
  beforeAll(async () => {
    t = await startTestApp(store);
    manager = await t.user(['sms-manager']);
  });
  afterAll(async () => t?.close());

  const create = async (title: string, extra: Record<string, unknown> = {}, app = t.app) => {
    const res = await app.inject({ method: 'POST', url: '/api/improvements', headers: asUser(manager), payload: { title, source: 'audit', priority: 'medium', ...extra } });
    expect(res.statusCode, res.body).toBe(201);
    return json<Created>(res);
  };

  it('allocates references without gaps or duplicates under concurrent writers in two server processes', async () => {
    const second: Certus = await openCertus(t.store.config, { logger: false, serveWeb: false });
    try {
      const before = Number((await t.certus.database.db.selectFrom('reference_counters').select('last_value').where('prefix', '=', 'IMP').executeTakeFirstOrThrow()).last_value);
      const created = await Promise.all(Array.from({ length: 60 }, (_, i) => create(`Concurrent ${i}`, {}, i % 2 ? second.app : t.app)));
      const numbers = created.map((c) => Number(c.reference.slice(4))).sort((a, b) => a - b);
      expect(new Set(numbers).size).toBe(60);
      expect(numbers[0]).toBe(before + 1);
      expect(numbers[59]).toBe(before + 60);
    } finally {
      await second.close();
    }
  });

  it('gives a rolled-back reference back, so the sequence has no gap', async () => {
    const { db } = t.certus.database;
    const first = await db.transaction().execute((trx) => nextReference(trx, 'IMP'));
    await expect(db.transaction().execute(async (trx) => {
      await nextReference(trx, 'IMP');
      throw new Error('abandon');
    })).rejects.toThrow('abandon');
    const next = await db.transaction().execute((trx) => nextReference(trx, 'IMP'));
    expect(Number(next.slice(4))).toBe(Number(first.slice(4)) + 1);
  });

  it('detects an edited, a deleted and a truncated history with certus verify', async () => {
    const a = await create('Chain A');
    const b = await create('Chain B');
    const c = await create('Chain C');
    for (const r of [a, b, c]) {
      await t.app.inject({ method: 'PATCH', url: `/api/improvements/${r.id}`, headers: { ...asUser(manager), 'if-match': '"1"' }, payload: { priority: 'high' } });
      await t.app.inject({ method: 'POST', url: `/api/improvements/${r.id}/comments`, headers: asUser(manager), payload: { body: 'noted', visibility: 'internal' } });
    }
    const { db } = t.certus.database;
    expect((await verifyHistory(db)).problems).toEqual([]);

    // Someone with database access rewrites what was said, removes an event, and drops the latest one.
    await sql`update history_events set data = ${JSON.stringify({ changes: [{ field: 'priority', from: 'medium', to: 'low' }] })} where record_id = ${a.id} and seq = 2`.execute(db);
    await sql`delete from history_events where record_id = ${b.id} and seq = 2`.execute(db);
    await sql`delete from history_events where record_id = ${c.id} and seq = 3`.execute(db);

    const report = await verifyHistory(db);
    const found = report.problems.map((p) => `${p.recordId === a.id ? 'A' : p.recordId === b.id ? 'B' : 'C'}:${p.problem}`);
    expect(found).toContain('A:hash-mismatch');
    expect(found).toContain('B:missing-event');
    expect(found).toContain('B:broken-link');
    expect(found).toContain('C:head-mismatch');
    const api = await t.app.inject({ method: 'GET', url: '/api/integrity', headers: asUser(manager) });
    expect(json<{ ok: boolean }>(api).ok).toBe(false);
    // Leave the store clean for the other tests.
    await sql`delete from history_events where record_id in (${a.id}, ${b.id}, ${c.id})`.execute(db);
    await sql`delete from history_heads where record_id in (${a.id}, ${b.id}, ${c.id})`.execute(db);
    await sql`delete from record_comments where record_id in (${a.id}, ${b.id}, ${c.id})`.execute(db);
    await sql`delete from improvements where id in (${a.id}, ${b.id}, ${c.id})`.execute(db);
  });

  it('detects a record row edited behind Certus\'s back', async () => {
    const r = await create('State check');
    await t.app.inject({ method: 'POST', url: `/api/improvements/${r.id}/transitions`, headers: { ...asUser(manager), 'if-match': '"1"' }, payload: { to: 'approved', fields: { decisionReason: 'ok' } } });
    const { db } = t.certus.database;
    expect((await verifyRecordStates(db, t.certus.assembly.registry)).problems).toEqual([]);
    await sql`update improvements set priority = 'low', status = 'completed' where id = ${r.id}`.execute(db);
    const { problems } = await verifyRecordStates(db, t.certus.assembly.registry);
    expect(problems).toEqual([{ recordType: 'improvement', recordId: r.id, reference: r.reference, problem: 'state-mismatch', detail: `${r.reference}: priority, status differ from what its history says` }]);
    await sql`update improvements set priority = 'medium', status = 'approved' where id = ${r.id}`.execute(db);
  });

  it('records field changes with old and new values, transitions and comments in the history', async () => {
    const r = await create('History subject');
    await t.app.inject({ method: 'PATCH', url: `/api/improvements/${r.id}`, headers: { ...asUser(manager), 'if-match': '"1"' }, payload: { priority: 'high', targetDate: '2027-03-31' } });
    await t.app.inject({ method: 'POST', url: `/api/improvements/${r.id}/transitions`, headers: { ...asUser(manager), 'if-match': '"2"' }, payload: { to: 'approved', fields: { decisionReason: 'Agreed at review' } } });
    await t.app.inject({ method: 'POST', url: `/api/improvements/${r.id}/comments`, headers: asUser(manager), payload: { body: 'Customer told', visibility: 'public' } });
    const history = json<{ items: { kind: string; data: Record<string, unknown>; actorName: string }[] }>(await t.app.inject({ method: 'GET', url: `/api/improvements/${r.id}/history`, headers: asUser(manager) }));
    expect(history.items.map((e) => e.kind)).toEqual(['created', 'updated', 'transitioned', 'commented']);
    expect(history.items[1]!.data.changes).toEqual([{ field: 'priority', from: 'medium', to: 'high' }, { field: 'targetDate', from: null, to: '2027-03-31' }]);
    expect(history.items[2]!.data).toMatchObject({ from: 'proposed', to: 'approved', changes: [{ field: 'decisionReason', from: null, to: 'Agreed at review' }] });
    expect(history.items[3]!.data).toMatchObject({ body: 'Customer told', visibility: 'public' });
    expect(history.items[0]!.actorName).toContain('Test');
  });

  it('hides internal work notes from a requester-only view and shows public updates', async () => {
    const r = await create('Visibility');
    await t.app.inject({ method: 'POST', url: `/api/improvements/${r.id}/comments`, headers: asUser(manager), payload: { body: 'internal note', visibility: 'internal' } });
    await t.app.inject({ method: 'POST', url: `/api/improvements/${r.id}/comments`, headers: asUser(manager), payload: { body: 'public update', visibility: 'public' } });
    const all = json<{ items: { body: string }[] }>(await t.app.inject({ method: 'GET', url: `/api/improvements/${r.id}/comments`, headers: asUser(manager) }));
    expect(all.items.map((c) => c.body)).toEqual(['internal note', 'public update']);
  });

  it('links two records both ways, refuses a duplicate and records it in both histories', async () => {
    const a = await create('Link from');
    const b = await create('Link to');
    const link = await t.app.inject({ method: 'POST', url: `/api/improvements/${a.reference}/links`, headers: asUser(manager), payload: { linkType: 'depends-on', target: b.reference } });
    expect(link.statusCode).toBe(201);
    const dup = await t.app.inject({ method: 'POST', url: `/api/improvements/${a.reference}/links`, headers: asUser(manager), payload: { linkType: 'depends-on', target: b.reference } });
    expect(dup.statusCode).toBe(409);
    const missing = await t.app.inject({ method: 'POST', url: `/api/improvements/${a.reference}/links`, headers: asUser(manager), payload: { linkType: 'depends-on', target: 'IMP-999999' } });
    expect(missing.statusCode).toBe(400);
    const fromB = json<{ items: { label: string; direction: string; other: { reference: string } }[] }>(await t.app.inject({ method: 'GET', url: `/api/improvements/${b.id}/links`, headers: asUser(manager) }));
    expect(fromB.items).toMatchObject([{ label: 'is needed by', direction: 'incoming', other: { reference: a.reference } }]);
    const kinds = json<{ items: { kind: string }[] }>(await t.app.inject({ method: 'GET', url: `/api/improvements/${b.id}/history`, headers: asUser(manager) })).items.map((e) => e.kind);
    expect(kinds).toContain('linked');
    const unlink = await t.app.inject({ method: 'DELETE', url: `/api/improvements/${b.id}/links/${json<{ id: string }>(link).id}`, headers: asUser(manager) });
    expect(unlink.statusCode).toBe(204);
    expect(json<{ items: unknown[] }>(await t.app.inject({ method: 'GET', url: `/api/improvements/${a.id}/links`, headers: asUser(manager) })).items).toEqual([]);
  });

  const multipart = (filename: string, type: string, content: Buffer) => {
    const boundary = '----certus-test-boundary';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return { payload: body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
  };

  it('stores attachments by content hash once, serves them back and enforces type and size', async () => {
    const a = await create('Attach A');
    const b = await create('Attach B');
    const content = Buffer.from('Evidence: continuity test minutes, 2026-10-01');
    for (const r of [a, b]) {
      const upload = multipart('minutes.txt', 'text/plain', content);
      const res = await t.app.inject({ method: 'POST', url: `/api/improvements/${r.id}/attachments`, headers: { ...asUser(manager), ...upload.headers }, payload: upload.payload });
      expect(res.statusCode, res.body).toBe(201);
    }
    const blobs = await t.certus.database.db.selectFrom('attachment_blobs').select('sha256').execute();
    expect(blobs.length).toBe(1);
    const list = json<{ items: { id: string; sha256: string; size: number }[] }>(await t.app.inject({ method: 'GET', url: `/api/improvements/${a.id}/attachments`, headers: asUser(manager) }));
    expect(list.items[0]!.size).toBe(content.length);
    const download = await t.app.inject({ method: 'GET', url: `/api/improvements/${a.id}/attachments/${list.items[0]!.id}/content`, headers: asUser(manager) });
    expect(download.rawPayload.equals(content)).toBe(true);
    expect(download.headers['content-disposition']).toContain('minutes.txt');

    const exe = multipart('tool.exe', 'application/x-msdownload', Buffer.from('MZ'));
    const refused = await t.app.inject({ method: 'POST', url: `/api/improvements/${a.id}/attachments`, headers: { ...asUser(manager), ...exe.headers }, payload: exe.payload });
    expect(refused.statusCode).toBe(415);
  });

  it('refuses an attachment over the size limit with 413', async () => {
    const small = await startTestApp(store, { env: { CERTUS_MAX_ATTACHMENT_BYTES: '1000' } });
    try {
      const user = await small.user(['sms-manager']);
      const r = json<Created>(await small.app.inject({ method: 'POST', url: '/api/improvements', headers: asUser(user), payload: { title: 'Big', source: 'kpi', priority: 'low' } }));
      const upload = multipart('big.txt', 'text/plain', Buffer.alloc(5000, 'x'));
      const res = await small.app.inject({ method: 'POST', url: `/api/improvements/${r.id}/attachments`, headers: { ...asUser(user), ...upload.headers }, payload: upload.payload });
      expect(res.statusCode).toBe(413);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(await small.certus.database.db.selectFrom('record_attachments').selectAll().execute()).toEqual([]);
    } finally {
      await small.close();
    }
  });
});
