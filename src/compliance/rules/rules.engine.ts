import type { Executor } from '../../platform/db/database.js';
import type { Catalogue } from '../catalogue/catalogue.types.js';
import { everySmsRoleHeld, smsManagerAppointed } from './clause-5.rules.js';
import { internalAuditOfEveryClause } from './clause-9.rules.js';
import { improvementsActioned, improvementsEvaluated, nonconformitiesFollowedUp } from './clause-10.rules.js';
import { assessmentFacts } from './facts/assessment.facts.js';
import { improvementFacts } from './facts/improvement.facts.js';
import { roleFacts } from './facts/role.facts.js';
import type { Rule, RuleFacts, RuleResult } from './rule.types.js';

/** Every shipped rule. A requirement without a rule gets no suggestion: the assessor judges alone. */
export const rules: Rule[] = [
  everySmsRoleHeld, smsManagerAppointed,
  internalAuditOfEveryClause,
  nonconformitiesFollowedUp, improvementsEvaluated, improvementsActioned,
];

export function rulesFor(requirementId: string): Rule[] {
  return rules.filter((r) => r.requirementId === requirementId);
}

export async function gatherFacts(db: Executor, catalogue: Catalogue, now = Date.now()): Promise<RuleFacts> {
  const [improvements, assessments, roles] = await Promise.all([improvementFacts(db), assessmentFacts(db, catalogue), roleFacts(db, catalogue)]);
  return { now, improvements, assessments, roles };
}

/** Runs the rules for the given requirements (all with a rule when omitted) over one set of facts. */
export function evaluateWith(facts: RuleFacts, requirementIds?: string[]): RuleResult[] {
  const wanted = requirementIds ? new Set(requirementIds) : null;
  return rules.filter((r) => !wanted || wanted.has(r.requirementId)).map((rule) => ({
    requirementId: rule.requirementId, rule: rule.id, ...rule.evaluate(facts),
  }));
}

/** Reads the modules' facts and evaluates; one result per requirement that has a rule. */
export async function evaluateRules(db: Executor, catalogue: Catalogue, requirementIds?: string[], now = Date.now()): Promise<Map<string, RuleResult>> {
  const relevant = rules.filter((r) => !requirementIds || requirementIds.includes(r.requirementId));
  if (relevant.length === 0) return new Map();
  const results = evaluateWith(await gatherFacts(db, catalogue, now), requirementIds);
  return new Map(results.map((r) => [r.requirementId, r]));
}
