import type { Executor, Trx } from '../../platform/db/database.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { PermissionRegistry } from '../../platform/auth/permissions.js';
import { AppError } from '../../platform/http/app-error.js';
import { readJson, writeJson } from '../../platform/db/columns.js';
import { newId } from '../../platform/db/ids.js';
import { appendHistory } from '../../kernel/history/history.service.js';
import { getRecord } from '../../kernel/records/record.service.js';
import { findRecord, type RecordRow } from '../../kernel/records/record-row.js';
import { getRequirement } from '../catalogue/catalogue.queries.js';
import type { Catalogue } from '../catalogue/catalogue.types.js';
import { checkAnswer, type AnswerResult, type FindingGrade } from './answer-rules.js';
import { assessmentRecord } from './assessment.record.js';
import { parseScope, requirementsInScope, topClauseOf } from './assessment-scope.js';
import { closedAssessmentStates } from './assessment.workflow.js';
import { evidenceLabel, resolveEvidence, type Evidence, type EvidenceInput } from './evidence.js';
import { resolveReference } from './record-references.js';
import type { AssessmentAnswerTable } from './assessment.tables.js';

export interface Answer {
  requirementId: string;
  result: AnswerResult;
  grade: FindingGrade | null;
  justification: string | null;
  notes: string | null;
  improvementOpportunity: string | null;
  followUp: string | null;
  evidence: Evidence[];
  assessorId: string;
  answeredAt: number;
  /** 0 for an answer carried over and not yet saved in this assessment. */
  version: number;
  /** The assessment the answer was carried over from, when it was not answered here. */
  carriedFrom: string | null;
}

export interface AnswerInput {
  result: AnswerResult;
  grade?: FindingGrade | null;
  justification?: string | null;
  notes?: string | null;
  improvementOpportunity?: string | null;
  followUp?: string | null;
  evidence?: EvidenceInput[];
}

export interface ComplianceContext {
  db: Executor;
  permissions: PermissionRegistry;
  catalogue: Catalogue;
}

function answerOf(row: AssessmentAnswerTable): Answer {
  return {
    requirementId: row.requirement_id,
    result: row.result as AnswerResult,
    grade: row.grade as FindingGrade | null,
    justification: row.justification,
    notes: row.notes,
    improvementOpportunity: row.improvement_opportunity,
    followUp: row.follow_up,
    evidence: readJson<Evidence[]>(row.evidence),
    assessorId: row.assessor_id,
    answeredAt: Number(row.answered_at),
    version: row.version,
    carriedFrom: null,
  };
}

export function isClosed(assessment: RecordRow): boolean {
  return closedAssessmentStates.includes(assessment.status);
}

/**
 * The base an assessment starts from, if it names one that can be carried over: another
 * assessment that is completed or approved, so its answers no longer change.
 */
export async function baseOf(db: Executor, assessment: RecordRow): Promise<{ row: RecordRow | null; problem: string | null }> {
  const basedOn = typeof assessment.based_on === 'string' ? assessment.based_on.trim() : '';
  if (!basedOn) return { row: null, problem: null };
  const base = /^ASM-\d{1,12}$/i.test(basedOn) ? await findRecord(db, assessmentRecord, basedOn) : undefined;
  if (!base) return { row: null, problem: `Started from ${basedOn}, which is not an assessment; nothing was carried over.` };
  if (base.id === assessment.id) return { row: null, problem: 'An assessment cannot start from itself; nothing was carried over.' };
  if (!isClosed(base)) return { row: null, problem: `${base.reference} is still ${base.status}; answers are carried over only from a completed or approved assessment.` };
  return { row: base, problem: null };
}

/**
 * The answers of an assessment: its own, plus, for requirements it has not answered, those of
 * the assessment it started from ("start from the last one"), marked as carried over. The base
 * is closed and immutable, so reading through it gives the same copy every time.
 */
export async function effectiveAnswers(db: Executor, catalogue: Catalogue, assessment: RecordRow, depth = 0): Promise<Map<string, Answer>> {
  const rows = await db.selectFrom('assessment_answers').selectAll().where('assessment_id', '=', assessment.id).execute();
  const answers = new Map(rows.map((r) => [r.requirement_id, answerOf(r)]));
  const { row: base } = await baseOf(db, assessment);
  if (base && depth < 20) {
    const inScope = new Set(requirementsInScope(catalogue, parseScope(catalogue, assessment.scope as string | null)).map((r) => r.id));
    for (const [id, carried] of await effectiveAnswers(db, catalogue, base, depth + 1)) {
      if (!answers.has(id) && inScope.has(id)) answers.set(id, { ...carried, version: 0, carriedFrom: carried.carriedFrom ?? base.reference });
    }
  }
  return answers;
}

const trimmed = (v: string | null | undefined): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

