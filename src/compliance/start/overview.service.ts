import type { Database } from '../../platform/db/database.js';
import type { Permission } from '../../platform/auth/permissions.js';
import { openImprovementFacts, type OpenImprovementFacts } from '../../modules/improvements/index.js';
import { slaDashboard } from '../../modules/service-levels/index.js';
import type { Catalogue } from '../catalogue/catalogue.types.js';
import { maturityOf } from '../assessments/maturity.service.js';
import { snapshotOf } from '../assessments/worksheet.service.js';
import { readinessOf } from '../readiness/readiness.service.js';
import { closedAssessments, headsOf, openAssessments, type AssessmentHead } from './assessments.queries.js';

export interface SmsOverview {
  readiness?: { percentDone: number; done: number; inProgress: number; notStarted: number; notApplicable: number };
  /** From the latest completed or approved assessment; null when there is none. */
  assessment?: null | {
    head: AssessmentHead;
    maturity: { floor: number; average: number | null; minimum: number | null; rated: number; unrated: number; belowFloor: string[]; processes: { process: string; title: string; level: number | null }[] };
    findings: { major: number; minor: number; partial: number };
  };
  audits?: AssessmentHead[];
  /** `today` is the UTC day "overdue" is counted against (target date before it). */
  improvements?: OpenImprovementFacts & { today: string };
  sla?: {
    from: string; to: string; target: number;
    months: { month: string; attainmentPercent: number | null; breaches: number }[];
    attainmentPercent: number | null; atRiskNow: number; breachedOpenNow: number;
    /** Services and SLA KPIs below the attainment target over the period. */
    servicesOffTarget: { service: string; name: string | null; attainmentPercent: number }[];
    kpisOffTarget: { id: string; name: string; value: number }[];
  };
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Six whole months up to today (UTC), the service level dashboard's own default period. */
export function overviewPeriod(now: number): { from: number; to: number; fromDay: string; toDay: string } {
  const d = new Date(now);
  const from = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 5, 1);
  const toDay = isoDay(now);
  return { from, to: Date.parse(`${toDay}T00:00:00Z`) + 86_400_000, fromDay: isoDay(from), toDay };
}

/**
 * The SMS at a glance for those who run it: each figure computed by the service that owns it
 * (readiness checklist, maturity roll-up, improvement register, service level dashboard), and
 * only the figures whose records the reader may read.
 */
export async function smsOverview(database: Database, catalogue: Catalogue, allows: (p: Permission) => boolean, now = Date.now()): Promise<SmsOverview> {
  const { db, dialect } = database;
  const overview: SmsOverview = {};
  if (allows('readiness:read')) {
    const { totals, percentDone } = await readinessOf(db, catalogue);
    overview.readiness = { percentDone, done: totals.done, inProgress: totals['in-progress'], notStarted: totals['not-started'], notApplicable: totals['not-applicable'] };
  }
  if (allows('assessments:read')) {
    const [latest] = await closedAssessments(db, 1);
    if (latest) {
      const [head] = await headsOf(db, [latest]);
      const m = await maturityOf(db, catalogue, latest);
      const answers = [...(await snapshotOf(db, catalogue, latest)).answers.values()];
      overview.assessment = {
        head: head!,
        maturity: { floor: m.floor, average: m.average, minimum: m.minimum, rated: m.rated, unrated: m.unrated, belowFloor: m.belowFloor, processes: m.processes.map((p) => ({ process: p.process, title: p.title, level: p.level })) },
        findings: {
          major: answers.filter((a) => a.result === 'nonconformant' && a.grade === 'major').length,
          minor: answers.filter((a) => a.result === 'nonconformant' && a.grade === 'minor').length,
          partial: answers.filter((a) => a.result === 'partial').length,
        },
      };
    } else overview.assessment = null;
    overview.audits = await headsOf(db, await openAssessments(db));
  }
  if (allows('improvements:read')) overview.improvements = { ...(await openImprovementFacts(db, isoDay(now))), today: isoDay(now) };
  if (allows('service-level-dashboard:read')) {
    const period = overviewPeriod(now);
    const dashboard = await slaDashboard(db, dialect, { from: period.from, to: period.to }, now);
    const kpi = dashboard.kpis.find((k) => k.id === 'sla-attainment');
    overview.sla = {
      from: period.fromDay, to: period.toDay, target: dashboard.attainmentTarget,
      months: dashboard.months.map((m) => ({ month: m.month, attainmentPercent: m.attainmentPercent, breaches: m.breaches })),
      attainmentPercent: kpi?.value ?? null,
      atRiskNow: dashboard.atRiskNow, breachedOpenNow: dashboard.breachedOpenNow,
      servicesOffTarget: dashboard.services.flatMap((s) => (s.attainmentPercent !== null && s.attainmentPercent < dashboard.attainmentTarget ? [{ service: s.service, name: s.name, attainmentPercent: s.attainmentPercent }] : [])),
      kpisOffTarget: dashboard.kpis.flatMap((k) => (k.unit === 'percent' && k.value !== null && k.value < dashboard.attainmentTarget ? [{ id: k.id, name: k.name, value: k.value }] : [])),
    };
  }
  return overview;
}
