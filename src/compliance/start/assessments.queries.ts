import type { Executor } from '../../platform/db/database.js';
import type { RecordRow } from '../../kernel/records/record-row.js';
import { stateLabel } from '../../kernel/workflow/workflow.js';
import { assessmentKinds, assessmentRecord } from '../assessments/assessment.record.js';
import { closedAssessmentStates } from '../assessments/assessment.workflow.js';
import { userNames } from '../assessments/worksheet.service.js';

export interface AssessmentHead {
  reference: string;
  title: string;
  kind: string;
  kindLabel: string;
  status: string;
  statusLabel: string;
  plannedStart: string | null;
  plannedEnd: string | null;
  leadAssessorName: string | null;
}

const openStates = assessmentRecord.workflow.states.filter((s) => !closedAssessmentStates.includes(s.id)).map((s) => s.id);

export async function headsOf(db: Executor, rows: RecordRow[]): Promise<AssessmentHead[]> {
  const names = await userNames(db, rows.map((r) => (r.lead_assessor as string | null) ?? null));
  return rows.map((r) => ({
    reference: r.reference, title: String(r.title), kind: String(r.kind), kindLabel: assessmentKinds.find((k) => k.value === r.kind)?.label ?? String(r.kind),
    status: r.status, statusLabel: stateLabel(assessmentRecord.workflow, r.status),
    plannedStart: (r.planned_start as string | null) ?? null, plannedEnd: (r.planned_end as string | null) ?? null,
    leadAssessorName: r.lead_assessor ? names.get(String(r.lead_assessor)) ?? null : null,
  }));
}

/** Assessments and audits planned or under way (9.2), the soonest planned first. */
export async function openAssessments(db: Executor, limit = 20): Promise<RecordRow[]> {
  return db.selectFrom('assessments').selectAll().where('status', 'in', openStates)
    .orderBy((eb) => eb.fn.coalesce('planned_start', eb.val('9999-12-31'))).orderBy('reference').limit(limit).execute() as Promise<RecordRow[]>;
}

/** Completed or approved assessments, the latest first. */
export async function closedAssessments(db: Executor, limit: number): Promise<RecordRow[]> {
  return db.selectFrom('assessments').selectAll().where('status', 'in', closedAssessmentStates)
    .orderBy('updated_at', 'desc').orderBy('reference', 'desc').limit(limit).execute() as Promise<RecordRow[]>;
}
