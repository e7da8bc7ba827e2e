import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import { linkedToTypes } from '../../kernel/links/link-queries.js';
import { publiclyUpdated } from '../../kernel/comments/comment-queries.js';
import { incidentWorkflow } from './incident.workflow.js';

export interface IncidentTrend {
  service: string;
  category: string;
  count: number;
  references: string[];
  lastAt: number;
}

/** Services and categories with at least `minimum` incidents opened since `from`: candidates for a problem. */
export async function incidentTrends(db: Executor, from: number, minimum: number): Promise<IncidentTrend[]> {
  const groups = await db.selectFrom('incidents')
    .select(['service', 'category', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.max('created_at').as('last_at')])
    .where('created_at', '>=', from).where('service', 'is not', null)
    .groupBy(['service', 'category'])
    .having(sql`count(*)`, '>=', minimum)
    .orderBy(sql`count(*)`, 'desc')
    .execute();
  const trends: IncidentTrend[] = [];
  for (const g of groups) {
    const refs = await db.selectFrom('incidents').select('reference').where('service', '=', g.service).where('category', '=', g.category)
      .where('created_at', '>=', from).orderBy('created_at', 'desc').limit(20).execute();
    trends.push({ service: g.service!, category: g.category, count: Number(g.n), references: refs.map((r) => r.reference), lastAt: Number(g.last_at) });
  }
  return trends;
}

