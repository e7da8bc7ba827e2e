import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashEvent } from '../../src/kernel/history/history-hash.js';
import { verifyHistory } from '../../src/kernel/history/history-verify.js';
import { makeCheckpoint } from '../../src/kernel/integrity/checkpoint.service.js';
import { commentContentHash } from '../../src/kernel/integrity/integrity-commitment.js';
import { verifyIntegrity, type IntegrityReport } from '../../src/kernel/integrity/integrity-verify.js';
import { verifyRecordStates } from '../../src/kernel/records/record-verify.js';
import { readJson, writeJson } from '../../src/platform/db/columns.js';
import { createDatabase } from '../../src/platform/db/database.js';
import { asUser, json, startTestApp, type SignedIn, type TestApp } from '../support/test-app.js';
import { storeNames } from '../support/test-databases.js';

interface Created { id: string; reference: string; version: number }

const multipart = (filename: string, content: string) => {
  const boundary = '----certus-tamper-boundary';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/plain\r\n\r\n`),
    Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload: body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
};

function harness(get: () => { t: TestApp; manager: SignedIn }) {
  const db = () => get().t.certus.database.db;
  const registry = () => get().t.certus.assembly.registry;
  const call = async (method: 'POST' | 'PATCH', url: string, payload: unknown, version?: number) => {
    const { t, manager } = get();
    const res = await t.app.inject({ method, url, headers: { ...asUser(manager), ...(version ? { 'if-match': `"${version}"` } : {}) }, payload: payload as Record<string, unknown> });
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res;
  };
  return {
    /** An improvement with five events: created, commented, updated, transitioned, commented. */
    async subject(title: string): Promise<Created> {
      const created = json<Created>(await call('POST', '/api/improvements', { title, source: 'audit', priority: 'medium' }));
      const url = `/api/improvements/${created.id}`;
      await call('POST', `${url}/comments`, { body: `${title}: first note`, visibility: 'internal' });
      await call('PATCH', url, { priority: 'high' }, 1);
      await call('POST', `${url}/transitions`, { to: 'approved', fields: { decisionReason: 'Agreed' } }, 2);
      await call('POST', `${url}/comments`, { body: `${title}: customer told`, visibility: 'public' });
      return created;
    },
    async attach(record: Created, content: string) {
      const { t, manager } = get();
      const upload = multipart('evidence.txt', content);
      const res = await t.app.inject({ method: 'POST', url: `/api/improvements/${record.id}/attachments`, headers: { ...asUser(manager), ...upload.headers }, payload: upload.payload });
      expect(res.statusCode, res.body).toBe(201);
    },
    checkpoint: () => makeCheckpoint(get().t.certus.database, registry()),
    verify: (expected?: { seq: number | null; hash: string }) => verifyIntegrity(get().t.certus.database, registry(), { expected }),
    /** What the verification before checkpoints (chains and rows only) says about one record. */
    async oldVerifyFindings(record: Created) {
      const chains = (await verifyHistory(db())).problems.filter((p) => p.recordId === record.id);
      const states = (await verifyRecordStates(db(), registry())).problems.filter((p) => p.recordId === record.id);
      return [...chains, ...states];
    },
    /** Recomputes every event's link and hash of a record in seq order, and its head: a careful forger. */
    async rechain(recordId: string) {
      const events = await db().selectFrom('history_events').selectAll().where('record_id', '=', recordId).orderBy('seq').execute();
      let prevHash = '0'.repeat(64);
      for (const e of events) {
        const hash = hashEvent({ recordType: e.record_type, recordId: e.record_id, seq: e.seq, kind: e.kind, actorId: e.actor_id, at: e.at, data: readJson(e.data), prevHash });
        await db().updateTable('history_events').set({ prev_hash: prevHash, hash }).where('id', '=', e.id).execute();
        prevHash = hash;
      }
      await db().updateTable('history_heads').set({ seq: events.length, hash: prevHash }).where('record_id', '=', recordId).execute();
    },
  };
}

const about = (report: IntegrityReport, record: Created) => report.problems.filter((p) => p.recordId === record.id);
const codes = (report: IntegrityReport, record: Created) => about(report, record).map((p) => p.problem);

describe.each(storeNames())('tamper evidence on %s', (store) => {
  let t: TestApp;
  let manager: SignedIn;
  beforeAll(async () => {
    t = await startTestApp(store);
    manager = await t.user(['sms-manager']);
  });
  afterAll(async () => t?.close());
  const h = harness(() => ({ t, manager }));
  const db = () => t.certus.database.db;

  it('finds a record whose last event was deleted and whose head was pointed at the one before', async () => {
    const r = await h.subject('Case 1');
    await h.checkpoint();
    expect(codes(await h.verify(), r)).toEqual([]);
    const fourth = await db().selectFrom('history_events').select('hash').where('record_id', '=', r.id).where('seq', '=', 4).executeTakeFirstOrThrow();
    await sql`delete from history_events where record_id = ${r.id} and seq = 5`.execute(db());
    await sql`update history_heads set seq = 4, hash = ${fourth.hash} where record_id = ${r.id}`.execute(db());
    expect(await h.oldVerifyFindings(r)).toEqual([]);
    const report = await h.verify();
    expect(report.ok).toBe(false);
    const rolledBack = about(report, r).find((p) => p.problem === 'head-rolled-back');
    expect(rolledBack).toMatchObject({ reference: r.reference, seq: 4 });
    expect(rolledBack?.detail).toContain(`${r.reference}'s chain has 4 events but checkpoint`);
  });

  it('finds a record whose whole chain and row were rewritten consistently', async () => {
    const r = await h.subject('Case 2');
    await h.checkpoint();
    const created = await db().selectFrom('history_events').select(['id', 'data']).where('record_id', '=', r.id).where('seq', '=', 1).executeTakeFirstOrThrow();
    const data = readJson<{ fields: Record<string, unknown> }>(created.data);
    await db().updateTable('history_events').set({ data: writeJson({ ...data, fields: { ...data.fields, title: 'Case 2, as it should have been' } }) }).where('id', '=', created.id).execute();
    await h.rechain(r.id);
    await sql`update improvements set title = 'Case 2, as it should have been' where id = ${r.id}`.execute(db());
    expect(await h.oldVerifyFindings(r)).toEqual([]);
    const report = await h.verify();
    expect(codes(report, r)).toEqual(['chain-rewritten']);
    expect(about(report, r)[0]).toMatchObject({ reference: r.reference, seq: 5 });
  });

  it('finds a record with an event deleted and the rest renumbered and re-chained', async () => {
    const r = await h.subject('Case 3');
    await h.checkpoint();
    await sql`delete from history_events where record_id = ${r.id} and seq = 2`.execute(db());
    for (const seq of [3, 4, 5]) await sql`update history_events set seq = ${seq - 1} where record_id = ${r.id} and seq = ${seq}`.execute(db());
    await h.rechain(r.id);
    expect(await h.oldVerifyFindings(r)).toEqual([]);
    const report = await h.verify();
    expect(codes(report, r)).toContain('head-rolled-back');
    expect(about(report, r).every((p) => p.reference === r.reference)).toBe(true);
  });

  it('finds a record whose event was given another actor and re-chained', async () => {
    const r = await h.subject('Case 4');
    await h.checkpoint();
    const other = await t.user(['process-owner']);
    await sql`update history_events set actor_id = ${other.userId} where record_id = ${r.id} and seq = 3`.execute(db());
    await h.rechain(r.id);
    expect(await h.oldVerifyFindings(r)).toEqual([]);
    const report = await h.verify();
    expect(codes(report, r)).toEqual(['chain-rewritten']);
    expect(about(report, r)[0]!.detail).toContain(r.reference);
  });

  it('finds a record deleted whole: row, events and head', async () => {
    const r = await h.subject('Case 5');
    await h.checkpoint();
    await sql`delete from history_events where record_id = ${r.id}`.execute(db());
    await sql`delete from history_heads where record_id = ${r.id}`.execute(db());
    await sql`delete from improvements where id = ${r.id}`.execute(db());
    expect(await h.oldVerifyFindings(r)).toEqual([]);
    const report = await h.verify();
    const deleted = about(report, r).find((p) => p.problem === 'record-deleted');
    expect(deleted).toMatchObject({ reference: r.reference, recordType: 'improvement' });
    expect(deleted?.detail).toBe(`${r.reference} was in checkpoint ${report.checkpoint!.seq} with 5 events; its row, events, head are gone`);
  });

  it('finds an edited comment, even when its stored hash was recomputed to match', async () => {
    const r = await h.subject('Case 6');
    await h.checkpoint();
    const comment = await db().selectFrom('record_comments').selectAll().where('record_id', '=', r.id).where('visibility', '=', 'public').executeTakeFirstOrThrow();
    await sql`update record_comments set body = 'Case 6: nothing was promised' where id = ${comment.id}`.execute(db());
    expect(await h.oldVerifyFindings(r)).toEqual([]);
    let report = await h.verify();
    expect(codes(report, r)).toEqual(['comment-altered', 'comment-altered']);
    expect(about(report, r).map((p) => p.detail).join('\n')).toContain('no longer matches the hash stored when it was written');

    const forged = commentContentHash({ commentId: comment.id, recordType: comment.record_type, recordId: r.id, visibility: comment.visibility, body: 'Case 6: nothing was promised', authorId: comment.author_id, createdAt: comment.created_at });
    await sql`update record_comments set content_hash = ${forged} where id = ${comment.id}`.execute(db());
    report = await h.verify();
    const details = about(report, r).map((p) => p.detail);
    expect(details).toContain(`a comment on ${r.reference} (${comment.id}) says something other than it did at checkpoint ${report.checkpoint!.seq}`);
    expect(details.join('\n')).toContain('differs from what its history event says');
  });

  it('finds an attachment whose stored bytes were replaced', async () => {
    const r = await h.subject('Case 7');
    await h.attach(r, 'Case 7: the signed test report');
    await h.checkpoint();
    const file = await db().selectFrom('record_attachments').select('sha256').where('record_id', '=', r.id).executeTakeFirstOrThrow();
    await db().updateTable('attachment_blobs').set({ content: Buffer.from('Case 7: a different report') }).where('sha256', '=', file.sha256).execute();
    expect(await h.oldVerifyFindings(r)).toEqual([]);
    const report = await h.verify();
    expect(codes(report, r)).toEqual(['attachment-altered']);
    expect(about(report, r)[0]!.detail).toContain(`the stored bytes of an attachment of ${r.reference}`);
  });

  it('checks records made after the latest checkpoint by their own chain, and says how many there were', async () => {
    const before = await h.verify();
    const r = await h.subject('Newer than the checkpoint');
    const after = await h.verify();
    expect(after.newerThanCheckpoint).toBe(before.newerThanCheckpoint + 1);
    expect(codes(after, r)).toEqual([]);
    await sql`update history_events set data = ${writeJson({ changes: [] })} where record_id = ${r.id} and seq = 3`.execute(db());
    expect(codes(await h.verify(), r)).toContain('hash-mismatch');
  });

  it('does not anchor a tampered change at the next checkpoint, so the finding stays', async () => {
    const r = await h.subject('Laundering');
    await h.checkpoint();
    await sql`update history_events set actor_id = null where record_id = ${r.id} and seq = 2`.execute(db());
    await h.rechain(r.id);
    const next = await h.checkpoint();
    expect(next.withheld.filter((w) => w.recordId === r.id).map((w) => w.reason)).toEqual(['its chain head differs from the anchored one at event 5']);
    expect(codes(await h.verify(), r)).toEqual(['chain-rewritten']);
  });
});

