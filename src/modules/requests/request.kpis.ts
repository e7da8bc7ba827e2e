import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { KpiPeriod, KpiValue } from '../incidents/index.js';

const hour = 3_600_000;

function percent(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : Math.round((numerator / denominator) * 1000) / 10;
}

function rounded(value: unknown, divisor = 1): number | null {
  return value === null || value === undefined ? null : Math.round((Number(value) / divisor) * 100) / 100;
}

/**
 * 8.6.2 service request KPIs for a period, each one SQL aggregate on either database over the
 * figures the request keeps as it moves (fulfilment time and target met are stored when it is
 * fulfilled, so nothing is recomputed here). Definitions travel with the values.
 */
export async function requestKpis(db: Executor, period: KpiPeriod): Promise<KpiValue[]> {
  const inPeriod = (column: 'created_at' | 'fulfilled_at' | 'decided_at' | 'closed_at') => db.selectFrom('service_requests')
    .where(column, '>=', period.from).where(column, '<', period.to)
    .$if(period.service !== undefined, (q) => q.where('service', '=', period.service!));

  const raised = await inPeriod('created_at').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const fulfilled = await inPeriod('fulfilled_at').select((eb) => [
    eb.fn.countAll<number>().as('n'),
    eb.fn.sum<number>(sql`case when fulfilled_within_target = 1 then 1 else 0 end`).as('within'),
    eb.fn.avg<number>('fulfilment_business_minutes').as('business_minutes'),
    eb.fn.avg<number>(sql`fulfilled_at - coalesce(decided_at, created_at)`).as('wall_ms'),
  ]).executeTakeFirstOrThrow();
  const decided = await inPeriod('decided_at').select((eb) => [
    eb.fn.countAll<number>().as('n'),
    eb.fn.sum<number>(sql`case when approval_decision = 'rejected' then 1 else 0 end`).as('rejected'),
    eb.fn.avg<number>(sql`decided_at - created_at`).as('turnaround_ms'),
  ]).executeTakeFirstOrThrow();
  const closed = await inPeriod('closed_at').select((eb) => [
    eb.fn.countAll<number>().as('n'),
    eb.fn.count<number>('satisfaction').as('rated'),
    eb.fn.avg<number>('satisfaction').as('average'),
  ]).executeTakeFirstOrThrow();

  const raisedCount = Number(raised.n);
  const fulfilledCount = Number(fulfilled.n);
  const within = Number(fulfilled.within ?? 0);
  const decidedCount = Number(decided.n);
  const rejected = Number(decided.rejected ?? 0);
  const closedCount = Number(closed.n);
  const rated = Number(closed.rated);
  return [
    { id: 'requests-raised', name: 'Requests raised', value: raisedCount, unit: 'count', numerator: raisedCount, denominator: null, definition: 'Service requests raised in the period (by creation time).' },
    { id: 'requests-fulfilled', name: 'Requests fulfilled', value: fulfilledCount, unit: 'count', numerator: fulfilledCount, denominator: null, definition: 'Requests whose latest fulfilment falls in the period; one reopened and not yet fulfilled again does not count.' },
    { id: 'fulfilled-within-target', name: 'Fulfilled within target', value: percent(within, fulfilledCount), unit: 'percent', numerator: within, denominator: fulfilledCount, definition: "Requests fulfilled in the period within their model's target, counted in business time on the service's support calendar with time awaiting the requester left out, over all fulfilled in the period." },
    { id: 'mean-fulfilment-business', name: 'Mean fulfilment time (business hours)', value: rounded(fulfilled.business_minutes, 60), unit: 'hours', numerator: null, denominator: fulfilledCount, definition: 'Mean business time the fulfilment clock ran (from submission, or approval, to fulfilment; pauses left out) over requests fulfilled in the period.' },
    { id: 'mean-fulfilment-wall', name: 'Mean fulfilment time (wall clock)', value: rounded(fulfilled.wall_ms, hour), unit: 'hours', numerator: null, denominator: fulfilledCount, definition: 'Mean of fulfilled time − approval time (or submission time, without approval) over requests fulfilled in the period; pauses included.' },
    { id: 'approval-turnaround', name: 'Mean approval turnaround', value: rounded(decided.turnaround_ms, hour), unit: 'hours', numerator: null, denominator: decidedCount, definition: 'Mean of decision time − submission time over approvals and rejections decided in the period (wall clock).' },
    { id: 'rejection-rate', name: 'Rejection rate', value: percent(rejected, decidedCount), unit: 'percent', numerator: rejected, denominator: decidedCount, definition: 'Requests rejected in the period over all approval decisions made in the period.' },
    { id: 'csat-average', name: 'Satisfaction (CSAT) average', value: rounded(closed.average), unit: 'count', numerator: null, denominator: rated, definition: 'Mean rating (1 poor – 5 excellent) the requesters gave when confirming requests closed in the period.' },
    { id: 'csat-response-rate', name: 'Satisfaction response rate', value: percent(rated, closedCount), unit: 'percent', numerator: rated, denominator: closedCount, definition: 'Requests closed in the period that the requester rated, over all closed in the period (the service desk may close without a rating).' },
  ];
}
