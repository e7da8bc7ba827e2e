import type { Executor } from '../../platform/db/database.js';
import { readJson } from '../../platform/db/columns.js';
import { genesisHash, hashEvent } from '../history/history-hash.js';

/** A record's chain as last anchored (seq 0: never) and its head now. */
export interface ChainStretch {
  recordId: string;
  fromSeq: number;
  fromHash: string;
  headSeq: number;
  headHash: string;
}

const batchSize = 200;

/**
 * The records whose chain does not run, event by event, from the anchored head to the current
 * one: each event recomputes to its hash and points at the one before. A checkpoint anchors only
 * chains that extend what it anchored before, so it never launders a rewrite into the evidence.
 */
export async function brokenStretches(db: Executor, stretches: ChainStretch[]): Promise<Set<string>> {
  const broken = new Set<string>();
  for (let i = 0; i < stretches.length; i += batchSize) {
    const batch = stretches.slice(i, i + batchSize);
    // New chains are read whole (one IN list); moved ones only from their anchored event on.
    const whole = batch.filter((s) => s.fromSeq === 0).map((s) => s.recordId);
    const moved = batch.filter((s) => s.fromSeq > 0);
    const rows = await db.selectFrom('history_events').selectAll()
      .where((eb) => eb.or([
        ...(whole.length ? [eb('record_id', 'in', whole)] : []),
        ...moved.map((s) => eb.and([eb('record_id', '=', s.recordId), eb('seq', '>=', s.fromSeq)])),
      ]))
      .orderBy('record_id').orderBy('seq').execute();
    const byRecord = new Map<string, typeof rows>();
    for (const row of rows) {
      const list = byRecord.get(row.record_id) ?? [];
      list.push(row);
      byRecord.set(row.record_id, list);
    }
    for (const s of batch) {
      let seq = s.fromSeq;
      let hash = s.fromSeq === 0 ? genesisHash : s.fromHash;
      const events = byRecord.get(s.recordId) ?? [];
      // The anchored event itself must still be there, not only something pointing at its hash.
      let ok = s.fromSeq === 0 || events[0]?.seq === s.fromSeq;
      for (const row of ok ? events : []) {
        const recomputed = hashEvent({ recordType: row.record_type, recordId: row.record_id, seq: row.seq, kind: row.kind, actorId: row.actor_id, at: row.at, data: readJson(row.data), prevHash: row.prev_hash });
        if (recomputed !== row.hash) { ok = false; break; }
        if (row.seq === s.fromSeq) {
          if (row.hash !== s.fromHash) { ok = false; break; }
          continue;
        }
        if (row.seq !== seq + 1 || row.prev_hash !== hash) { ok = false; break; }
        seq = row.seq;
        hash = row.hash;
      }
      if (!ok || seq !== s.headSeq || hash !== s.headHash) broken.add(s.recordId);
    }
  }
  return broken;
}