describe.each(storeNames())('the checkpoint chain on %s', (store) => {
  let t: TestApp;
  let manager: SignedIn;
  beforeAll(async () => {
    t = await startTestApp(store);
    manager = await t.user(['sms-manager']);
  });
  afterAll(async () => t?.close());
  const h = harness(() => ({ t, manager }));
  const db = () => t.certus.database.db;

  // PostgreSQL: two connection pools, as two server processes have. SQLite: one process's
  // connection (better-sqlite3 waits for a lock synchronously, so a second connection in the same
  // process would wait on itself); other processes are held off by SQLite's write lock.
  it('makes concurrent checkpoints without forking the chain', async () => {
    await h.subject('Concurrent checkpoints');
    const second = store === 'postgres' ? createDatabase(t.store.config) : t.certus.database;
    try {
      const made = await Promise.all([0, 1, 2, 3].map((i) => makeCheckpoint(i % 2 ? second : t.certus.database, t.certus.assembly.registry)));
      expect(made.map((m) => m.checkpoint.seq).sort()).toEqual([1, 2, 3, 4]);
    } finally {
      if (second !== t.certus.database) await second.close();
    }
    const report = await h.verify();
    expect(report.problems).toEqual([]);
    expect(report.checkpoints).toBe(4);
    expect(report.checkpoint).toMatchObject({ seq: 4, records: report.records, events: report.events });
  });

  it('finds a checkpoint edited, re-hashed, or deleted', async () => {
    await sql`update integrity_checkpoints set events = events - 1 where seq = 2`.execute(db());
    expect((await h.verify()).problems.map((p) => `${p.seq}:${p.problem}`)).toEqual(['2:checkpoint-altered']);
    const row = await db().selectFrom('integrity_checkpoints').selectAll().where('seq', '=', 2).executeTakeFirstOrThrow();
    const { checkpointHash } = await import('../../src/kernel/integrity/integrity-commitment.js');
    const rehashed = checkpointHash({ seq: 2, at: row.at, records: row.records, events: row.events, comments: row.comments, attachments: row.attachments, root: row.root, prevHash: row.prev_hash });
    await sql`update integrity_checkpoints set hash = ${rehashed} where seq = 2`.execute(db());
    expect((await h.verify()).problems.map((p) => `${p.seq}:${p.problem}`)).toEqual(['3:checkpoint-chain-broken']);
    await sql`delete from integrity_checkpoints where seq = 3`.execute(db());
    expect((await h.verify()).problems.map((p) => `${p.seq}:${p.problem}`)).toEqual(['4:checkpoint-missing', '4:checkpoint-chain-broken']);
  });

  it('finds anchors edited to agree with a rewritten chain', async () => {
    await sql`delete from integrity_checkpoints`.execute(db());
    await sql`delete from integrity_anchors`.execute(db());
    const r = await h.subject('Anchor forgery');
    await h.checkpoint();
    await sql`update history_events set actor_id = null where record_id = ${r.id} and seq = 3`.execute(db());
    await h.rechain(r.id);
    const head = await db().selectFrom('history_heads').select('hash').where('record_id', '=', r.id).executeTakeFirstOrThrow();
    await sql`update integrity_anchors set hash = ${head.hash} where record_id = ${r.id} and kind = 'record'`.execute(db());
    let report = await h.verify();
    expect(report.problems.map((p) => p.problem)).toEqual(['anchors-altered']);
    expect(report.problems[0]!.detail).toContain('as many as it counted, so some were edited');
    // The next checkpoint refuses to commit to edited anchors, so the edit never becomes the truth.
    await expect(makeCheckpoint(t.certus.database, t.certus.assembly.registry)).rejects.toThrow('The stored anchors no longer match checkpoint');
    expect((await h.verify()).problems.map((p) => p.problem)).toEqual(['anchors-altered']);

    // Deleting a record together with its anchor still leaves the checkpoint's count behind.
    await sql`delete from history_events where record_id = ${r.id}`.execute(db());
    await sql`delete from history_heads where record_id = ${r.id}`.execute(db());
    await sql`delete from record_comments where record_id = ${r.id}`.execute(db());
    await sql`delete from improvements where id = ${r.id}`.execute(db());
    await sql`delete from integrity_anchors where record_id = ${r.id}`.execute(db());
    report = await h.verify();
    expect(report.problems.map((p) => p.problem)).toEqual(['anchors-altered']);
    expect(report.problems[0]!.detail).toContain(`${report.checkpoint!.records - 1} records, ${report.checkpoint!.comments - 2} comments`);
  });

  it('catches a rewrite of the whole database, checkpoints included, against an exported checkpoint hash', async () => {
    await sql`delete from integrity_checkpoints`.execute(db());
    await sql`delete from integrity_anchors`.execute(db());
    const r = await h.subject('Whole rewrite');
    const exported = (await h.checkpoint()).checkpoint;
    expect((await h.verify({ seq: exported.seq, hash: exported.hash })).problems).toEqual([]);

    // The forger rewrites a record, then throws the checkpoints away and makes a new chain.
    await sql`update history_events set actor_id = null where record_id = ${r.id} and seq = 2`.execute(db());
    await h.rechain(r.id);
    await sql`delete from integrity_checkpoints`.execute(db());
    await sql`delete from integrity_anchors`.execute(db());
    await h.checkpoint();
    expect((await h.verify()).problems).toEqual([]);
    const againstCopy = await h.verify({ seq: exported.seq, hash: exported.hash });
    expect(againstCopy.problems.map((p) => p.problem)).toEqual(['checkpoint-mismatch']);
    expect(againstCopy.problems[0]!.detail).toContain(`not the exported ${exported.hash}: the database was rewritten`);
    expect((await h.verify({ seq: null, hash: exported.hash })).problems.map((p) => p.problem)).toEqual(['checkpoint-not-found']);
  });
});
