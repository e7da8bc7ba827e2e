import { sql } from 'kysely';
import type { Executor, Trx } from '../../platform/db/database.js';
import { readJson, writeJson } from '../../platform/db/columns.js';
import { newId } from '../../platform/db/ids.js';
import { genesisHash, hashEvent } from './history-hash.js';

export type HistoryKind =
  | 'created' | 'updated' | 'transitioned' | 'commented'
  | 'linked' | 'unlinked' | 'attached' | 'detached';

export interface HistoryEntry {
  id: string;
  seq: number;
  kind: HistoryKind;
  actorId: string | null;
  at: number;
  data: Record<string, unknown>;
  hash: string;
}

export interface NewHistoryEvent {
  recordType: string;
  recordId: string;
  kind: HistoryKind;
  actorId: string | null;
  at: number;
  data: Record<string, unknown>;
}

/**
 * Appends an event to a record's chain inside the caller's transaction. The head row is bumped
 * first with UPDATE … RETURNING, which row-locks it on PostgreSQL, so two writers to the same
 * record serialise instead of forking the chain.
 */
export async function appendHistory(trx: Trx, event: NewHistoryEvent, options: { first?: boolean } = {}): Promise<HistoryEntry> {
  // A record created in this transaction has no head yet: no need to look for one.
  const bumped = options.first ? undefined : await trx.updateTable('history_heads')
    .set({ seq: sql`seq + 1` })
    .where('record_id', '=', event.recordId)
    .returning(['seq', 'hash'])
    .executeTakeFirst();
  const seq = bumped?.seq ?? 1;
  const prevHash = bumped?.hash ?? genesisHash;
  const hash = hashEvent({ ...event, seq, prevHash });
  if (bumped) {
    await trx.updateTable('history_heads').set({ hash }).where('record_id', '=', event.recordId).execute();
  } else {
    await trx.insertInto('history_heads')
      .values({ record_id: event.recordId, record_type: event.recordType, seq, hash })
      .execute();
  }
  const id = newId();
  await trx.insertInto('history_events').values({
    id,
    record_type: event.recordType,
    record_id: event.recordId,
    seq,
    kind: event.kind,
    actor_id: event.actorId,
    at: event.at,
    data: writeJson(event.data),
    prev_hash: prevHash,
    hash,
  }).execute();
  return { id, seq, kind: event.kind, actorId: event.actorId, at: event.at, data: event.data, hash };
}

export async function listHistory(db: Executor, recordId: string): Promise<HistoryEntry[]> {
  const rows = await db.selectFrom('history_events')
    .select(['id', 'seq', 'kind', 'actor_id', 'at', 'data', 'hash'])
    .where('record_id', '=', recordId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    seq: r.seq,
    kind: r.kind as HistoryKind,
    actorId: r.actor_id,
    at: r.at,
    data: readJson<Record<string, unknown>>(r.data),
    hash: r.hash,
  }));
}

/**
 * Writes the whole history of a record that has none yet in one go — for imports, where
 * thousands of records arrive with their past. The chain is hashed exactly as appendHistory
 * would have, so `certus verify` cannot tell the difference.
 */
export async function writeNewHistory(trx: Trx, recordType: string, recordId: string, events: Omit<NewHistoryEvent, 'recordType' | 'recordId'>[]): Promise<void> {
  if (events.length === 0) return;
  let prevHash = genesisHash;
  const rows = events.map((event, index) => {
    const seq = index + 1;
    const hash = hashEvent({ recordType, recordId, ...event, seq, prevHash });
    const row = { id: newId(), record_type: recordType, record_id: recordId, seq, kind: event.kind, actor_id: event.actorId, at: event.at, data: writeJson(event.data), prev_hash: prevHash, hash };
    prevHash = hash;
    return row;
  });
  await trx.insertInto('history_heads').values({ record_id: recordId, record_type: recordType, seq: rows.length, hash: prevHash }).execute();
  // Bounded batches keep every statement under SQLite's and PostgreSQL's parameter limits.
  for (let i = 0; i < rows.length; i += 100) await trx.insertInto('history_events').values(rows.slice(i, i + 100)).execute();
}
