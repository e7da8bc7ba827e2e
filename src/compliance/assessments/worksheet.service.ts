import type { Executor } from '../../platform/db/database.js';
import { stateLabel } from '../../kernel/workflow/workflow.js';
import type { RecordRow } from '../../kernel/records/record-row.js';
import { getClause } from '../catalogue/catalogue.queries.js';
import type { Catalogue, Requirement } from '../catalogue/catalogue.types.js';
import { baseOf, effectiveAnswers, isClosed, type Answer } from './answers.service.js';
import { assessmentRecord } from './assessment.record.js';
import { clauseGroupOf, describeScope, parseScope, requirementsInScope } from './assessment-scope.js';
import { cellOf } from './heatmap.js';
import { suggestionsFor } from './rule-snapshot.js';

export async function userNames(db: Executor, ids: Iterable<string | null>): Promise<Map<string, string>> {
  const wanted = [...new Set([...ids].filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

export function answerView(answer: Answer, names: Map<string, string>) {
  return { ...answer, answeredAt: new Date(answer.answeredAt).toISOString(), assessorName: names.get(answer.assessorId) ?? null, carriedOver: answer.carriedFrom !== null };
}
export type AnswerView = ReturnType<typeof answerView>;

/** An assessment with what it covers and every answer in scope: what reports and exports start from. */
export interface AssessmentSnapshot {
  assessment: RecordRow;
  scopeText: string;
  requirements: Requirement[];
  answers: Map<string, Answer>;
  problems: string[];
}

export async function snapshotOf(db: Executor, catalogue: Catalogue, assessment: RecordRow): Promise<AssessmentSnapshot> {
  const scope = parseScope(catalogue, assessment.scope as string | null);
  const requirements = requirementsInScope(catalogue, scope);
  const answers = await effectiveAnswers(db, catalogue, assessment);
  const { problem } = await baseOf(db, assessment);
  const problems = [
    ...scope.unknown.map((u) => `Scope entry "${u}" names no clause or process of the catalogue; it was ignored.`),
    ...(problem ? [problem] : []),
  ];
  return { assessment, scopeText: describeScope(scope), requirements, answers, problems };
}

export function assessmentSummary(catalogue: Catalogue, snapshot: AssessmentSnapshot) {
  const a = snapshot.assessment;
  const scope = parseScope(catalogue, a.scope as string | null);
  return {
    id: a.id, reference: a.reference, title: String(a.title), kind: String(a.kind), status: a.status,
    statusLabel: stateLabel(assessmentRecord.workflow, a.status), version: a.version,
    scope: { text: (a.scope as string | null) ?? null, description: snapshot.scopeText, all: scope.all, clauses: scope.clauses, processes: scope.processes },
    basedOn: (a.based_on as string | null) ?? null,
    editable: !isClosed(a),
    problems: snapshot.problems,
  };
}

/**
 * Everything a worksheet page needs in one call: the requirements in scope with their catalogue
 * text, the answer given (or carried over), and the rule engine's suggestion beside it.
 */
export async function worksheetOf(db: Executor, catalogue: Catalogue, assessment: RecordRow, filter: { clause?: string; process?: string } = {}) {
  const snapshot = await snapshotOf(db, catalogue, assessment);
  let requirements = snapshot.requirements;
  if (filter.clause) requirements = requirements.filter((r) => r.clause === filter.clause || clauseGroupOf(catalogue, r.clause) === filter.clause || r.clause.startsWith(`${filter.clause}.`));
  if (filter.process) requirements = requirements.filter((r) => getClause(catalogue, r.clause).process === filter.process);
  const suggestions = await suggestionsFor(db, catalogue, assessment, requirements.map((r) => r.id), isClosed(assessment));
  const names = await userNames(db, [...snapshot.answers.values()].map((a) => a.assessorId));
  return {
    assessment: assessmentSummary(catalogue, snapshot),
    totals: cellOf('all', 'All requirements in scope', snapshot.requirements, snapshot.answers),
    requirements: requirements.map((r) => {
      const clause = getClause(catalogue, r.clause);
      const answer = snapshot.answers.get(r.id);
      return {
        id: r.id, clause: r.clause, clauseNumber: clause.number, clauseTitle: clause.title, clauseGroup: clauseGroupOf(catalogue, r.clause),
        process: clause.process, title: r.title, statement: r.statement, verify: r.verify, typicalEvidence: r.evidence,
        answer: answer ? answerView(answer, names) : null,
        suggestion: suggestions.get(r.id) ?? null,
      };
    }),
  };
}
