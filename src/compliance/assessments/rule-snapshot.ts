import type { Executor, Trx } from '../../platform/db/database.js';
import { readJson, writeJson } from '../../platform/db/columns.js';
import type { RecordRow } from '../../kernel/records/record-row.js';
import type { Catalogue } from '../catalogue/catalogue.types.js';
import { evaluateRules } from '../rules/rules.engine.js';
import type { RuleOutcome, RuleResult } from '../rules/rule.types.js';
import { parseScope, requirementsInScope } from './assessment-scope.js';

export type Suggestion = RuleResult & { evaluatedAt: string; frozen: boolean };

/**
 * Freezes the rule engine's suggestions for the requirements in scope as the assessment is
 * completed, so its record shows what the rules said beside what the assessor decided.
 */
export async function freezeSuggestions(trx: Trx, catalogue: Catalogue, assessment: { id: string; scope: unknown }, now: number): Promise<void> {
  const ids = requirementsInScope(catalogue, parseScope(catalogue, typeof assessment.scope === 'string' ? assessment.scope : null)).map((r) => r.id);
  const results = [...(await evaluateRules(trx, catalogue, ids, now)).values()];
  await trx.deleteFrom('assessment_rule_results').where('assessment_id', '=', assessment.id).execute();
  if (results.length === 0) return;
  await trx.insertInto('assessment_rule_results').values(results.map((r) => ({
    assessment_id: assessment.id, requirement_id: r.requirementId, rule: r.rule, outcome: r.outcome, explanation: r.explanation,
    evidence: writeJson(r.evidence), evaluated_at: now,
  }))).execute();
}

/** Frozen suggestions for a closed assessment; live ones (evaluated now) for an open one. */
export async function suggestionsFor(db: Executor, catalogue: Catalogue, assessment: RecordRow, requirementIds: string[], closed: boolean): Promise<Map<string, Suggestion>> {
  if (closed) {
    const rows = await db.selectFrom('assessment_rule_results').selectAll().where('assessment_id', '=', assessment.id).execute();
    const wanted = new Set(requirementIds);
    return new Map(rows.filter((r) => wanted.has(r.requirement_id)).map((r) => [r.requirement_id, {
      requirementId: r.requirement_id, rule: r.rule, outcome: r.outcome as RuleOutcome, explanation: r.explanation,
      evidence: readJson<string[]>(r.evidence), evaluatedAt: new Date(Number(r.evaluated_at)).toISOString(), frozen: true,
    }]));
  }
  const now = Date.now();
  const live = await evaluateRules(db, catalogue, requirementIds, now);
  return new Map([...live].map(([id, r]) => [id, { ...r, evaluatedAt: new Date(now).toISOString(), frozen: false }]));
}
