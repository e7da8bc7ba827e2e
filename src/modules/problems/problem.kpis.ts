import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import { incidentsLinkedTo, percent, type KpiPeriod, type KpiValue } from '../incidents/index.js';

const day = 86_400_000;
const filled = (column: string) => sql<boolean>`(${sql.ref(column)} is not null and trim(${sql.ref(column)}) <> '')`;
const count = (condition: RawBuilder<boolean>) => sql<number>`sum(case when ${condition} then 1 else 0 end)`;

/**
 * 8.6.3 problem KPIs for a period, each computed in SQL on either database, with the definition
 * of what was counted. Closure is read from `closed_at`: a problem reopened since has none, so it
 * counts as open throughout.
 */
export async function problemKpis(db: Executor, period: KpiPeriod, now = Date.now()): Promise<KpiValue[]> {
  const end = Math.min(period.to, now);
  const problems = db.selectFrom('problems').$if(period.service !== undefined, (q) => q.where('service', '=', period.service!));
  const closedBy = (instant: number) => sql<boolean>`(status = 'closed' and closed_at < ${instant})`;
  const [opened, closed, open, incidents] = await Promise.all([
    problems.where('created_at', '>=', period.from).where('created_at', '<', period.to).select((eb) => [
      eb.fn.countAll<number>().as('n'),
      count(closedBy(period.to)).as('closed_by_end'),
      count(sql`known_error = 1`).as('known_errors'),
    ]).executeTakeFirstOrThrow(),
    problems.where('status', '=', 'closed').where('closed_at', '>=', period.from).where('closed_at', '<', period.to).select((eb) => [
      eb.fn.countAll<number>().as('n'),
      count(filled('root_cause')).as('with_cause'),
    ]).executeTakeFirstOrThrow(),
    problems.where('created_at', '<', end).where(sql<boolean>`not ${closedBy(end)}`).select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn.avg<number>(sql`${end} - created_at`).as('mean_age_ms'),
    ]).executeTakeFirstOrThrow(),
    incidentsLinkedTo(db, period, ['problem']),
  ]);
  const n = (v: unknown) => Number(v ?? 0);
  const raised = n(opened.n);
  const closedCount = n(closed.n);
  const meanAge = open.mean_age_ms === null ? null : Math.round((Number(open.mean_age_ms) / day) * 10) / 10;
  return [
    { id: 'problems-opened', name: 'Problems opened', value: raised, unit: 'count', numerator: raised, denominator: null, definition: 'Problems raised in the period (by creation time).' },
    { id: 'problems-closed', name: 'Problems closed', value: closedCount, unit: 'count', numerator: closedCount, denominator: null, definition: 'Problems closed in the period, whenever they were raised.' },
    { id: 'closure-rate', name: 'Closure rate', value: percent(n(opened.closed_by_end), raised), unit: 'percent', numerator: n(opened.closed_by_end), denominator: raised, definition: 'Problems raised in the period and closed by its end, over all raised in the period.' },
    { id: 'mean-open-age', name: 'Mean age of open problems', value: meanAge, unit: 'days', numerator: null, denominator: n(open.n), definition: 'Mean days since raising, at the end of the period (or now, if sooner), of the problems raised before then and not closed by then.' },
    { id: 'known-errors', name: 'Known errors recorded', value: n(opened.known_errors), unit: 'count', numerator: n(opened.known_errors), denominator: raised, definition: 'Problems raised in the period that have been recorded as known errors, with their root cause and workaround.' },
    { id: 'closed-with-root-cause', name: 'Closed with a root cause', value: percent(n(closed.with_cause), closedCount), unit: 'percent', numerator: n(closed.with_cause), denominator: closedCount, definition: 'Problems closed in the period that record their root cause, over all closed in the period (the rest closed with a justified reason).' },
    { id: 'incidents-linked', name: 'Incidents linked to problems', value: percent(incidents.linked, incidents.opened), unit: 'percent', numerator: incidents.linked, denominator: incidents.opened, definition: 'Incidents opened in the period that are linked to a problem, over all incidents opened in the period.' },
  ];
}
