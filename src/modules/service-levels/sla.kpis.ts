import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { KpiPeriod, KpiValue } from '../incidents/index.js';
import { ticketClockSources } from './ticket-clocks.js';

const hour = 3_600_000;

function percent(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : Math.round((numerator / denominator) * 1000) / 10;
}

/**
 * SLA KPIs for a period from the stored clock snapshots (8.3.3 service level monitoring), each
 * computed in SQL on either database and returned with its definition. Only the customer SLA's
 * own clocks count (not OLAs or underpinning contracts); a clock counts in the period in which
 * it stopped — for an incident resolved, reopened and resolved again, its latest stop. Every
 * registered ticket source's stored clocks count (incidents today).
 */
export async function slaKpis(db: Executor, period: KpiPeriod): Promise<KpiValue[]> {
  const totals = { clocks: 0, met: 0, resolutions: 0, resolutionsMet: 0, responses: 0, responsesMet: 0, resolutionMs: 0, breaches: 0 };
  const n = (v: unknown) => Number(v ?? 0);
  for (const source of ticketClockSources()) {
    const clocks = () => db.selectFrom(source.clockRows(db)).where('c.kind', '=', 'sla')
      .$if(period.service !== undefined, (q) => q.where('c.service', '=', period.service!));
    const [stopped, breaches] = await Promise.all([
      clocks().where('c.status', '=', 'stopped').where('c.stopped_at', '>=', period.from).where('c.stopped_at', '<', period.to)
        .select((eb) => [
          eb.fn.countAll<number>().as('clocks'),
          eb.fn.sum<number>(sql`case when c.met = 1 then 1 else 0 end`).as('met'),
          eb.fn.sum<number>(sql`case when c.measure = 'resolution' then 1 else 0 end`).as('resolutions'),
          eb.fn.sum<number>(sql`case when c.measure = 'resolution' and c.met = 1 then 1 else 0 end`).as('resolutions_met'),
          eb.fn.sum<number>(sql`case when c.measure = 'response' then 1 else 0 end`).as('responses'),
          eb.fn.sum<number>(sql`case when c.measure = 'response' and c.met = 1 then 1 else 0 end`).as('responses_met'),
          eb.fn.sum<number>(sql`case when c.measure = 'resolution' then c.elapsed_ms else 0 end`).as('resolution_ms'),
        ]).executeTakeFirstOrThrow(),
      clocks().where('c.breached', '=', 1).where('c.breached_at', '>=', period.from).where('c.breached_at', '<', period.to)
        .select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    totals.clocks += n(stopped.clocks); totals.met += n(stopped.met); totals.resolutions += n(stopped.resolutions);
    totals.resolutionsMet += n(stopped.resolutions_met); totals.responses += n(stopped.responses); totals.responsesMet += n(stopped.responses_met);
    totals.resolutionMs += n(stopped.resolution_ms); totals.breaches += n(breaches.n);
  }
  const { clocks, met, resolutions, resolutionsMet, responses, responsesMet } = totals;
  const mean = resolutions === 0 ? null : Math.round((totals.resolutionMs / resolutions / hour) * 100) / 100;
  const breaches = { n: totals.breaches };
  return [
    { id: 'sla-attainment', name: 'SLA attainment', value: percent(met, clocks), unit: 'percent', numerator: met, denominator: clocks, definition: 'SLA response and resolution clocks of incidents, and service requests\' fulfilment clocks, that stopped in the period within their target, over all such clocks that stopped in the period. OLA and contract clocks are not counted.' },
    { id: 'resolution-target-met', name: 'Resolution target met', value: percent(resolutionsMet, resolutions), unit: 'percent', numerator: resolutionsMet, denominator: resolutions, definition: 'Incidents resolved under an SLA, and service requests fulfilled against their published target, in the period whose resolution or fulfilment clock stayed within its target, over all such tickets.' },
    { id: 'response-target-met', name: 'Response target met', value: percent(responsesMet, responses), unit: 'percent', numerator: responsesMet, denominator: responses, definition: 'SLA response clocks that stopped in the period within their target, over all that stopped in the period.' },
    { id: 'mean-business-ttr', name: 'Mean time to resolve (business hours)', value: mean, unit: 'hours', numerator: null, denominator: resolutions, definition: 'Mean business time counted by the SLA resolution clock (the SLA calendar\'s working hours, pauses excluded) over incidents resolved under an SLA and service requests fulfilled against their target in the period.' },
    { id: 'sla-breaches', name: 'SLA breaches', value: n(breaches.n), unit: 'count', numerator: n(breaches.n), denominator: null, definition: 'SLA response and resolution clocks of incidents, and service requests\' fulfilment clocks, that breached in the period (by the instant of breach), whether or not the ticket is closed yet.' },
  ];
}
