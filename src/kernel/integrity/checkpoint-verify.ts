import type { Executor } from '../../platform/db/database.js';
import { anchorsRoot, checkpointHash, genesisCheckpointHash, type Anchor } from './integrity-commitment.js';
import type { IntegrityCheckpointTable } from './integrity.tables.js';
import { recordName, type IntegrityProblem } from './integrity-problem.js';
import type { CurrentState } from './integrity-snapshot.js';

/** A checkpoint kept outside the database (`certus checkpoint export`): its hash, and its number if known. */
export interface ExpectedCheckpoint {
  seq: number | null;
  hash: string;
}

const pageSize = 1000;

function chainProblem(row: IntegrityCheckpointTable, problem: string, detail: string): IntegrityProblem {
  return { recordType: null, recordId: null, reference: null, seq: row.seq, problem, detail };
}

/**
 * Walks the checkpoint chain: numbered without a gap, each hash recomputing from its content and
 * each pointing at the one before. Returns the latest checkpoint, which the anchors must match.
 */
export async function verifyCheckpointChain(db: Executor, expected?: ExpectedCheckpoint): Promise<{ latest: IntegrityCheckpointTable | null; count: number; problems: IntegrityProblem[] }> {
  const problems: IntegrityProblem[] = [];
  let previous: IntegrityCheckpointTable | null = null;
  let count = 0;
  let found: IntegrityCheckpointTable | null = null;
  for (;;) {
    const rows: IntegrityCheckpointTable[] = await db.selectFrom('integrity_checkpoints').selectAll().where('seq', '>', previous?.seq ?? 0).orderBy('seq').limit(pageSize).execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      count += 1;
      const expectedSeq = (previous?.seq ?? 0) + 1;
      if (row.seq !== expectedSeq) problems.push(chainProblem(row, 'checkpoint-missing', `checkpoint ${row.seq} follows checkpoint ${previous?.seq ?? 'none'}: ${row.seq - expectedSeq} checkpoint(s) were deleted`));
      if (row.prev_hash !== (previous?.hash ?? genesisCheckpointHash)) problems.push(chainProblem(row, 'checkpoint-chain-broken', `checkpoint ${row.seq} does not point at the hash of the checkpoint before it`));
      const recomputed = checkpointHash({ seq: row.seq, at: row.at, records: row.records, events: row.events, comments: row.comments, attachments: row.attachments, root: row.root, prevHash: row.prev_hash });
      if (recomputed !== row.hash) problems.push(chainProblem(row, 'checkpoint-altered', `checkpoint ${row.seq} was altered after it was made`));
      if (expected && (expected.seq === null ? row.hash === expected.hash : row.seq === expected.seq)) found = row;
      previous = row;
    }
  }
  if (expected) {
    const which = expected.seq === null ? `with the hash ${expected.hash}` : `${expected.seq}`;
    if (!found) {
      problems.push({ recordType: null, recordId: null, reference: null, seq: expected.seq, problem: 'checkpoint-not-found', detail: `the database holds no checkpoint ${which} (its latest is ${previous?.seq ?? 'none'}): the checkpoints were rewritten or removed` });
    } else if (found.hash !== expected.hash) {
      problems.push({ recordType: null, recordId: null, reference: null, seq: found.seq, problem: 'checkpoint-mismatch', detail: `checkpoint ${found.seq} in the database has the hash ${found.hash}, not the exported ${expected.hash}: the database was rewritten` });
    }
  }
  return { latest: previous, count, problems };
}

function about(anchor: Anchor, seq: number | null, problem: string, detail: string): IntegrityProblem {
  return { recordType: anchor.recordType, recordId: anchor.recordId, reference: anchor.reference, seq, problem, detail };
}

/**
 * Checks what the database holds now against the latest checkpoint: the stored anchors must give
 * its root; each anchored record must still be there with a chain that has at least as many
 * events and still passes through the anchored head (`eventHashes`: the hash at each anchored
 * `recordId:seq` now, gathered while the chains were walked); each anchored comment and attachment must
 * still be there and say the same. Records newer than the checkpoint are counted, not judged.
 */
