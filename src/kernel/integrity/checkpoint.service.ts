import { sql } from 'kysely';
import type { Database, Executor, Trx } from '../../platform/db/database.js';
import { queueEmail } from '../../platform/notify/mailer.js';
import { AppError } from '../../platform/http/app-error.js';
import { genesisHash } from '../history/history-hash.js';
import type { RecordTypeRegistry } from '../records/record-registry.js';
import { brokenStretches, type ChainStretch } from './chain-extension.js';
import { anchorKey, anchorsRoot, checkpointHash, genesisCheckpointHash, type Anchor, type CheckpointContent } from './integrity-commitment.js';
import type { IntegrityCheckpointTable } from './integrity.tables.js';
import { readAnchors, readCurrentState } from './integrity-snapshot.js';

export interface CheckpointView {
  seq: number;
  at: string;
  records: number;
  events: number;
  comments: number;
  attachments: number;
  root: string;
  prevHash: string;
  hash: string;
}

/** Something that changed since the last checkpoint in a way history cannot explain: not anchored. */
export interface WithheldItem {
  kind: Anchor['kind'];
  itemId: string;
  recordType: string;
  recordId: string;
  reference: string | null;
  reason: string;
}

export interface CheckpointOutcome {
  checkpoint: CheckpointView;
  /** False when nothing had changed and the caller asked for a checkpoint only on change. */
  created: boolean;
  withheld: WithheldItem[];
}

export interface CheckpointOptions {
  now?: number;
  onlyIfChanged?: boolean;
  /** Where to e-mail the new checkpoint's hash, so a copy is kept outside the database. */
  notifyEmail?: string | null;
}

export function checkpointView(row: IntegrityCheckpointTable): CheckpointView {
  return { seq: row.seq, at: new Date(row.at).toISOString(), records: row.records, events: row.events, comments: row.comments, attachments: row.attachments, root: row.root, prevHash: row.prev_hash, hash: row.hash };
}

export async function latestCheckpoint(db: Executor): Promise<CheckpointView | null> {
  const row = await db.selectFrom('integrity_checkpoints').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row ? checkpointView(row) : null;
}

const lockName = '.certus-integrity-checkpoint';

/**
 * Runs the checkpoint writer alone and on one consistent snapshot. On PostgreSQL an advisory lock
 * (per schema) is taken before a REPEATABLE READ transaction starts, so the second of two
 * concurrent writers sees the first one's checkpoint; record writers never take it. On SQLite a
 * first no-op write takes the write lock before anything is read. Either way the unique sequence
 * number and predecessor hash make a fork impossible even for a writer that skipped the lock.
 */
async function exclusively<T>(database: Database, work: (trx: Trx) => Promise<T>): Promise<T> {
  if (database.dialect === 'postgres') {
    return database.db.connection().execute(async (connection) => {
      await sql`select pg_advisory_lock(hashtext(current_schema() || ${lockName}))`.execute(connection);
      try {
        return await connection.transaction().setIsolationLevel('repeatable read').execute(work);
      } finally {
        await sql`select pg_advisory_unlock(hashtext(current_schema() || ${lockName}))`.execute(connection);
      }
    });
  }
  return database.db.transaction().execute(async (trx) => {
    await sql`update integrity_checkpoints set seq = seq where seq < 0`.execute(trx);
    return work(trx);
  });
}

function withhold(anchor: Anchor, reason: string): WithheldItem {
  return { kind: anchor.kind, itemId: anchor.itemId, recordType: anchor.recordType, recordId: anchor.recordId, reference: anchor.reference, reason };
}

/**
 * The anchors the next checkpoint commits to: the last ones, moved on only where history allows.
 * The stored anchors must be the ones the latest checkpoint committed to: edited anchors would
 * otherwise become the next checkpoint's truth, and the edit would vanish from every later verify.
 */
