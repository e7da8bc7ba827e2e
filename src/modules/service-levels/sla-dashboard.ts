import { sql, type RawBuilder } from 'kysely';
import type { Database, Executor } from '../../platform/db/database.js';
import type { KpiPeriod, KpiValue } from '../incidents/index.js';
import { slaKpis } from './sla.kpis.js';
import { ticketClockSources, type RegisteredClockSource } from './ticket-clocks.js';

/** The attainment the dashboard draws its target line at, until agreements carry their own. */
export const attainmentTarget = 95;

export interface MonthFigures {
  month: string;
  resolved: number;
  resolutionMetPercent: number | null;
  responseMetPercent: number | null;
  attainmentPercent: number | null;
  breaches: number;
  meanResolutionHours: number | null;
}

export interface ServiceFigures extends Omit<MonthFigures, 'month'> {
  service: string;
  name: string | null;
  atRiskNow: number;
  breachedOpenNow: number;
  months: MonthFigures[];
}

export interface SlaDashboard {
  attainmentTarget: number;
  months: MonthFigures[];
  services: ServiceFigures[];
  atRiskNow: number;
  breachedOpenNow: number;
  kpis: KpiValue[];
}

interface Counts { resolved: number; resolutionMet: number; responses: number; responseMet: number; resolutionMs: number; breaches: number }

const hour = 3_600_000;
const zero = (): Counts => ({ resolved: 0, resolutionMet: 0, responses: 0, responseMet: 0, resolutionMs: 0, breaches: 0 });
const percent = (a: number, b: number) => (b === 0 ? null : Math.round((a / b) * 1000) / 10);

function figures(c: Counts): Omit<MonthFigures, 'month'> {
  return {
    resolved: c.resolved, resolutionMetPercent: percent(c.resolutionMet, c.resolved), responseMetPercent: percent(c.responseMet, c.responses),
    attainmentPercent: percent(c.resolutionMet + c.responseMet, c.resolved + c.responses), breaches: c.breaches,
    meanResolutionHours: c.resolved === 0 ? null : Math.round((c.resolutionMs / c.resolved / hour) * 100) / 100,
  };
}

/** YYYY-MM (UTC) of an epoch-millisecond column, in each dialect. */
function monthOf(dialect: Database['dialect'], column: RawBuilder<number>): RawBuilder<string> {
  return dialect === 'postgres'
    ? sql<string>`to_char(to_timestamp(${column} / 1000.0) at time zone 'UTC', 'YYYY-MM')`
    : sql<string>`strftime('%Y-%m', ${column} / 1000, 'unixepoch')`;
}

/** Every month from `from` up to (not including) `to`, UTC. */
export function monthsBetween(from: number, to: number): string[] {
  const months: string[] = [];
  const d = new Date(from);
  let y = d.getUTCFullYear();
  let m = d.getUTCMonth();
  while (Date.UTC(y, m, 1) < to) {
    months.push(`${y}-${String(m + 1).padStart(2, '0')}`);
    m += 1;
    if (m === 12) { m = 0; y += 1; }
  }
  return months;
}

/** One source's figures: clocks stopped and breached per service and month, and open tickets now. */
async function figuresOf(db: Executor, dialect: Database['dialect'], source: RegisteredClockSource, period: KpiPeriod, now: number) {
  const clocks = () => db.selectFrom(source.clockRows(db)).where('c.kind', '=', 'sla').where('c.service', 'is not', null)
    .$if(period.service !== undefined, (q) => q.where('c.service', '=', period.service!));
  const month = monthOf(dialect, sql.ref<number>('c.stopped_at'));
  const breachMonth = monthOf(dialect, sql.ref<number>('c.breached_at'));
  return Promise.all([
    clocks().where('c.status', '=', 'stopped').where('c.stopped_at', '>=', period.from).where('c.stopped_at', '<', period.to)
      .select((eb) => [
        'c.service', month.as('month'),
        eb.fn.sum<number>(sql`case when c.measure = 'resolution' then 1 else 0 end`).as('resolved'),
        eb.fn.sum<number>(sql`case when c.measure = 'resolution' and c.met = 1 then 1 else 0 end`).as('resolution_met'),
        eb.fn.sum<number>(sql`case when c.measure = 'response' then 1 else 0 end`).as('responses'),
        eb.fn.sum<number>(sql`case when c.measure = 'response' and c.met = 1 then 1 else 0 end`).as('response_met'),
        eb.fn.sum<number>(sql`case when c.measure = 'resolution' then c.elapsed_ms else 0 end`).as('resolution_ms'),
      ])
      .groupBy(['c.service', month]).execute(),
    clocks().where('c.breached', '=', 1).where('c.breached_at', '>=', period.from).where('c.breached_at', '<', period.to)
      .select((eb) => ['c.service', breachMonth.as('month'), eb.fn.countAll<number>().as('n')])
      .groupBy(['c.service', breachMonth]).execute(),
    // Now: open tickets with an SLA clock breached (or past due), and those with one at risk but not
    // breached; a ticket whose response clock breached and whose resolution clock is at risk is in both.
    clocks().where('c.open', '=', 1)
      .select((eb) => [
        'c.service', 'c.ticket_id',
        eb.fn.max<number>(sql`case when c.breached = 1 or (c.status = 'running' and c.due_at <= ${now}) then 1 else 0 end`).as('breached'),
        eb.fn.max<number>(sql`case when c.breached = 0 and not (c.status = 'running' and c.due_at <= ${now}) and (c.at_risk = 1 or (c.status = 'running' and c.at_risk_at <= ${now})) then 1 else 0 end`).as('at_risk'),
      ])
      .groupBy(['c.service', 'c.ticket_id']).execute(),
  ]);
}