/** Incidents on a service and category opened after an instant: how a closed problem recurs. */
export async function incidentsSince(db: Executor, service: string, category: string, after: number): Promise<{ count: number; lastAt: number | null }> {
  const row = await db.selectFrom('incidents').select([(eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.max('created_at').as('last_at')])
    .where('service', '=', service).where('category', '=', category).where('created_at', '>', after).executeTakeFirstOrThrow();
  return { count: Number(row.n), lastAt: row.last_at === null ? null : Number(row.last_at) };
}

/** The latest incidents on a service and category, newest first. */
export async function recentIncidents(db: Executor, service: string, category: string, limit: number): Promise<{ id: string; reference: string }[]> {
  return db.selectFrom('incidents').select(['id', 'reference']).where('service', '=', service).where('category', '=', category)
    .orderBy('created_at', 'desc').limit(limit).execute();
}

/** How many references a fact's evidence list carries at most. */
const sampleSize = 5;
const filled = (column: string) => sql<boolean>`(${sql.ref(column)} is not null and trim(${sql.ref(column)}) <> '')`;
const count = (condition: RawBuilder<boolean>) => sql<number>`sum(case when ${condition} then 1 else 0 end)`;
const done = incidentWorkflow.states.filter((s) => s.category === 'done').map((s) => s.id);

/** 8.6.1: what the incident records of a period show, counted in SQL, with a few references as samples. */
export interface IncidentRecordFacts {
  /** Incidents opened at or after this instant are counted. */
  since: number;
  recorded: number;
  /** With both a category and a priority. */
  classified: number;
  /** Resolved or closed. */
  resolved: number;
  /** Resolved with a resolution code and notes. */
  resolvedWithResolution: number;
  /** Resolved, with at least one public update written by someone other than the caller. */
  resolvedWithUserUpdate: number;
  /** With the SLA in force for its service, so its clocks ran against agreed targets. */
  underSla: number;
  /** Whether the organisation replaced the shipped impact × urgency matrix with its own. */
  priorityMatrix: 'default' | 'customised';
  /** Services named by these incidents, most incidents first (at most 50). */
  servicesNamed: { service: string; count: number }[];
  latest: string[];
  resolvedWithoutResolution: string[];
  resolvedWithoutUserUpdate: string[];
  majors: MajorIncidentFacts;
}

/** 8.6.1 major incidents of the period. */
export interface MajorIncidentFacts {
  count: number;
  withManager: number;
  /** Declared on an incident whose priority is P3 or P4. */
  belowHighPriority: number;
  closed: number;
  closedWithReview: number;
  /** Closed with a review and linked to a problem. */
  reviewedWithProblem: number;
  latest: string[];
  withoutManager: string[];
  closedWithoutReview: string[];
  reviewedWithoutProblem: string[];
}

async function references(query: Promise<{ reference: string }[]>): Promise<string[]> {
  return (await query).map((r) => r.reference);
}

/** Incidents opened since an instant: recorded, classified, resolved, users informed, major incidents. */
export async function incidentRecordFacts(db: Executor, since: number): Promise<IncidentRecordFacts> {
  const inPeriod = db.selectFrom('incidents').where('created_at', '>=', since);
  const resolved = inPeriod.where('status', 'in', done);
  const majors = inPeriod.where('major', '=', 1);
  const reviewed = filled('pir_summary');
  const withProblem = linkedToTypes('incidents.id', ['problem']);
  const updated = publiclyUpdated('incidents.id', 'incidents.caller_id');
  const hasResolution = sql<boolean>`(resolution_code is not null and ${filled('resolution_notes')})`;
  const latest = <T extends typeof inPeriod>(q: T) => references(q.select('reference').orderBy('created_at', 'desc').limit(sampleSize).execute());
  const [totals, majorTotals, matrixRows, services, samples] = await Promise.all([
    inPeriod.select((eb) => [
      eb.fn.countAll<number>().as('recorded'),
      count(sql`category is not null and priority is not null`).as('classified'),
      count(sql`status in (${sql.join(done)})`).as('resolved'),
      count(sql`status in (${sql.join(done)}) and ${hasResolution}`).as('with_resolution'),
      count(sql`status in (${sql.join(done)}) and ${updated}`).as('with_update'),
      count(sql`sla is not null`).as('under_sla'),
    ]).executeTakeFirstOrThrow(),
    majors.select((eb) => [
      eb.fn.countAll<number>().as('count'),
      count(sql`major_incident_manager_id is not null`).as('with_manager'),
      count(sql`priority in ('P3', 'P4')`).as('below_high'),
      count(sql`status = 'closed'`).as('closed'),
      count(sql`status = 'closed' and ${reviewed}`).as('closed_reviewed'),
      count(sql`status = 'closed' and ${reviewed} and ${withProblem}`).as('reviewed_with_problem'),
    ]).executeTakeFirstOrThrow(),
    db.selectFrom('incident_priority_matrix').select('priority').limit(1).execute(),
    inPeriod.where('service', 'is not', null).select(['service', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('service').orderBy(sql`count(*)`, 'desc').limit(50).execute(),
    Promise.all([
      latest(inPeriod),
      latest(resolved.where(sql<boolean>`not ${hasResolution}`)),
      latest(resolved.where(sql<boolean>`not ${updated}`)),
      latest(majors),
      latest(majors.where('major_incident_manager_id', 'is', null)),
      latest(majors.where('status', '=', 'closed').where(sql<boolean>`not ${reviewed}`)),
      latest(majors.where('status', '=', 'closed').where(reviewed).where(sql<boolean>`not ${withProblem}`)),
    ]),
  ]);
  const n = (v: unknown) => Number(v ?? 0);
  const [recent, withoutResolution, withoutUpdate, latestMajors, withoutManager, closedWithoutReview, reviewedWithoutProblem] = samples;
  return {
    since, recorded: n(totals.recorded), classified: n(totals.classified), resolved: n(totals.resolved),
    resolvedWithResolution: n(totals.with_resolution), resolvedWithUserUpdate: n(totals.with_update), underSla: n(totals.under_sla),
    priorityMatrix: matrixRows.length > 0 ? 'customised' : 'default',
    servicesNamed: services.map((s) => ({ service: s.service!, count: n(s.n) })),
    latest: recent, resolvedWithoutResolution: withoutResolution, resolvedWithoutUserUpdate: withoutUpdate,
    majors: {
      count: n(majorTotals.count), withManager: n(majorTotals.with_manager), belowHighPriority: n(majorTotals.below_high),
      closed: n(majorTotals.closed), closedWithReview: n(majorTotals.closed_reviewed), reviewedWithProblem: n(majorTotals.reviewed_with_problem),
      latest: latestMajors, withoutManager, closedWithoutReview, reviewedWithoutProblem,
    },
  };
}

/** Incidents on a service and category opened in the `span` ms before an instant, and in the `span` ms after it. */
export async function incidentsAround(db: Executor, service: string, category: string, at: number, span: number): Promise<{ before: number; after: number }> {
  const row = await db.selectFrom('incidents')
    .select([count(sql`created_at < ${at}`).as('before'), count(sql`created_at > ${at}`).as('after')])
    .where('service', '=', service).where('category', '=', category)
    .where('created_at', '>=', at - span).where('created_at', '<=', at + span)
    .executeTakeFirstOrThrow();
  return { before: Number(row.before ?? 0), after: Number(row.after ?? 0) };
}

/** Incidents opened in a period (optionally on one service), and how many are linked to a record of one of `types`. */
export async function incidentsLinkedTo(db: Executor, period: { from: number; to: number; service?: string }, types: readonly string[]): Promise<{ opened: number; linked: number }> {
  const row = await db.selectFrom('incidents')
    .select((eb) => [eb.fn.countAll<number>().as('opened'), count(linkedToTypes('incidents.id', types)).as('linked')])
    .where('created_at', '>=', period.from).where('created_at', '<', period.to)
    .$if(period.service !== undefined, (q) => q.where('service', '=', period.service!))
    .executeTakeFirstOrThrow();
  return { opened: Number(row.opened), linked: Number(row.linked ?? 0) };
}
