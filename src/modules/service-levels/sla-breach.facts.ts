import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import { linkedToTypes } from '../../kernel/links/link-queries.js';

const sampleSize = 5;
const filled = (column: string) => sql<boolean>`(${sql.ref(column)} is not null and trim(${sql.ref(column)}) <> '')`;
const count = (condition: RawBuilder<boolean>) => sql<number>`sum(case when ${condition} then 1 else 0 end)`;

async function references(query: Promise<{ reference: string }[]>): Promise<string[]> {
  return (await query).map((r) => r.reference);
}

/** 8.3.3 SLA breach records of a period and how their investigation stands. */
export interface SlaBreachFacts {
  recorded: number;
  /** Closed, which requires a cause and an action. */
  investigated: number;
  open: number;
  /** Open and breached longer ago than the threshold asked for. */
  openOverdue: number;
  oldestOpenAt: number | null;
  /** Linked to an improvement or a problem raised from it. */
  withFollowUp: number;
  latest: string[];
  overdue: string[];
}

/**
 * SLA breach records of the clocks that breached since an instant (by the instant of breach, so
 * a breach recorded late by the backfill counts in the period it happened; a record entered by
 * hand without one, by when it was entered); open ones breached more than `overdueAfter` ms ago
 * are overdue.
 */
export async function slaBreachFacts(db: Executor, since: number, now: number, overdueAfter: number): Promise<SlaBreachFacts> {
  const inPeriod = db.selectFrom('sla_breaches').where(sql<boolean>`coalesce(breached_at, created_at) >= ${since}`);
  const open = inPeriod.where('status', '<>', 'closed');
  const overdue = open.where(sql<boolean>`coalesce(breached_at, created_at) < ${now - overdueAfter}`);
  const [totals, latest, overdueSample] = await Promise.all([
    inPeriod.select((eb) => [
      eb.fn.countAll<number>().as('recorded'),
      count(sql`status = 'closed' and ${filled('cause')} and ${filled('action')}`).as('investigated'),
      count(sql`status <> 'closed'`).as('open'),
      count(sql`status <> 'closed' and coalesce(breached_at, created_at) < ${now - overdueAfter}`).as('overdue'),
      eb.fn.min<number>(sql`case when status <> 'closed' then coalesce(breached_at, created_at) end`).as('oldest_open'),
      count(linkedToTypes('sla_breaches.id', ['improvement', 'problem'])).as('with_follow_up'),
    ]).executeTakeFirstOrThrow(),
    references(inPeriod.select('reference').orderBy(sql`coalesce(breached_at, created_at)`, 'desc').orderBy('reference', 'desc').limit(sampleSize).execute()),
    references(overdue.select('reference').orderBy(sql`coalesce(breached_at, created_at)`).orderBy('reference').limit(sampleSize).execute()),
  ]);
  const n = (v: unknown) => Number(v ?? 0);
  return {
    recorded: n(totals.recorded), investigated: n(totals.investigated), open: n(totals.open), openOverdue: n(totals.overdue),
    oldestOpenAt: totals.oldest_open === null ? null : Number(totals.oldest_open), withFollowUp: n(totals.with_follow_up),
    latest, overdue: overdueSample,
  };
}
