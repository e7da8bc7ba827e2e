import type { Executor } from '../../platform/db/database.js';
import { readJson } from '../../platform/db/columns.js';
import { genesisHash, hashEvent } from './history-hash.js';

export interface ChainProblem {
  recordType: string;
  recordId: string;
  seq: number | null;
  problem: 'hash-mismatch' | 'broken-link' | 'missing-event' | 'head-mismatch' | 'events-without-head';
  detail: string;
}

export interface VerifyReport {
  records: number;
  events: number;
  problems: ChainProblem[];
  /** The hash found at each watched (record, seq), keyed `recordId:seq`. */
  watched: Map<string, string>;
}

const pageSize = 2000;

/**
 * Re-walks every record's chain: each event's hash must match its content, point at its
 * predecessor, follow it without a gap, and the last one must be the recorded head. An edited
 * event breaks its own hash; a deleted one leaves a gap or a short chain; a rewritten chain
 * no longer meets its head. `watch` asks, on the way, for the hash at one seq of some records
 * (the checkpointed heads), so checking against a checkpoint needs no second pass.
 */
export async function verifyHistory(db: Executor, onProgress?: (done: number, total: number) => void, watch?: Map<string, number>): Promise<VerifyReport> {
  const watched = new Map<string, string>();
  const heads = new Map<string, { recordType: string; seq: number; hash: string }>();
  for (const h of await db.selectFrom('history_heads').selectAll().execute()) {
    heads.set(h.record_id, { recordType: h.record_type, seq: h.seq, hash: h.hash });
  }
  const total = Number((await db.selectFrom('history_events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const problems: ChainProblem[] = [];
  const seen = new Set<string>();
  let events = 0;
  let current: { recordId: string; recordType: string; seq: number; hash: string } | null = null;

  const closeChain = () => {
    if (!current) return;
    const head = heads.get(current.recordId);
    if (!head) {
      problems.push({ recordType: current.recordType, recordId: current.recordId, seq: null, problem: 'events-without-head', detail: 'the record has events but no chain head' });
    } else if (head.seq !== current.seq || head.hash !== current.hash) {
      problems.push({ recordType: current.recordType, recordId: current.recordId, seq: current.seq, problem: 'head-mismatch', detail: `the chain ends at event ${current.seq} but its head says ${head.seq}` });
    }
  };

  let after: { recordId: string; seq: number } | null = null;
  for (;;) {
    let query = db.selectFrom('history_events').selectAll().orderBy('record_id').orderBy('seq').limit(pageSize);
    if (after) {
      const { recordId, seq } = after;
      // A row-value comparison: both databases walk the (record_id, seq) index from there.
      query = query.where((eb) => eb(eb.refTuple('record_id', 'seq'), '>', eb.tuple(recordId, seq)));
    }
    const rows = await query.execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      events += 1;
      if (!current || current.recordId !== row.record_id) {
        closeChain();
        seen.add(row.record_id);
        current = { recordId: row.record_id, recordType: row.record_type, seq: 0, hash: genesisHash };
      }
      const at = { recordType: row.record_type, recordId: row.record_id, seq: row.seq };
      if (row.seq !== current.seq + 1) {
        problems.push({ ...at, problem: 'missing-event', detail: `event ${current.seq + 1} is missing before event ${row.seq}` });
      }
      if (row.prev_hash !== current.hash) {
        problems.push({ ...at, problem: 'broken-link', detail: `event ${row.seq} does not point at the hash of the event before it` });
      }
      const recomputed = hashEvent({
        recordType: row.record_type, recordId: row.record_id, seq: row.seq, kind: row.kind,
        actorId: row.actor_id, at: row.at, data: readJson(row.data), prevHash: row.prev_hash,
      });
      if (recomputed !== row.hash) {
        problems.push({ ...at, problem: 'hash-mismatch', detail: `event ${row.seq} (${row.kind}) was altered after it was written` });
      }
      if (watch?.get(row.record_id) === row.seq) watched.set(`${row.record_id}:${row.seq}`, row.hash);
      current = { ...current, seq: row.seq, hash: row.hash };
    }
    const last = rows[rows.length - 1]!;
    after = { recordId: last.record_id, seq: last.seq };
    onProgress?.(events, total);
  }
  closeChain();
  for (const [recordId, head] of heads) {
    if (!seen.has(recordId)) {
      problems.push({ recordType: head.recordType, recordId, seq: null, problem: 'missing-event', detail: `all ${head.seq} events of the record were deleted` });
    }
  }
  return { records: heads.size, events, problems, watched };
}
