import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import { linkedToTypes } from '../../kernel/links/link-queries.js';
import { incidentsAround } from '../incidents/index.js';
import { problemProposals } from './problem-trends.js';
import { reasonsWithoutRootCause } from './problem.record.js';

const sampleSize = 5;
const day = 86_400_000;

/** What the caller decides: the period, what counts as a trend, how long after closure to look. */
export interface ProblemFactOptions {
  now: number;
  /** Problems raised or closed at or after this instant are counted. */
  since: number;
  trend: { days: number; threshold: number };
  /** Incidents are compared over this many days either side of a problem's closure (less if it closed more recently). */
  comparisonDays: number;
  /** Problems closed more recently than this are too young to judge. */
  minimumDaysClosed: number;
}

/** Incidents on a closed problem's service and category in equal spans before and after its closure. */
export interface ClosureComparison {
  reference: string;
  closedAt: number;
  spanDays: number;
  before: number;
  after: number;
}

/** 8.6.3: what the problem records of a period show, counted in SQL, with a few references as samples. */
export interface ProblemFacts {
  since: number;
  recorded: number;
  /** Raised in the period and linked to at least one incident. */
  linkedToIncidents: number;
  closed: number;
  closedWithRootCause: number;
  /** Closed without a root cause, for an accepted reason, with a written justification. */
  closedJustified: number;
  /** Known errors in the known-error database now, and how many state a workaround. */
  knownErrors: number;
  knownErrorsWithWorkaround: number;
  /** Closed problems whose service and category had incidents again after closure. */
  recurred: number;
  /** Incident trends no open problem covers. */
  uncoveredTrends: { service: string; category: string; count: number; references: string[] }[];
  comparisons: ClosureComparison[];
  latest: string[];
  notLinked: string[];
  closedUnexplained: string[];
  recurring: string[];
}

const filled = (column: string) => sql<boolean>`(${sql.ref(column)} is not null and trim(${sql.ref(column)}) <> '')`;
const count = (condition: RawBuilder<boolean>) => sql<number>`sum(case when ${condition} then 1 else 0 end)`;

/** Problems raised and closed since an instant, the known-error database, trends left without a problem, and recurrence. */
export async function problemFacts(db: Executor, options: ProblemFactOptions): Promise<ProblemFacts> {
  const { since, now } = options;
  const raised = db.selectFrom('problems').where('created_at', '>=', since);
  const closed = db.selectFrom('problems').where('status', '=', 'closed').where('closed_at', '>=', since);
  const linked = linkedToTypes('problems.id', ['incident']);
  const justified = sql<boolean>`(closure_reason in (${sql.join(reasonsWithoutRootCause)}) and ${filled('closure_justification')})`;
  const explained = sql<boolean>`(${filled('root_cause')} or ${justified})`;
  const refs = async (query: Promise<{ reference: string }[]>) => (await query).map((r) => r.reference);
  const [raisedRow, closedRow, kedb, proposals, judged, samples] = await Promise.all([
    raised.select((eb) => [eb.fn.countAll<number>().as('recorded'), count(linked).as('linked')]).executeTakeFirstOrThrow(),
    closed.select((eb) => [
      eb.fn.countAll<number>().as('closed'), count(filled('root_cause')).as('with_cause'),
      count(sql`not ${filled('root_cause')} and ${justified}`).as('justified'), count(sql`recurrences > 0`).as('recurred'),
    ]).executeTakeFirstOrThrow(),
    db.selectFrom('problems').where('known_error', '=', 1)
      .select((eb) => [eb.fn.countAll<number>().as('known'), count(filled('workaround')).as('with_workaround')]).executeTakeFirstOrThrow(),
    problemProposals(db, now, options.trend.days, options.trend.threshold),
    closed.where('service', 'is not', null).where('closed_at', '<=', now - options.minimumDaysClosed * day)
      .select(['reference', 'service', 'category', 'closed_at']).orderBy('closed_at', 'desc').limit(50).execute(),
    Promise.all([
      refs(raised.select('reference').orderBy('created_at', 'desc').limit(sampleSize).execute()),
      refs(raised.where(sql<boolean>`not ${linked}`).select('reference').orderBy('created_at', 'desc').limit(sampleSize).execute()),
      refs(closed.where(sql<boolean>`not ${explained}`).select('reference').orderBy('closed_at', 'desc').limit(sampleSize).execute()),
      refs(closed.where('recurrences', '>', 0).select('reference').orderBy('closed_at', 'desc').limit(sampleSize).execute()),
    ]),
  ]);
  const comparisons = await Promise.all(judged.map(async (p): Promise<ClosureComparison> => {
    const span = Math.min(options.comparisonDays * day, now - p.closed_at!);
    const around = await incidentsAround(db, p.service!, p.category, p.closed_at!, span);
    return { reference: p.reference, closedAt: p.closed_at!, spanDays: Math.round(span / day), ...around };
  }));
  const n = (v: unknown) => Number(v ?? 0);
  const [latest, notLinked, closedUnexplained, recurring] = samples;
  return {
    since, recorded: n(raisedRow.recorded), linkedToIncidents: n(raisedRow.linked),
    closed: n(closedRow.closed), closedWithRootCause: n(closedRow.with_cause), closedJustified: n(closedRow.justified), recurred: n(closedRow.recurred),
    knownErrors: n(kedb.known), knownErrorsWithWorkaround: n(kedb.with_workaround),
    uncoveredTrends: proposals.filter((p) => p.openProblem === null).slice(0, 10)
      .map((p) => ({ service: p.service, category: p.category, count: p.count, references: p.references.slice(0, sampleSize) })),
    comparisons, latest, notLinked, closedUnexplained, recurring,
  };
}
