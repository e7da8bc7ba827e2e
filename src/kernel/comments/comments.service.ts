import type { Executor, Trx } from '../../platform/db/database.js';
import type { Principal } from '../../platform/auth/principal.js';
import { appendHistory } from '../history/history.service.js';
import { newId } from '../../platform/db/ids.js';
import { commentContentHash } from '../integrity/integrity-commitment.js';

export type CommentVisibility = 'internal' | 'public';

export interface CommentView {
  id: string;
  visibility: CommentVisibility;
  body: string;
  authorId: string;
  authorName: string;
  createdAt: string;
}

/** Work notes (internal) and updates the requester can see (public); both join the history. */
export async function addComment(trx: Trx, recordType: string, recordId: string, principal: Principal, visibility: CommentVisibility, body: string, now = Date.now()): Promise<CommentView> {
  const id = newId();
  const contentHash = commentContentHash({ commentId: id, recordType, recordId, visibility, body, authorId: principal.userId, createdAt: now });
  await trx.insertInto('record_comments').values({ id, record_type: recordType, record_id: recordId, visibility, body, author_id: principal.userId, created_at: now, content_hash: contentHash }).execute();
  await appendHistory(trx, { recordType, recordId, kind: 'commented', actorId: principal.userId, at: now, data: { commentId: id, visibility, body } });
  return { id, visibility, body, authorId: principal.userId, authorName: principal.displayName, createdAt: new Date(now).toISOString() };
}

export async function listComments(db: Executor, recordId: string, includeInternal: boolean): Promise<CommentView[]> {
  let query = db.selectFrom('record_comments').innerJoin('users', 'users.id', 'record_comments.author_id')
    .select(['record_comments.id', 'visibility', 'body', 'author_id', 'users.display_name', 'record_comments.created_at'])
    .where('record_id', '=', recordId);
  if (!includeInternal) query = query.where('visibility', '=', 'public');
  const rows = await query.orderBy('record_comments.created_at').orderBy('record_comments.id').execute();
  return rows.map((r) => ({ id: r.id, visibility: r.visibility as CommentVisibility, body: r.body, authorId: r.author_id, authorName: r.display_name, createdAt: new Date(r.created_at).toISOString() }));
}
