import type { Executor } from '../../../platform/db/database.js';
import { readJson } from '../../../platform/db/columns.js';
import type { RecordRow } from '../../../kernel/records/record-row.js';
import { recordTables } from '../../../kernel/records/record-row.js';
import type { Catalogue } from '../../catalogue/catalogue.types.js';
import { parseScope, requirementsInScope } from '../../assessments/assessment-scope.js';
import { effectiveAnswers } from '../../assessments/answers.service.js';
import { lookUpReference } from '../../assessments/record-references.js';
import type { AssessmentFact } from '../rule.types.js';

/** 9.2 and 10.1 facts: the assessments held, when each was completed and what it found. */
export async function assessmentFacts(db: Executor, catalogue: Catalogue): Promise<AssessmentFact[]> {
  const rows = (await recordTables(db).selectFrom('assessments').selectAll().orderBy('created_at').execute()) as RecordRow[];
  if (rows.length === 0) return [];
  const events = await db.selectFrom('history_events').select(['record_id', 'at', 'data'])
    .where('record_type', '=', 'assessment').where('kind', '=', 'transitioned').execute();
  const completedAt = new Map<string, number>();
  for (const e of events) {
    if (readJson<{ to?: string }>(e.data).to === 'completed') completedAt.set(e.record_id, Math.max(Number(e.at), completedAt.get(e.record_id) ?? 0));
  }
  const facts: AssessmentFact[] = [];
  for (const row of rows) {
    const closed = row.status === 'completed' || row.status === 'approved';
    const scope = parseScope(catalogue, row.scope as string | null);
    const nonconformities: AssessmentFact['nonconformities'] = [];
    if (closed) {
      for (const answer of (await effectiveAnswers(db, catalogue, row)).values()) {
        if (answer.result !== 'nonconformant') continue;
        const followUp = answer.followUp ? await lookUpReference(db, answer.followUp) : undefined;
        nonconformities.push({ requirementId: answer.requirementId, grade: answer.grade, followUp: answer.followUp, followUpOwned: followUp ? followUp.ownerId !== null : null });
      }
    }
    facts.push({
      reference: row.reference, kind: String(row.kind), status: row.status,
      coversAllClauses: requirementsInScope(catalogue, scope).length === catalogue.requirements.length,
      completedAt: closed ? completedAt.get(row.id) ?? Number(row.updated_at) : null,
      nonconformities,
    });
  }
  return facts;
}