async function nextAnchors(trx: Trx, registry: RecordTypeRegistry, latest: { seq: number; root: string } | undefined): Promise<{ next: Map<string, Anchor>; changed: Anchor[]; withheld: WithheldItem[] }> {
  const anchors = await readAnchors(trx);
  if (latest && anchorsRoot(anchors.values()) !== latest.root) {
    throw new AppError('conflict', `The stored anchors no longer match checkpoint ${latest.seq}: they were edited. No checkpoint was made; run certus verify and restore the database from a backup.`);
  }
  const current = await readCurrentState(trx, registry);
  const next = new Map(anchors);
  const changed: Anchor[] = [];
  const withheld: WithheldItem[] = [];

  const stretches: ChainStretch[] = [];
  const candidates = new Map<string, Anchor>();
  for (const [key, head] of current.records) {
    const old = anchors.get(key);
    if (old && old.seq === head.seq && old.hash === head.hash) {
      // A record type registered after its history began gains its reference; nothing else moves.
      if (old.reference === null && head.reference !== null) { next.set(key, head); changed.push(head); }
      if (old.reference === null || old.reference === head.reference) continue;
    }
    if (old && old.reference !== null && old.reference !== head.reference) {
      withheld.push(withhold(old, `its reference changed from ${old.reference} to ${head.reference ?? 'nothing'}`));
      continue;
    }
    if (old && head.seq! <= old.seq!) {
      withheld.push(withhold(old, head.seq! < old.seq! ? `its chain has ${head.seq} events, fewer than the ${old.seq} anchored` : `its chain head differs from the anchored one at event ${old.seq}`));
      continue;
    }
    stretches.push({ recordId: head.recordId, fromSeq: old?.seq ?? 0, fromHash: old?.hash ?? genesisHash, headSeq: head.seq!, headHash: head.hash });
    candidates.set(key, head);
  }
  const broken = await brokenStretches(trx, stretches);
  for (const [key, head] of candidates) {
    if (!broken.has(head.recordId)) { next.set(key, head); changed.push(head); continue; }
    withheld.push(withhold(head, anchors.has(key) ? 'its chain no longer runs from the anchored head to the current one' : 'its chain does not verify'));
  }

  for (const [key, { anchor, storedHash }] of current.comments) {
    const old = anchors.get(key);
    if (old) {
      if (old.hash !== anchor.hash) withheld.push(withhold(old, 'its content differs from the anchored content'));
    } else if (storedHash !== anchor.hash) {
      withheld.push(withhold(anchor, 'its content does not match the hash stored when it was written'));
    } else {
      next.set(key, anchor);
      changed.push(anchor);
    }
  }
  for (const [key, attachment] of current.attachments) {
    const old = anchors.get(key);
    if (old) {
      if (old.hash !== attachment.hash) withheld.push(withhold(old, 'it names other content than the anchored one'));
    } else {
      next.set(key, attachment);
      changed.push(attachment);
    }
  }
  // An anchor whose item is gone is kept, so the deletion stays visible to every later verify.
  for (const [key, old] of anchors) {
    if (!current.records.has(key) && !current.comments.has(key) && !current.attachments.has(key)) withheld.push(withhold(old, 'it has been deleted'));
  }
  return { next, changed, withheld };
}

async function writeAnchors(trx: Trx, anchors: Anchor[], checkpointSeq: number): Promise<void> {
  for (let i = 0; i < anchors.length; i += 100) {
    const rows = anchors.slice(i, i + 100).map((a) => ({ anchor_key: anchorKey(a), kind: a.kind, item_id: a.itemId, record_type: a.recordType, record_id: a.recordId, reference: a.reference, seq: a.seq, hash: a.hash, checkpoint_seq: checkpointSeq }));
    await trx.insertInto('integrity_anchors').values(rows)
      .onConflict((oc) => oc.column('anchor_key').doUpdateSet((eb) => ({ reference: eb.ref('excluded.reference'), seq: eb.ref('excluded.seq'), hash: eb.ref('excluded.hash'), checkpoint_seq: eb.ref('excluded.checkpoint_seq') })))
      .execute();
  }
}

/**
 * Makes a checkpoint: commits, in one Merkle root, to every record's chain head, every comment's
 * content hash and every attachment's SHA-256, chained to the checkpoint before. Run by the
 * periodic job and on demand (CLI, API); record writers never wait for it.
 */
export async function makeCheckpoint(database: Database, registry: RecordTypeRegistry, options: CheckpointOptions = {}): Promise<CheckpointOutcome> {
  const now = options.now ?? Date.now();
  return exclusively(database, async (trx) => {
    const latest = await trx.selectFrom('integrity_checkpoints').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirst();
    const { next, changed, withheld } = await nextAnchors(trx, registry, latest);
    const all = [...next.values()];
    const root = anchorsRoot(all);
    if (options.onlyIfChanged && latest && latest.root === root) return { checkpoint: checkpointView(latest), created: false, withheld };
    const records = all.filter((a) => a.kind === 'record');
    const content: CheckpointContent = {
      seq: (latest?.seq ?? 0) + 1, at: now, records: records.length, events: records.reduce((sum, a) => sum + (a.seq ?? 0), 0),
      comments: all.filter((a) => a.kind === 'comment').length, attachments: all.filter((a) => a.kind === 'attachment').length,
      root, prevHash: latest?.hash ?? genesisCheckpointHash,
    };
    const row: IntegrityCheckpointTable = { seq: content.seq, at: content.at, records: content.records, events: content.events, comments: content.comments, attachments: content.attachments, root, prev_hash: content.prevHash, hash: checkpointHash(content) };
    await trx.insertInto('integrity_checkpoints').values(row).execute();
    await writeAnchors(trx, changed, row.seq);
    if (options.notifyEmail) {
      await queueEmail(trx, {
        to: [options.notifyEmail],
        subject: `Certus integrity checkpoint ${row.seq}`,
        text: [`Checkpoint ${row.seq} made at ${new Date(row.at).toISOString()}.`, `Hash: ${row.hash}`, `Records: ${row.records} (${row.events} events), comments: ${row.comments}, attachments: ${row.attachments}.`,
          '', 'Keep this message: `certus verify --expect-checkpoint ' + `${row.seq}:${row.hash}` + '` proves the database still holds this checkpoint.'].join('\n'),
      }, `integrity-checkpoint:${row.hash}`, now);
    }
    return { checkpoint: checkpointView(row), created: true, withheld };
  });
}
