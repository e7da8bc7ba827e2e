import { createHash } from 'node:crypto';
import type { Executor } from '../../platform/db/database.js';
import { readJson } from '../../platform/db/columns.js';
import { recordName, type IntegrityProblem } from './integrity-problem.js';
import type { CurrentState } from './integrity-snapshot.js';

const pageSize = 2000;

/** The comment and attachment events of every chain, by the comment's or attachment's id. */
async function contentEvents(db: Executor): Promise<{ comments: Map<string, { body?: string; visibility?: string }>; attachments: Map<string, { sha256?: string }> }> {
  const comments = new Map<string, { body?: string; visibility?: string }>();
  const attachments = new Map<string, { sha256?: string }>();
  let after = '';
  for (;;) {
    const rows = await db.selectFrom('history_events').select(['id', 'kind', 'data']).where('kind', 'in', ['commented', 'attached']).where('id', '>', after).orderBy('id').limit(pageSize).execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      const data = readJson<{ commentId?: string; attachmentId?: string; body?: string; visibility?: string; sha256?: string }>(row.data);
      if (row.kind === 'commented' && data.commentId) comments.set(data.commentId, data);
      if (row.kind === 'attached' && data.attachmentId) attachments.set(data.attachmentId, data);
    }
    after = rows[rows.length - 1]!.id;
  }
  return { comments, attachments };
}

/**
 * Checks every comment against the hash stored when it was written and against its history
 * event, every attachment against its history event, and every stored file's bytes against the
 * SHA-256 it is filed under: an edited comment or a replaced file is found without a checkpoint.
 */
export async function verifyContent(db: Executor, current: CurrentState): Promise<IntegrityProblem[]> {
  const problems: IntegrityProblem[] = [];
  const events = await contentEvents(db);
  for (const { anchor, storedHash, body, visibility } of current.comments.values()) {
    const reasons: string[] = [];
    if (storedHash !== anchor.hash) reasons.push(storedHash === null ? 'it has no stored content hash' : 'it no longer matches the hash stored when it was written');
    const event = events.comments.get(anchor.itemId);
    if (!event) reasons.push('no history event records it');
    else if (event.body !== body || event.visibility !== visibility) reasons.push('it differs from what its history event says');
    if (reasons.length) problems.push({ recordType: anchor.recordType, recordId: anchor.recordId, reference: anchor.reference, seq: null, problem: 'comment-altered', detail: `a comment on ${recordName(anchor)} (${anchor.itemId}) was edited: ${reasons.join('; ')}` });
  }
  const attachments = [...current.attachments.values()];
  const bySha = new Map<string, typeof attachments>();
  for (const attachment of attachments) {
    const same = bySha.get(attachment.hash);
    if (same) same.push(attachment);
    else bySha.set(attachment.hash, [attachment]);
    const event = events.attachments.get(attachment.itemId);
    if (event?.sha256 !== attachment.hash) {
      problems.push({ recordType: attachment.recordType, recordId: attachment.recordId, reference: attachment.reference, seq: null, problem: 'attachment-altered', detail: `an attachment of ${recordName(attachment)} (${attachment.itemId}) ${event ? 'names other content than its history event' : 'has no history event'}` });
    }
  }
  // Only the files attached to records, one at a time: they can be large (import uploads, kept
  // in the same table, are not evidence and are left alone).
  for (const sha256 of [...bySha.keys()].sort()) {
    const blob = await db.selectFrom('attachment_blobs').select('content').where('sha256', '=', sha256).executeTakeFirst();
    const actual = blob ? createHash('sha256').update(blob.content).digest('hex') : null;
    if (actual === sha256) continue;
    for (const attachment of bySha.get(sha256) ?? []) {
      const what = actual === null ? 'are missing' : `were replaced: they no longer hash to ${sha256.slice(0, 12)}…`;
      problems.push({ recordType: attachment.recordType, recordId: attachment.recordId, reference: attachment.reference, seq: null, problem: 'attachment-altered', detail: `the stored bytes of an attachment of ${recordName(attachment)} (${attachment.itemId}) ${what}` });
    }
  }
  return problems;
}
