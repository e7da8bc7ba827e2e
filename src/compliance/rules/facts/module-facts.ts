import { catalogueFacts, type CustomerFact, type ServiceFact } from '../../../modules/services/index.js';
import { serviceLevelFacts, slaBreachFacts, type ServiceLevelFacts, type SlaBreachFacts } from '../../../modules/service-levels/index.js';
import { incidentRecordFacts, type IncidentRecordFacts } from '../../../modules/incidents/index.js';
import { problemFacts, type ProblemFacts } from '../../../modules/problems/index.js';
import { requestFacts, type RequestFacts } from '../../../modules/requests/index.js';
import { dayMs, yearMs, type FactContext } from '../rule.types.js';

/**
 * The thresholds the Clause 8 rules judge by, in one place. The modules' facts take them as
 * arguments, so no module carries knowledge of the standard.
 */
export const thresholds = {
  /** Records are counted over the last twelve months: the operating history an auditor samples. */
  periodMs: yearMs,
  /** An SLA breach still open this long after it happened has not been investigated promptly. */
  breachInvestigationDays: 30,
  /** A service and category with this many incidents in this many days is a trend worth a problem. */
  trend: { days: 30, threshold: 3 },
  /** Incidents are compared over up to this many days before and after a problem's closure… */
  comparisonDays: 90,
  /** …once it has been closed at least this long. */
  minimumDaysClosed: 14,
  /** Requests count as fulfilled within their targets when at least this share met them. */
  requestsWithinTargetShare: 0.9,
  /** Closure counts as confirmed with requesters when at least this share of closed requests carry their confirmation and rating. */
  requestsConfirmedShare: 0.8,
} as const;

export const catalogue = (ctx: FactContext): Promise<{ services: ServiceFact[]; customers: CustomerFact[] }> =>
  ctx.once('catalogue', () => catalogueFacts(ctx.db));

export const serviceLevels = (ctx: FactContext): Promise<ServiceLevelFacts> =>
  ctx.once('service-levels', () => serviceLevelFacts(ctx.db, ctx.now));

export const incidents = (ctx: FactContext): Promise<IncidentRecordFacts> =>
  ctx.once('incidents', () => incidentRecordFacts(ctx.db, ctx.now - thresholds.periodMs));

export const slaBreaches = (ctx: FactContext): Promise<SlaBreachFacts> =>
  ctx.once('sla-breaches', () => slaBreachFacts(ctx.db, ctx.now - thresholds.periodMs, ctx.now, thresholds.breachInvestigationDays * dayMs));

export const problems = (ctx: FactContext): Promise<ProblemFacts> =>
  ctx.once('problems', () => problemFacts(ctx.db, {
    now: ctx.now, since: ctx.now - thresholds.periodMs, trend: thresholds.trend,
    comparisonDays: thresholds.comparisonDays, minimumDaysClosed: thresholds.minimumDaysClosed,
  }));

export const requests = (ctx: FactContext): Promise<RequestFacts> =>
  ctx.once('requests', () => requestFacts(ctx.db, ctx.now - thresholds.periodMs));
