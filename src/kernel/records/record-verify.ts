import type { Executor } from '../../platform/db/database.js';
import { readJson } from '../../platform/db/columns.js';
import { fieldValuesOf, recordTables, type FieldValue, type RecordRow } from './record-row.js';
import type { RecordTypeRegistry } from './record-registry.js';
import type { RecordTypeDefinition } from './record-type.js';

export interface StateProblem {
  recordType: string;
  recordId: string;
  reference: string;
  problem: 'state-mismatch' | 'no-history';
  detail: string;
}

interface Change { field: string; to: FieldValue }
interface EventData { status?: string; ownerId?: string | null; fields?: Record<string, FieldValue>; to?: string; changes?: Change[] }

const pageSize = 500;

/** Rebuilds a record's current values from its history alone. */
export function replayState(events: { kind: string; data: EventData }[]): Record<string, FieldValue> {
  const state: Record<string, FieldValue> = {};
  for (const { kind, data } of events) {
    if (kind === 'created') {
      Object.assign(state, data.fields ?? {});
      state.status = data.status ?? null;
      state.ownerId = data.ownerId ?? null;
    }
    if (kind === 'transitioned' && data.to) state.status = data.to;
    if (kind === 'updated' || kind === 'transitioned') for (const c of data.changes ?? []) state[c.field] = c.to;
  }
  return state;
}

async function verifyType(db: Executor, def: RecordTypeDefinition, problems: StateProblem[]): Promise<number> {
  let after = '';
  let checked = 0;
  for (;;) {
    const rows = (await recordTables(db).selectFrom(def.table).selectAll().where('id', '>', after).orderBy('id').limit(pageSize).execute()) as RecordRow[];
    if (rows.length === 0) return checked;
    const events = await db.selectFrom('history_events').select(['record_id', 'kind', 'data'])
      .where('record_id', 'in', rows.map((r) => r.id)).orderBy('record_id').orderBy('seq').execute();
    const byRecord = new Map<string, { kind: string; data: EventData }[]>();
    for (const e of events) {
      const list = byRecord.get(e.record_id) ?? [];
      list.push({ kind: e.kind, data: readJson<EventData>(e.data) });
      byRecord.set(e.record_id, list);
    }
    for (const row of rows) {
      checked += 1;
      const history = byRecord.get(row.id);
      if (!history?.length) {
        problems.push({ recordType: def.type, recordId: row.id, reference: row.reference, problem: 'no-history', detail: `${row.reference} has no history at all` });
        continue;
      }
      const replayed = replayState(history);
      const actual: Record<string, FieldValue> = { ...fieldValuesOf(def, row), status: row.status, ownerId: row.owner_id };
      const differing = Object.keys(actual).filter((k) => (replayed[k] ?? null) !== (actual[k] ?? null));
      if (differing.length) {
        problems.push({ recordType: def.type, recordId: row.id, reference: row.reference, problem: 'state-mismatch', detail: `${row.reference}: ${differing.join(', ')} differ from what its history says` });
      }
    }
    after = rows[rows.length - 1]!.id;
  }
}

/**
 * Checks every record's stored values against the replay of its history: a row edited in the
 * database behind Certus's back no longer matches the story its history tells.
 */
export async function verifyRecordStates(db: Executor, registry: RecordTypeRegistry): Promise<{ records: number; problems: StateProblem[] }> {
  const problems: StateProblem[] = [];
  let records = 0;
  for (const def of registry.all()) records += await verifyType(db, def, problems);
  return { records, problems };
}
