import type { Executor } from '../../../platform/db/database.js';
import type { ImprovementFact } from '../rule.types.js';

const filled = (v: string | null): boolean => v !== null && v.trim() !== '';

/**
 * 10.2 facts from the improvement register. Written here against the improvements table until
 * the improvements module exposes read-only facts through its index.ts.
 */
export async function improvementFacts(db: Executor): Promise<ImprovementFact[]> {
  const rows = await db.selectFrom('improvements')
    .select(['reference', 'status', 'source', 'expected_benefit', 'decision_reason', 'outcome', 'created_at'])
    .orderBy('created_at').execute();
  return rows.map((r) => ({
    reference: r.reference, status: r.status, source: r.source,
    hasExpectedBenefit: filled(r.expected_benefit), hasDecisionReason: filled(r.decision_reason), hasOutcome: filled(r.outcome),
    createdAt: Number(r.created_at),
  }));
}
