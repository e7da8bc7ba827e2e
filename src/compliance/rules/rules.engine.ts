import type { Executor } from '../../platform/db/database.js';
import type { Catalogue } from '../catalogue/catalogue.types.js';
import { everySmsRoleHeld, smsManagerAppointed } from './clause-5.rules.js';
import { catalogueRules } from './clause-8.2.rules.js';
import { serviceLevelRules } from './clause-8.3.rules.js';
import { incidentRules } from './clause-8.6.1.rules.js';
import { requestRules } from './clause-8.6.2.rules.js';
import { problemRules } from './clause-8.6.3.rules.js';
import { internalAuditOfEveryClause } from './clause-9.rules.js';
import { improvementsActioned, improvementsEvaluated, nonconformitiesFollowedUp } from './clause-10.rules.js';
import { assessmentFacts } from './facts/assessment.facts.js';
import { improvementFacts } from './facts/improvement.facts.js';
import { roleFacts } from './facts/role.facts.js';
import type { FactContext, Rule, RuleFacts, RuleResult, RuleSet } from './rule.types.js';

/** Clauses 5, 9 and 10: roles, internal audit, nonconformities and improvement. */
export const managementSystemRules: RuleSet<RuleFacts> = {
  async gather({ db, catalogue, now }) {
    const [improvements, assessments, roles] = await Promise.all([improvementFacts(db), assessmentFacts(db, catalogue), roleFacts(db, catalogue)]);
    return { now, improvements, assessments, roles };
  },
  rules: [
    everySmsRoleHeld, smsManagerAppointed,
    internalAuditOfEveryClause,
    nonconformitiesFollowedUp, improvementsEvaluated, improvementsActioned,
  ],
};

/**
 * Every shipped rule set. Each set's facts type differs; the list forgets it, which is safe
 * because a set's rules only ever receive what that same set gathered (evaluateSet below).
 */
export const ruleSets: RuleSet<unknown>[] = [managementSystemRules, catalogueRules, serviceLevelRules, incidentRules, requestRules, problemRules];

/** Every shipped rule. A requirement without a rule gets no suggestion: the assessor judges alone. */
export const rules: Rule<unknown>[] = ruleSets.flatMap((s) => s.rules);

export function rulesFor(requirementId: string): Rule<unknown>[] {
  return rules.filter((r) => r.requirementId === requirementId);
}

/** One evaluation's view of the database: each group of facts is read once, whoever asks. */
export function factContext(db: Executor, catalogue: Catalogue, now: number): FactContext {
  const read = new Map<string, Promise<unknown>>();
  return {
    db, catalogue, now,
    once<T>(key: string, load: () => Promise<T>): Promise<T> {
      if (!read.has(key)) read.set(key, load());
      return read.get(key) as Promise<T>;
    },
  };
}

/** Runs a set's rules for the given requirements (all of them when omitted) over facts already gathered. */
export function evaluateWith<F>(set: RuleSet<F>, facts: F, requirementIds?: string[]): RuleResult[] {
  const wanted = requirementIds ? new Set(requirementIds) : null;
  return set.rules.filter((r) => !wanted || wanted.has(r.requirementId)).map((rule) => ({
    requirementId: rule.requirementId, rule: rule.id, ...rule.evaluate(facts),
  }));
}

async function evaluateSet<F>(set: RuleSet<F>, context: FactContext, requirementIds?: string[]): Promise<RuleResult[]> {
  if (requirementIds && !set.rules.some((r) => requirementIds.includes(r.requirementId))) return [];
  return evaluateWith(set, await set.gather(context), requirementIds);
}

/**
 * Reads the modules' facts and evaluates; one result per requirement that has a rule. Only the
 * sets with a wanted rule gather facts, all of them at once.
 */
export async function evaluateRules(db: Executor, catalogue: Catalogue, requirementIds?: string[], now = Date.now()): Promise<Map<string, RuleResult>> {
  const context = factContext(db, catalogue, now);
  const results = await Promise.all(ruleSets.map((set) => evaluateSet(set, context, requirementIds)));
  return new Map(results.flat().map((r) => [r.requirementId, r]));
}
