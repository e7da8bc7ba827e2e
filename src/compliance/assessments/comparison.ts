import type { Requirement } from '../catalogue/catalogue.types.js';
import { resultRank } from './answer-rules.js';
import type { Answer } from './answers.service.js';

export type Movement = 'improved' | 'regressed' | 'unchanged' | 'not-comparable';

export interface ComparedRequirement {
  requirementId: string;
  clause: string;
  title: string;
  before: { result: string; grade: string | null } | null;
  after: { result: string; grade: string | null } | null;
  movement: Movement;
}

export interface Comparison {
  items: ComparedRequirement[];
  totals: Record<Movement, number>;
}

function movementOf(before: Answer | undefined, after: Answer | undefined): Movement {
  const from = before ? resultRank(before.result, before.grade) : null;
  const to = after ? resultRank(after.result, after.grade) : null;
  if (from !== null && to !== null) return to > from ? 'improved' : to < from ? 'regressed' : 'unchanged';
  if ((before?.result ?? null) === (after?.result ?? null)) return 'unchanged';
  return 'not-comparable';
}

/**
 * Before and after, requirement by requirement, over the requirements either assessment covers.
 * A major nonconformity ranks below a minor one; not-assessed and not-applicable results cannot
 * be ranked, so a change to or from them is "not comparable".
 */
export function compareAnswers(requirements: Requirement[], before: Map<string, Answer>, after: Map<string, Answer>): Comparison {
  const totals: Record<Movement, number> = { improved: 0, regressed: 0, unchanged: 0, 'not-comparable': 0 };
  const items = requirements.map((r) => {
    const b = before.get(r.id);
    const a = after.get(r.id);
    const movement = movementOf(b, a);
    totals[movement] += 1;
    return {
      requirementId: r.id, clause: r.clause, title: r.title,
      before: b ? { result: b.result, grade: b.grade } : null,
      after: a ? { result: a.result, grade: a.grade } : null,
      movement,
    };
  });
  return { items, totals };
}
