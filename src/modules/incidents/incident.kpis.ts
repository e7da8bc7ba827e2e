import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.js';

export interface KpiPeriod {
  from: number;
  to: number;
  service?: string;
}

export interface KpiValue {
  id: string;
  name: string;
  value: number | null;
  unit: 'count' | 'percent' | 'hours' | 'days';
  numerator: number | null;
  denominator: number | null;
  definition: string;
}

/** Resolutions that say the incident was not a real fault do not count towards resolution times. */
export const excludedResolutionCodes = ['duplicate', 'withdrawn'];

const hour = 3_600_000;
/** A caller reporting the same category again within this many days counts as a recurring incident. */
export const recurrenceDays = 30;

/** A share as a percentage with one decimal, or null when there is nothing to divide by. */
export function percent(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : Math.round((numerator / denominator) * 1000) / 10;
}

/**
 * Incident KPIs for a period, each computed in SQL on either database. Definitions are part of
 * the answer, so a report can print exactly what was counted.
 */
export async function incidentKpis(db: Executor, period: KpiPeriod, serviceDeskGroup = 'Service desk'): Promise<KpiValue[]> {
  const opened = db.selectFrom('incidents').where('created_at', '>=', period.from).where('created_at', '<', period.to)
    .$if(period.service !== undefined, (q) => q.where('service', '=', period.service!));
  const resolved = db.selectFrom('incidents').where('resolved_at', '>=', period.from).where('resolved_at', '<', period.to)
    .where((eb) => eb.or([eb('resolution_code', 'is', null), eb('resolution_code', 'not in', excludedResolutionCodes)]))
    .$if(period.service !== undefined, (q) => q.where('service', '=', period.service!));

  const openedRow = await opened.select((eb) => [
    eb.fn.countAll<number>().as('total'),
    eb.fn.sum<number>(sql`case when major = 1 then 1 else 0 end`).as('majors'),
    eb.fn.sum<number>(sql`case when priority = 'P1' then 1 else 0 end`).as('p1'),
  ]).executeTakeFirstOrThrow();

  const resolvedRow = await resolved.select((eb) => [
    eb.fn.countAll<number>().as('total'),
    eb.fn.avg<number>(sql`resolved_at - created_at`).as('mean_ms'),
    eb.fn.sum<number>(sql`case when reassignment_count > 0 then 1 else 0 end`).as('reassigned'),
    eb.fn.sum<number>(sql`case when reopen_count > 0 then 1 else 0 end`).as('reopened'),
    eb.fn.sum<number>(sql`case when reassignment_count = 0 and assignment_group = ${serviceDeskGroup} then 1 else 0 end`).as('first_contact'),
    eb.fn.avg<number>(sql`case when major = 1 then resolved_at - coalesce(major_declared_at, created_at) end`).as('major_mean_ms'),
  ]).executeTakeFirstOrThrow();

  const resolvedCount = Number(resolvedRow.total);
  // Median: the middle row(s) of the ordered durations, fetched with LIMIT/OFFSET on both databases.
  let median: number | null = null;
  if (resolvedCount > 0) {
    const middle = await resolved.select(sql<number>`resolved_at - created_at`.as('d'))
      .orderBy(sql`resolved_at - created_at`).limit(resolvedCount % 2 === 0 ? 2 : 1).offset(Math.floor((resolvedCount - 1) / 2)).execute();
    median = middle.reduce((sum, r) => sum + Number(r.d), 0) / middle.length;
  }

  // 8.6.1: a major incident repeats when the same service had another within the previous 90 days.
  const repeats = await db.selectFrom('incidents as m')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('m.major', '=', 1).where('m.created_at', '>=', period.from).where('m.created_at', '<', period.to)
    .$if(period.service !== undefined, (q) => q.where('m.service', '=', period.service!))
    .where((eb) => eb.exists(eb.selectFrom('incidents as p').select('p.id')
      .where('p.major', '=', 1).whereRef('p.service', '=', 'm.service').whereRef('p.id', '<>', 'm.id')
      .whereRef('p.created_at', '<', 'm.created_at').where(sql<boolean>`p.created_at >= m.created_at - ${90 * 24 * hour}`)))
    .executeTakeFirstOrThrow();

  // 8.6.3: the same caller back with the same kind of fault soon after is a sign of an unremoved cause.
  const recurring = await db.selectFrom('incidents as i')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('i.created_at', '>=', period.from).where('i.created_at', '<', period.to).where('i.caller_id', 'is not', null)
    .$if(period.service !== undefined, (q) => q.where('i.service', '=', period.service!))
    .where((eb) => eb.exists(eb.selectFrom('incidents as e').select('e.id')
      .whereRef('e.caller_id', '=', 'i.caller_id').whereRef('e.category', '=', 'i.category')
      .whereRef('e.created_at', '<', 'i.created_at').where(sql<boolean>`e.created_at >= i.created_at - ${recurrenceDays * 24 * hour}`)))
    .executeTakeFirstOrThrow();

  const total = Number(openedRow.total);
  const majors = Number(openedRow.majors ?? 0);
  const reassigned = Number(resolvedRow.reassigned ?? 0);
  const reopened = Number(resolvedRow.reopened ?? 0);
  const firstContact = Number(resolvedRow.first_contact ?? 0);
  // Resolved means resolved at a time in the period: an incident whose resolution time is unknown has none.
  const unplaced = 'Incidents whose resolution time is unknown are left out (excludedUnknownDuration counts them).';
  const hours = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : Math.round((Number(ms) / hour) * 100) / 100);
  return [
    { id: 'incidents-opened', name: 'Incidents opened', value: total, unit: 'count', numerator: total, denominator: null, definition: 'Incidents recorded in the period (by creation time).' },
    { id: 'p1-share', name: 'P1 share', value: percent(Number(openedRow.p1 ?? 0), total), unit: 'percent', numerator: Number(openedRow.p1 ?? 0), denominator: total, definition: 'Incidents opened in the period whose priority is P1, over all opened.' },
    { id: 'mttr', name: 'Mean time to resolve (wall clock)', value: hours(resolvedRow.mean_ms), unit: 'hours', numerator: null, denominator: resolvedCount, definition: `Mean of resolved time − opened time over incidents resolved in the period, excluding resolution codes ${excludedResolutionCodes.join(', ')} and incidents whose resolution time is unknown (excludedUnknownDuration counts them). Reopened incidents count from their latest resolution.` },
    { id: 'median-ttr', name: 'Median time to resolve (wall clock)', value: hours(median), unit: 'hours', numerator: null, denominator: resolvedCount, definition: 'Median of the same durations as the mean time to resolve.' },
    { id: 'first-contact-resolution', name: 'First-contact resolution', value: percent(firstContact, resolvedCount), unit: 'percent', numerator: firstContact, denominator: resolvedCount, definition: `Resolved incidents never reassigned and resolved by the "${serviceDeskGroup}" group, over all resolved in the period. ${unplaced}` },
    { id: 'reassignment-rate', name: 'Reassignment rate', value: percent(reassigned, resolvedCount), unit: 'percent', numerator: reassigned, denominator: resolvedCount, definition: `Resolved incidents reassigned at least once between groups, over all resolved in the period. ${unplaced}` },
    { id: 'reopen-rate', name: 'Reopen rate', value: percent(reopened, resolvedCount), unit: 'percent', numerator: reopened, denominator: resolvedCount, definition: `Resolved incidents reopened at least once, over all resolved in the period. ${unplaced}` },
    { id: 'major-incidents', name: 'Major incidents', value: majors, unit: 'count', numerator: majors, denominator: null, definition: 'Incidents opened in the period that were declared major.' },
    { id: 'major-duration', name: 'Mean major-incident duration', value: hours(resolvedRow.major_mean_ms), unit: 'hours', numerator: null, denominator: null, definition: 'Mean of resolved time − declaration time over major incidents resolved in the period.' },
    { id: 'recurring-incidents', name: 'Recurring incidents', value: percent(Number(recurring.n), total), unit: 'percent', numerator: Number(recurring.n), denominator: total, definition: `Incidents opened in the period whose caller had reported another incident of the same category in the ${recurrenceDays} days before, over all opened in the period.` },
    { id: 'major-repeat-rate', name: 'Major-incident repeat rate', value: percent(Number(repeats.n), majors), unit: 'percent', numerator: Number(repeats.n), denominator: majors, definition: 'Major incidents opened in the period whose service had another major incident in the 90 days before, over all major incidents opened.' },
  ];
}

