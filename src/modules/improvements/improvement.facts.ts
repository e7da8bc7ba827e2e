import type { Executor } from '../../platform/db/database.js';
import { improvementWorkflow } from './improvement.workflow.js';

export interface OpenImprovementFacts {
  /** Open improvements by status, every open status present (0 when none). */
  byStatus: { status: string; label: string; count: number }[];
  open: number;
  /** Open improvements whose target date is before `today`. */
  overdue: number;
}

const openStates = improvementWorkflow.states.filter((s) => s.category === 'open');

/** 10.2: the open part of the improvement register, by status, and how much of it is past its target date. */
export async function openImprovementFacts(db: Executor, today: string): Promise<OpenImprovementFacts> {
  const rows = await db.selectFrom('improvements').select((eb) => ['status', eb.fn.countAll<number>().as('n')])
    .where('status', 'in', openStates.map((s) => s.id)).groupBy('status').execute();
  const overdue = await db.selectFrom('improvements').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', 'in', openStates.map((s) => s.id)).where('target_date', '<', today).executeTakeFirstOrThrow();
  const counts = new Map(rows.map((r) => [r.status, Number(r.n)]));
  const byStatus = openStates.map((s) => ({ status: s.id, label: s.label, count: counts.get(s.id) ?? 0 }));
  return { byStatus, open: byStatus.reduce((sum, s) => sum + s.count, 0), overdue: Number(overdue.n) };
}