/**
 * The service level dashboard (8.3.3, 9.1): per service and per month, from the stored clocks of
 * every registered ticket source (incidents today) — tickets resolved under an SLA, the share
 * within the resolution and response targets, breaches, the mean business resolution time — and
 * what is at risk or breached now.
 */
export async function slaDashboard(db: Executor, dialect: Database['dialect'], period: KpiPeriod, now = Date.now()): Promise<SlaDashboard> {
  const perSource = await Promise.all(ticketClockSources().map((source) => figuresOf(db, dialect, source, period, now)));
  const stopped = perSource.flatMap(([rows]) => rows);
  const breaches = perSource.flatMap(([, rows]) => rows);
  const open = perSource.flatMap(([, , rows]) => rows);

  const months = monthsBetween(period.from, period.to);
  const byService = new Map<string, Map<string, Counts>>();
  const cell = (service: string, m: string) => {
    let perMonth = byService.get(service);
    if (!perMonth) byService.set(service, (perMonth = new Map()));
    let counts = perMonth.get(m);
    if (!counts) perMonth.set(m, (counts = zero()));
    return counts;
  };
  for (const r of stopped) {
    const c = cell(r.service!, r.month);
    c.resolved += Number(r.resolved); c.resolutionMet += Number(r.resolution_met); c.responses += Number(r.responses);
    c.responseMet += Number(r.response_met); c.resolutionMs += Number(r.resolution_ms);
  }
  for (const r of breaches) cell(r.service!, r.month).breaches += Number(r.n);
  const current = new Map<string, { atRisk: number; breached: number }>();
  for (const r of open) {
    const s = current.get(r.service!) ?? { atRisk: 0, breached: 0 };
    s.breached += Number(r.breached);
    s.atRisk += Number(r.at_risk);
    current.set(r.service!, s);
    if (!byService.has(r.service!)) byService.set(r.service!, new Map());
  }
  const sum = (list: Counts[]) => list.reduce((a, c) => ({ resolved: a.resolved + c.resolved, resolutionMet: a.resolutionMet + c.resolutionMet, responses: a.responses + c.responses, responseMet: a.responseMet + c.responseMet, resolutionMs: a.resolutionMs + c.resolutionMs, breaches: a.breaches + c.breaches }), zero());
  const references = [...byService.keys()].sort();
  const names = references.length === 0 ? [] : await db.selectFrom('services').select(['reference', 'name']).where('reference', 'in', references).execute();
  const services: ServiceFigures[] = references.map((service) => {
    const perMonth = byService.get(service)!;
    return {
      service, name: names.find((n) => n.reference === service)?.name ?? null,
      ...figures(sum([...perMonth.values()])),
      atRiskNow: current.get(service)?.atRisk ?? 0, breachedOpenNow: current.get(service)?.breached ?? 0,
      months: months.map((m) => ({ month: m, ...figures(perMonth.get(m) ?? zero()) })),
    };
  });
  return {
    attainmentTarget,
    months: months.map((m) => ({ month: m, ...figures(sum(references.map((s) => byService.get(s)!.get(m) ?? zero()))) })),
    services,
    atRiskNow: services.reduce((a, s) => a + s.atRiskNow, 0),
    breachedOpenNow: services.reduce((a, s) => a + s.breachedOpenNow, 0),
    kpis: await slaKpis(db, period),
  };
}
