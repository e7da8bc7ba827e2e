import type { Executor, Trx } from '../../platform/db/database.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { PermissionRegistry } from '../../platform/auth/permissions.js';
import { AppError } from '../../platform/http/app-error.js';
import { readJson, writeJson } from '../../platform/db/columns.js';
import { appendHistory, listHistory } from '../../kernel/history/history.service.js';
import type { Catalogue, ReadinessItem } from '../catalogue/catalogue.types.js';
import { stableUuid } from '../catalogue/oscal.common.js';
import { evidenceLabel, resolveEvidence, type Evidence, type EvidenceInput } from '../assessments/evidence.js';
import { userNames } from '../assessments/worksheet.service.js';
import { evaluateRules } from '../rules/rules.engine.js';
import type { RuleResult } from '../rules/rule.types.js';
import type { ReadinessAnswerTable } from './readiness.tables.js';

export const readinessStates = ['not-started', 'in-progress', 'done', 'not-applicable'] as const;
export type ReadinessState = (typeof readinessStates)[number];

/** Readiness answers are not records; their history chains hang off a stable id per item. */
export const readinessHistoryType = 'readiness-item';
export function readinessHistoryId(itemId: string): string {
  return stableUuid(`readiness:${itemId}`);
}

export interface ReadinessView {
  id: string;
  title: string;
  requirements: string[];
  clauses: string[];
  phases: string[];
  state: ReadinessState;
  notes: string | null;
  evidence: Evidence[];
  answeredBy: string | null;
  answeredByName: string | null;
  answeredAt: string | null;
  version: number;
  /** What the rule engine says now about the item's requirements, where a rule exists. */
  signals: Pick<RuleResult, 'requirementId' | 'outcome' | 'explanation' | 'evidence'>[];
}

function itemOf(catalogue: Catalogue, itemId: string): ReadinessItem {
  const item = catalogue.readiness.find((i) => i.id === itemId.toUpperCase());
  if (!item) throw AppError.notFound(`Readiness item ${itemId}`);
  return item;
}

function viewOf(item: ReadinessItem, row: ReadinessAnswerTable | undefined, names: Map<string, string>, rules: Map<string, RuleResult>): ReadinessView {
  return {
    id: item.id, title: item.title, requirements: item.requirements, clauses: item.clauses, phases: item.phases,
    state: (row?.state as ReadinessState | undefined) ?? 'not-started',
    notes: row?.notes ?? null,
    evidence: row ? readJson<Evidence[]>(row.evidence) : [],
    answeredBy: row?.answered_by ?? null,
    answeredByName: row ? names.get(row.answered_by) ?? null : null,
    answeredAt: row ? new Date(Number(row.answered_at)).toISOString() : null,
    version: row?.version ?? 0,
    signals: item.requirements.flatMap((id) => {
      const r = rules.get(id);
      return r ? [{ requirementId: r.requirementId, outcome: r.outcome, explanation: r.explanation, evidence: r.evidence }] : [];
    }),
  };
}

async function signalsFor(db: Executor, catalogue: Catalogue, items: ReadinessItem[]): Promise<Map<string, RuleResult>> {
  return evaluateRules(db, catalogue, [...new Set(items.flatMap((i) => i.requirements))]);
}

/** The organisation's readiness checklist as it stands, item by item, with totals. */
export async function readinessOf(db: Executor, catalogue: Catalogue) {
  const rows = await db.selectFrom('readiness_answers').selectAll().execute();
  const byItem = new Map(rows.map((r) => [r.item_id, r]));
  const names = await userNames(db, rows.map((r) => r.answered_by));
  const rules = await signalsFor(db, catalogue, catalogue.readiness);
  const items = catalogue.readiness.map((item) => viewOf(item, byItem.get(item.id), names, rules));
  const totals = Object.fromEntries(readinessStates.map((s) => [s, items.filter((i) => i.state === s).length])) as Record<ReadinessState, number>;
  const applicable = items.length - totals['not-applicable'];
  return { items, totals, percentDone: applicable === 0 ? 100 : Math.round((totals.done / applicable) * 100) };
}

export async function readinessItem(db: Executor, catalogue: Catalogue, itemId: string): Promise<ReadinessView> {
  const item = itemOf(catalogue, itemId);
  const row = await db.selectFrom('readiness_answers').selectAll().where('item_id', '=', item.id).executeTakeFirst();
  return viewOf(item, row, await userNames(db, [row?.answered_by ?? null]), await signalsFor(db, catalogue, [item]));
}

/** Records the state of one checklist item; the version is the item's own ("0" before its first answer). */
export async function saveReadiness(
  trx: Trx, ctx: { catalogue: Catalogue; permissions: PermissionRegistry }, principal: Principal, itemId: string, expectedVersion: number,
  input: { state: ReadinessState; notes?: string | null; evidence?: EvidenceInput[] }, now = Date.now(),
): Promise<ReadinessView> {
  const item = itemOf(ctx.catalogue, itemId);
  const notes = input.notes?.trim() ? input.notes.trim() : null;
  if (input.state === 'not-applicable' && !notes) throw AppError.validation('notes', 'say why the item does not apply');
  const evidence = await resolveEvidence(trx, ctx.permissions, principal, input.evidence ?? [], null);
  const current = await trx.selectFrom('readiness_answers').selectAll().where('item_id', '=', item.id).executeTakeFirst();
  const currentVersion = current?.version ?? 0;
  const stale = () => new AppError('precondition-failed', `${item.id} was changed by someone else (now version ${currentVersion}, you sent ${expectedVersion}). Reload it and apply your change again.`, { currentVersion });
  if (currentVersion !== expectedVersion) throw stale();
  const before = current ? { state: current.state, notes: current.notes, evidence: readJson<Evidence[]>(current.evidence).map(evidenceLabel) } : { state: 'not-started', notes: null, evidence: [] as string[] };
  const after = { state: input.state, notes, evidence: evidence.map(evidenceLabel) };
  const changes = (['state', 'notes', 'evidence'] as const)
    .filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]))
    .map((field) => ({ field, from: before[field], to: after[field] }));
  if (current && changes.length === 0) return readinessItem(trx, ctx.catalogue, item.id);
  const columns = { state: input.state, notes, evidence: writeJson(evidence), answered_by: principal.userId, answered_at: now };
  const written = current
    ? await trx.updateTable('readiness_answers').set({ ...columns, version: currentVersion + 1 }).where('item_id', '=', item.id).where('version', '=', currentVersion).returning('item_id').executeTakeFirst()
    : await trx.insertInto('readiness_answers').values({ item_id: item.id, version: 1, ...columns }).onConflict((oc) => oc.column('item_id').doNothing()).returning('item_id').executeTakeFirst();
  if (!written) throw stale();
  await appendHistory(trx, {
    recordType: readinessHistoryType, recordId: readinessHistoryId(item.id), kind: current ? 'updated' : 'created', actorId: principal.userId, at: now,
    data: { itemId: item.id, changes },
  });
  return readinessItem(trx, ctx.catalogue, item.id);
}

export async function readinessHistory(db: Executor, catalogue: Catalogue, itemId: string) {
  const item = itemOf(catalogue, itemId);
  const entries = await listHistory(db, readinessHistoryId(item.id));
  const names = await userNames(db, entries.map((e) => e.actorId));
  return { items: entries.map((e) => ({ seq: e.seq, kind: e.kind, actorId: e.actorId, actorName: e.actorId ? names.get(e.actorId) ?? null : null, at: new Date(e.at).toISOString(), data: e.data, hash: e.hash })) };
}