/** Incidents left out of the duration KPIs because their resolution time is unknown. */
export interface UnknownDurations {
  count: number;
  definition: string;
}

/**
 * Incidents resolved or closed whose resolution time nobody knows (an import found none: the
 * time is never made up), by when they were closed or else last updated. They count in no
 * duration KPI, which cannot place them in a period by a resolution time they lack.
 */
export async function unknownDurations(db: Executor, period: KpiPeriod): Promise<UnknownDurations> {
  const row = await db.selectFrom('incidents').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('resolved_at_unknown', '=', 1).where('resolved_at', 'is', null).where('status', 'in', ['resolved', 'closed'])
    .where(sql<number>`coalesce(closed_at, updated_at)`, '>=', period.from).where(sql<number>`coalesce(closed_at, updated_at)`, '<', period.to)
    .$if(period.service !== undefined, (q) => q.where('service', '=', period.service!))
    .executeTakeFirstOrThrow();
  const count = Number(row.n);
  return {
    count,
    definition: `${count.toLocaleString('en-GB')} ${count === 1 ? 'incident' : 'incidents'} closed or resolved in the period with no known resolution time (imported without one) ${count === 1 ? 'is' : 'are'} left out of the time-to-resolve figures.`,
  };
}

/** The SLA outcome the source tool exported for imported incidents: not Certus' clock-based attainment. */
export interface ExportedSla {
  source: string;
  met: number;
  total: number;
  percent: number | null;
  definition: string;
}

/**
 * SLA attainment of imported history as the source tool recorded it (ServiceNow made_sla, kept on
 * each imported incident): Certus ran no SLA clock for that history, so this figure is kept apart
 * from its own attainment and says where it comes from. Null when no incident opened in the
 * period has one.
 */
export async function exportedSla(db: Executor, period: KpiPeriod): Promise<ExportedSla | null> {
  const row = await db.selectFrom('incidents')
    .select((eb) => [eb.fn.countAll<number>().as('total'), eb.fn.sum<number>(sql`case when imported_made_sla = 1 then 1 else 0 end`).as('met')])
    .where('imported_made_sla', 'is not', null).where('created_at', '>=', period.from).where('created_at', '<', period.to)
    .$if(period.service !== undefined, (q) => q.where('service', '=', period.service!))
    .executeTakeFirstOrThrow();
  const total = Number(row.total);
  if (total === 0) return null;
  const met = Number(row.met ?? 0);
  const share = percent(met, total);
  return {
    source: 'ServiceNow export (made_sla of each imported incident)',
    met, total, percent: share,
    definition: `SLA met (as exported by ServiceNow): ${met.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')} (${share} %) imported incidents opened in the period, as the export's made_sla says. Certus ran no SLA clock for them; its own attainment is on the SLA dashboard.`,
  };
}
