import type { Database, Executor } from '../../platform/db/database.js';
import { systemPrincipal } from '../../platform/auth/system-user.js';
import { updateRecord } from '../../kernel/records/record.service.js';
import { incidentTrends, incidentsSince, type IncidentTrend } from '../incidents/index.js';
import { problemRecord } from './problem.record.js';

const day = 86_400_000;
const openStates = problemRecord.workflow.states.filter((s) => s.category === 'open').map((s) => s.id);

export interface ProblemProposal extends IncidentTrend {
  /** An open problem already covering this service and category, if any. */
  openProblem: string | null;
}

/** 8.6.3: incident trends worth a problem — N or more incidents on one service and category in a window. */
export async function problemProposals(db: Executor, now: number, windowDays: number, threshold: number): Promise<ProblemProposal[]> {
  const trends = await incidentTrends(db, now - windowDays * day, threshold);
  const open = await db.selectFrom('problems').select(['reference', 'service', 'category']).where('status', 'in', openStates).execute();
  return trends.map((t) => ({ ...t, openProblem: open.find((p) => p.service === t.service && p.category === t.category)?.reference ?? null }));
}

export const recurrenceJob = 'problems.detect-recurrence';

/**
 * Flags closed problems whose incidents come back: incidents on the same service and category
 * opened after closure are counted on the problem, so a cause that was not really removed shows.
 */
export async function detectRecurrence(database: Database, now = Date.now()): Promise<number> {
  const { db } = database;
  const closed = await db.selectFrom('problems').select(['id', 'reference', 'service', 'category', 'closed_at', 'recurrences', 'version'])
    .where('status', '=', 'closed').where('service', 'is not', null).where('closed_at', 'is not', null).execute();
  let flagged = 0;
  for (const problem of closed) {
    const since = await incidentsSince(db, problem.service!, problem.category, problem.closed_at!);
    if (since.count === (problem.recurrences ?? 0)) continue;
    await db.transaction().execute(async (trx) => {
      const system = await systemPrincipal(trx, now);
      await updateRecord(trx, problemRecord, system, problem.id, problem.version, {
        recurrences: since.count, lastRecurrenceAt: since.lastAt === null ? null : new Date(since.lastAt).toISOString(),
      }, now, { system: true });
    });
    if (since.count > 0) flagged += 1;
  }
  return flagged;
}
