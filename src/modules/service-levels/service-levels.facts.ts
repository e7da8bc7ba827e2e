import type { Executor } from '../../platform/db/database.js';
import { servicesInStatus } from '../services/index.js';
import { compareTargets, underpinningTerms } from './agreement-warnings.js';
import { measures, priorities, targetsOfRow } from './agreement-targets.js';
import { inForce } from './agreement.workflow.js';

/** 8.3.3: one agreement as the compliance rules read it. */
export interface AgreementFact {
  reference: string;
  kind: 'sla' | 'ola' | 'contract';
  status: string;
  /** The SLA's service, or null for an OLA or contract. */
  service: string | null;
  /** The SLA an OLA or contract supports. */
  supportsSla: string | null;
  targetCount: number;
  /** Priorities the agreement sets no resolution target for (8.6.1: resolution targets per priority). */
  prioritiesWithoutResolutionTarget: string[];
  /** YYYY-MM-DD, or null when no review is planned. */
  reviewDate: string | null;
  /** In force and its planned review date has passed. */
  reviewOverdue: boolean;
  /** For an SLA: how many warnings its underpinning agreements raise. */
  warningCount: number;
}

export interface ServiceLevelFacts {
  agreements: AgreementFact[];
  /** Live services with no SLA in force (8.3.3: services and targets agreed in SLAs). */
  liveServicesWithoutSla: string[];
}

function targetCount(row: Record<string, unknown>): number {
  const targets = targetsOfRow(row);
  return priorities.reduce((n, p) => n + measures.filter((m) => targets[p][m] !== null).length, 0);
}

function withoutResolutionTarget(row: Record<string, unknown>): string[] {
  const targets = targetsOfRow(row);
  return priorities.filter((p) => targets[p].resolution === null);
}

/** Agreements, their reviews and warnings, and the live services they leave uncovered. */
export async function serviceLevelFacts(db: Executor, now = Date.now()): Promise<ServiceLevelFacts> {
  const today = new Date(now).toISOString().slice(0, 10);
  const overdue = (status: string, date: string | null) => inForce.includes(status) && date !== null && date < today;
  const agreements: AgreementFact[] = [];
  const slas = await db.selectFrom('slas').selectAll().orderBy('reference').execute();
  for (const s of slas) {
    const { sla, underpinning } = await underpinningTerms(db, s.id);
    agreements.push({
      reference: s.reference, kind: 'sla', status: s.status, service: s.service, supportsSla: null, targetCount: targetCount(s), prioritiesWithoutResolutionTarget: withoutResolutionTarget(s),
      reviewDate: s.review_date, reviewOverdue: overdue(s.status, s.review_date),
      warningCount: s.status === 'retired' ? 0 : compareTargets(sla, underpinning).length,
    });
  }
  for (const [kind, table] of [['ola', 'olas'], ['contract', 'underpinning_contracts']] as const) {
    const rows = await db.selectFrom(table).selectAll().orderBy('reference').execute();
    for (const r of rows) {
      agreements.push({
        reference: r.reference, kind, status: r.status, service: null, supportsSla: r.supports_sla, targetCount: targetCount(r), prioritiesWithoutResolutionTarget: withoutResolutionTarget(r),
        reviewDate: r.review_date, reviewOverdue: overdue(r.status, r.review_date), warningCount: 0,
      });
    }
  }
  const covered = new Set(agreements.filter((a) => a.kind === 'sla' && inForce.includes(a.status)).map((a) => a.service));
  const liveServicesWithoutSla = (await servicesInStatus(db, 'live')).filter((s) => !covered.has(s.reference)).map((s) => s.reference);
  return { agreements, liveServicesWithoutSla };
}
