import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { Kysely } from 'kysely';
import type { ModuleMigration } from '../../platform/db/migrator.js';

interface CommentRow { id: string; record_type: string; record_id: string; visibility: string; body: string; author_id: string; created_at: number | string }

/** Frozen copy of the comment content hash as it was defined on 3 December 2026. */
function contentHashV1(r: CommentRow): string {
  const text = canonicalize({ commentId: r.id, recordType: r.record_type, recordId: r.record_id, visibility: r.visibility, body: r.body, authorId: r.author_id, createdAt: Number(r.created_at) })!;
  return createHash('sha256').update(text).digest('hex');
}

async function hashExistingComments(db: Kysely<unknown>): Promise<void> {
  const comments = db as unknown as Kysely<{ record_comments: CommentRow & { content_hash: string | null } }>;
  let after = '';
  for (;;) {
    const rows = await comments.selectFrom('record_comments').select(['id', 'record_type', 'record_id', 'visibility', 'body', 'author_id', 'created_at'])
      .where('id', '>', after).orderBy('id').limit(500).execute();
    if (rows.length === 0) return;
    for (const row of rows) await comments.updateTable('record_comments').set({ content_hash: contentHashV1(row) }).where('id', '=', row.id).execute();
    after = rows[rows.length - 1]!.id;
  }
}

/**
 * Checkpoints anchor every record's chain head, every comment and every attachment into one
 * chain of checkpoints; comments gain the content hash those anchors commit to.
 */
export const kernelCheckpointsMigration: ModuleMigration = {
  name: '20261203T1231-kernel-checkpoints',
  async up(db, t) {
    await db.schema.alterTable('record_comments').addColumn('content_hash', t.text).execute();
    await hashExistingComments(db);
    await db.schema.createTable('integrity_checkpoints')
      .addColumn('seq', t.integer, (c) => c.primaryKey())
      .addColumn('at', t.instant, (c) => c.notNull())
      .addColumn('records', t.integer, (c) => c.notNull())
      .addColumn('events', t.bigint, (c) => c.notNull())
      .addColumn('comments', t.integer, (c) => c.notNull())
      .addColumn('attachments', t.integer, (c) => c.notNull())
      .addColumn('root', t.text, (c) => c.notNull())
      .addColumn('prev_hash', t.text, (c) => c.notNull().unique())
      .addColumn('hash', t.text, (c) => c.notNull())
      .execute();
    await db.schema.createTable('integrity_anchors')
      .addColumn('anchor_key', t.text, (c) => c.primaryKey())
      .addColumn('kind', t.text, (c) => c.notNull())
      .addColumn('item_id', t.id, (c) => c.notNull())
      .addColumn('record_type', t.text, (c) => c.notNull())
      .addColumn('record_id', t.id, (c) => c.notNull())
      .addColumn('reference', t.text)
      .addColumn('seq', t.integer)
      .addColumn('hash', t.text, (c) => c.notNull())
      .addColumn('checkpoint_seq', t.integer, (c) => c.notNull())
      .execute();
  },
};