function changesOf(before: Answer | undefined, after: Omit<Answer, 'assessorId' | 'answeredAt' | 'version' | 'carriedFrom' | 'requirementId'>) {
  const pairs: [string, unknown, unknown][] = [
    ['result', before?.result ?? null, after.result],
    ['grade', before?.grade ?? null, after.grade],
    ['justification', before?.justification ?? null, after.justification],
    ['notes', before?.notes ?? null, after.notes],
    ['improvementOpportunity', before?.improvementOpportunity ?? null, after.improvementOpportunity],
    ['followUp', before?.followUp ?? null, after.followUp],
    ['evidence', (before?.evidence ?? []).map(evidenceLabel), after.evidence.map(evidenceLabel)],
  ];
  return pairs.filter(([, from, to]) => JSON.stringify(from) !== JSON.stringify(to)).map(([field, from, to]) => ({ field, from, to }));
}

function staleAnswer(assessment: RecordRow, requirementId: string, current: number, sent: number): AppError {
  return new AppError('precondition-failed',
    `The answer to ${requirementId} in ${assessment.reference} was changed by someone else (now version ${current}, you sent ${sent}). Reload it and apply your change again.`,
    { currentVersion: current });
}

export function assertOpen(assessment: RecordRow, what: string): void {
  if (isClosed(assessment)) {
    throw new AppError('conflict', `${assessment.reference} is ${assessment.status}: its ${what} are the record of the assessment and can no longer change. To re-assess, create a new assessment with basedOn ${assessment.reference}.`);
  }
}

/**
 * Saves one answer. The version sent is the answer's own (0 when it has never been saved in
 * this assessment); the change is appended to the assessment's history in the same transaction.
 */
export async function saveAnswer(
  trx: Trx, ctx: Omit<ComplianceContext, 'db'>, principal: Principal, assessmentKey: string, requirementId: string,
  expectedVersion: number, input: AnswerInput, now = Date.now(),
): Promise<Answer> {
  const { catalogue, permissions } = ctx;
  const assessment = await getRecord(trx, assessmentRecord, assessmentKey);
  assertOpen(assessment, 'answers');
  const requirement = getRequirement(catalogue, requirementId);
  const scope = parseScope(catalogue, assessment.scope as string | null);
  if (!requirementsInScope(catalogue, scope).some((r) => r.id === requirement.id)) {
    throw AppError.validation('requirementId', `${requirement.id} is outside the scope of ${assessment.reference}`);
  }
  const fields = {
    result: input.result,
    grade: input.grade ?? null,
    justification: trimmed(input.justification),
    notes: trimmed(input.notes),
    improvementOpportunity: trimmed(input.improvementOpportunity),
    followUp: trimmed(input.followUp)?.toUpperCase() ?? null,
  };
  checkAnswer(requirement.id, topClauseOf(catalogue, requirement.clause), fields);
  if (fields.followUp) fields.followUp = (await resolveReference(trx, permissions, principal, 'followUp', fields.followUp)).reference;
  const evidence = await resolveEvidence(trx, permissions, principal, input.evidence ?? [], assessment.id);

  const current = (await effectiveAnswers(trx, catalogue, assessment)).get(requirement.id);
  const currentVersion = current?.version ?? 0;
  if (currentVersion !== expectedVersion) throw staleAnswer(assessment, requirement.id, currentVersion, expectedVersion);
  const changes = changesOf(current, { ...fields, evidence });
  if (changes.length === 0 && current && current.version > 0) return current;

  const columns = {
    result: fields.result, grade: fields.grade, justification: fields.justification, notes: fields.notes,
    improvement_opportunity: fields.improvementOpportunity, follow_up: fields.followUp, evidence: writeJson(evidence),
    assessor_id: principal.userId, answered_at: now,
  };
  let saved: AssessmentAnswerTable | undefined;
  if (currentVersion === 0) {
    // A concurrent first save hits the unique key and inserts nothing: the same 412 as a stale version.
    saved = await trx.insertInto('assessment_answers')
      .values({ id: newId(), assessment_id: assessment.id, requirement_id: requirement.id, version: 1, ...columns })
      .onConflict((oc) => oc.columns(['assessment_id', 'requirement_id']).doNothing())
      .returningAll().executeTakeFirst();
  } else {
    saved = await trx.updateTable('assessment_answers').set({ ...columns, version: currentVersion + 1 })
      .where('assessment_id', '=', assessment.id).where('requirement_id', '=', requirement.id).where('version', '=', currentVersion)
      .returningAll().executeTakeFirst();
  }
  if (!saved) throw staleAnswer(assessment, requirement.id, currentVersion + 1, expectedVersion);
  await appendHistory(trx, {
    recordType: assessmentRecord.type, recordId: assessment.id, kind: 'updated', actorId: principal.userId, at: now,
    data: { requirementId: requirement.id, ...(current?.carriedFrom ? { carriedFrom: current.carriedFrom } : {}), changes },
  });
  return answerOf(saved);
}
