import type { Executor } from '../../platform/db/database.js';
import { recordTables } from '../records/record-row.js';
import type { RecordTypeRegistry } from '../records/record-registry.js';
import { anchorKey, commentContentHash, type Anchor } from './integrity-commitment.js';

export interface CurrentComment {
  anchor: Anchor;
  /** The hash stored with the comment when it was written (null before it was hashed). */
  storedHash: string | null;
  body: string;
  visibility: string;
}

/** What the database holds now, as the anchors a checkpoint would commit to. */
export interface CurrentState {
  /** Every registered record's reference by id, whether or not it has a history. */
  references: Map<string, string>;
  records: Map<string, Anchor>;
  comments: Map<string, CurrentComment>;
  attachments: Map<string, Anchor>;
}

const pageSize = 2000;

/** Every registered record's reference by id: how the people reading a report name records. */
export async function readReferences(db: Executor, registry: RecordTypeRegistry): Promise<Map<string, string>> {
  const references = new Map<string, string>();
  for (const def of registry.all()) {
    let after = '';
    for (;;) {
      const rows = await recordTables(db).selectFrom(def.table).select(['id', 'reference']).where('id', '>', after).orderBy('id').limit(pageSize).execute();
      if (rows.length === 0) break;
      for (const row of rows) references.set(row.id, row.reference);
      after = rows[rows.length - 1]!.id;
    }
  }
  return references;
}

/**
 * Reads every chain head, comment and attachment. A comment's anchor carries the hash of what
 * it says now, recomputed, not the stored one, so an edited body never gets anchored unseen.
 */
export async function readCurrentState(db: Executor, registry: RecordTypeRegistry): Promise<CurrentState> {
  const references = await readReferences(db, registry);
  const state: CurrentState = { references, records: new Map(), comments: new Map(), attachments: new Map() };
  let after = '';
  for (;;) {
    const heads = await db.selectFrom('history_heads').selectAll().where('record_id', '>', after).orderBy('record_id').limit(pageSize).execute();
    if (heads.length === 0) break;
    for (const h of heads) {
      const anchor: Anchor = { kind: 'record', itemId: h.record_id, recordType: h.record_type, recordId: h.record_id, reference: references.get(h.record_id) ?? null, seq: h.seq, hash: h.hash };
      state.records.set(anchorKey(anchor), anchor);
    }
    after = heads[heads.length - 1]!.record_id;
  }
  after = '';
  for (;;) {
    const comments = await db.selectFrom('record_comments').selectAll().where('id', '>', after).orderBy('id').limit(pageSize).execute();
    if (comments.length === 0) break;
    for (const c of comments) {
      const hash = commentContentHash({ commentId: c.id, recordType: c.record_type, recordId: c.record_id, visibility: c.visibility, body: c.body, authorId: c.author_id, createdAt: c.created_at });
      const anchor: Anchor = { kind: 'comment', itemId: c.id, recordType: c.record_type, recordId: c.record_id, reference: references.get(c.record_id) ?? null, seq: null, hash };
      state.comments.set(anchorKey(anchor), { anchor, storedHash: c.content_hash, body: c.body, visibility: c.visibility });
    }
    after = comments[comments.length - 1]!.id;
  }
  after = '';
  for (;;) {
    const attachments = await db.selectFrom('record_attachments').select(['id', 'record_type', 'record_id', 'sha256']).where('id', '>', after).orderBy('id').limit(pageSize).execute();
    if (attachments.length === 0) break;
    for (const a of attachments) {
      const anchor: Anchor = { kind: 'attachment', itemId: a.id, recordType: a.record_type, recordId: a.record_id, reference: references.get(a.record_id) ?? null, seq: null, hash: a.sha256 };
      state.attachments.set(anchorKey(anchor), anchor);
    }
    after = attachments[attachments.length - 1]!.id;
  }
  return state;
}

/** The anchors the latest checkpoint committed to, by key. */
export async function readAnchors(db: Executor): Promise<Map<string, Anchor>> {
  const anchors = new Map<string, Anchor>();
  let after = '';
  for (;;) {
    const rows = await db.selectFrom('integrity_anchors').selectAll().where('anchor_key', '>', after).orderBy('anchor_key').limit(pageSize).execute();
    if (rows.length === 0) return anchors;
    for (const r of rows) {
      anchors.set(r.anchor_key, { kind: r.kind as Anchor['kind'], itemId: r.item_id, recordType: r.record_type, recordId: r.record_id, reference: r.reference, seq: r.seq, hash: r.hash });
    }
    after = rows[rows.length - 1]!.anchor_key;
  }
}
