import type { Database, Executor } from '../../platform/db/database.js';
import { verifyHistory } from '../history/history-verify.js';
import type { RecordTypeRegistry } from '../records/record-registry.js';
import { verifyRecordStates } from '../records/record-verify.js';
import { checkpointView, type CheckpointView } from './checkpoint.service.js';
import { verifyAgainstCheckpoint, verifyCheckpointChain, type ExpectedCheckpoint } from './checkpoint-verify.js';
import { verifyContent } from './content-verify.js';
import type { Anchor } from './integrity-commitment.js';
import { recordName, type IntegrityProblem } from './integrity-problem.js';
import { readAnchors, readCurrentState } from './integrity-snapshot.js';

export interface IntegrityReport {
  ok: boolean;
  records: number;
  events: number;
  statesChecked: number;
  comments: number;
  attachments: number;
  /** The latest checkpoint, which everything older was checked against; null when none was made. */
  checkpoint: CheckpointView | null;
  checkpoints: number;
  /** Record chains begun after the latest checkpoint: checked by their own chain only. */
  newerThanCheckpoint: number;
  problems: IntegrityProblem[];
}

export interface VerifyOptions {
  expected?: ExpectedCheckpoint;
  onProgress?: (done: number, total: number) => void;
}

async function verifyIn(db: Executor, registry: RecordTypeRegistry, options: VerifyOptions): Promise<IntegrityReport> {
  const { latest, count, problems: chainProblems } = await verifyCheckpointChain(db, options.expected);
  const anchors = latest ? await readAnchors(db) : new Map<string, Anchor>();
  const watch = new Map<string, number>();
  for (const a of anchors.values()) if (a.kind === 'record') watch.set(a.recordId, a.seq!);
  const chains = await verifyHistory(db, options.onProgress, watch);
  const states = await verifyRecordStates(db, registry);
  const current = await readCurrentState(db, registry);
  const content = await verifyContent(db, current);
  const against = latest ? await verifyAgainstCheckpoint(db, latest, anchors, current, chains.watched) : { newerRecords: current.records.size, problems: [] };
  const referenceOf = (id: string) => current.references.get(id) ?? anchors.get(`record:${id}`)?.reference ?? null;
  const problems: IntegrityProblem[] = [
    ...chainProblems,
    ...chains.problems.map((p) => ({ ...p, reference: referenceOf(p.recordId) })),
    ...states.problems.map((p) => ({ ...p, seq: null })),
    ...against.problems,
    ...content,
  ].map((p, order) => ({ p, order, name: p.recordId === null ? '' : recordName(p) }))
    // The checkpoints' findings first, then each record's together, in the order they were found.
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.order - b.order))
    .map(({ p }) => p);
  return {
    ok: problems.length === 0, records: chains.records, events: chains.events, statesChecked: states.records,
    comments: current.comments.size, attachments: current.attachments.size,
    checkpoint: latest ? checkpointView(latest) : null, checkpoints: count, newerThanCheckpoint: against.newerRecords, problems,
  };
}

/**
 * Everything `certus verify` checks: every record's chain and row, every comment and stored
 * file, the checkpoint chain, and what the database holds now against the latest checkpoint
 * (and, when given, against a checkpoint kept elsewhere). On PostgreSQL it reads one snapshot.
 */
export async function verifyIntegrity(database: Database, registry: RecordTypeRegistry, options: VerifyOptions = {}): Promise<IntegrityReport> {
  if (database.dialect === 'postgres') {
    return database.db.transaction().setIsolationLevel('repeatable read').execute((trx) => verifyIn(trx, registry, options));
  }
  return verifyIn(database.db, registry, options);
}

/** Reads `certus checkpoint export`'s hash, or `seq:hash`, as the checkpoint to expect. */
export function parseExpectedCheckpoint(text: string): ExpectedCheckpoint | null {
  const match = /^(?:(\d{1,12}):)?([0-9a-f]{64})$/i.exec(text.trim());
  if (!match) return null;
  return { seq: match[1] === undefined ? null : Number(match[1]), hash: match[2]!.toLowerCase() };
}