export async function verifyAgainstCheckpoint(db: Executor, latest: IntegrityCheckpointTable, anchors: Map<string, Anchor>, current: CurrentState, eventHashes: Map<string, string>): Promise<{ newerRecords: number; problems: IntegrityProblem[] }> {
  const problems: IntegrityProblem[] = [];
  if (anchorsRoot(anchors.values()) !== latest.root) {
    const stored = { record: 0, comment: 0, attachment: 0 };
    for (const anchor of anchors.values()) stored[anchor.kind] += 1;
    const counted = stored.record === latest.records && stored.comment === latest.comments && stored.attachment === latest.attachments
      ? 'as many as it counted, so some were edited'
      : `${stored.record} records, ${stored.comment} comments and ${stored.attachment} attachments where it counted ${latest.records}, ${latest.comments} and ${latest.attachments}`;
    problems.push({ recordType: null, recordId: null, reference: null, seq: latest.seq, problem: 'anchors-altered', detail: `the stored anchors no longer give checkpoint ${latest.seq}'s root: ${counted}` });
  }
  const cp = `checkpoint ${latest.seq}`;
  const stillThere: Anchor[] = [];
  const gone: Anchor[] = [];
  for (const [key, anchor] of anchors) {
    if (anchor.kind === 'record') {
      const head = current.records.get(key);
      if (!head) { gone.push(anchor); continue; }
      const name = recordName(anchor);
      if (anchor.reference !== null && head.reference !== anchor.reference) {
        problems.push(about(anchor, null, 'reference-changed', `${name} is now called ${head.reference ?? 'nothing'} (${cp})`));
      }
      if (head.seq! < anchor.seq!) {
        problems.push(about(anchor, head.seq, 'head-rolled-back', `${name}'s chain has ${head.seq} events but ${cp} recorded ${anchor.seq}: events were deleted and the chain made to end earlier`));
      } else {
        stillThere.push(anchor);
      }
    } else if (anchor.kind === 'comment') {
      const comment = current.comments.get(key);
      if (!comment) problems.push(about(anchor, null, 'comment-deleted', `a comment on ${recordName(anchor)} in ${cp} (${anchor.itemId}) was deleted`));
      else if (comment.anchor.hash !== anchor.hash) problems.push(about(anchor, null, 'comment-altered', `a comment on ${recordName(anchor)} (${anchor.itemId}) says something other than it did at ${cp}`));
    } else {
      const attachment = current.attachments.get(key);
      if (!attachment) problems.push(about(anchor, null, 'attachment-deleted', `an attachment of ${recordName(anchor)} in ${cp} (${anchor.itemId}) was deleted`));
      else if (attachment.hash !== anchor.hash) problems.push(about(anchor, null, 'attachment-altered', `an attachment of ${recordName(anchor)} (${anchor.itemId}) names other content than at ${cp}`));
    }
  }
  for (const anchor of stillThere) {
    if (eventHashes.get(`${anchor.recordId}:${anchor.seq}`) !== anchor.hash) {
      problems.push(about(anchor, anchor.seq, 'chain-rewritten', `${recordName(anchor)}'s event ${anchor.seq} is not the one ${cp} recorded: its history was rewritten and re-chained`));
    }
  }
  for (const anchor of gone) {
    const events = Number((await db.selectFrom('history_events').select((eb) => eb.fn.countAll().as('n')).where('record_id', '=', anchor.recordId).executeTakeFirstOrThrow()).n);
    const missing = [...(current.references.has(anchor.recordId) || anchor.reference === null ? [] : ['row']), ...(events === 0 ? ['events'] : []), 'head'];
    problems.push(about(anchor, null, 'record-deleted', `${recordName(anchor)} was in ${cp} with ${anchor.seq} events; its ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} gone`));
  }
  let newerRecords = 0;
  for (const key of current.records.keys()) if (!anchors.has(key)) newerRecords += 1;
  return { newerRecords, problems };
}
