import type { Executor } from '../../platform/db/database.js';
import type { RecordRow } from '../../kernel/records/record-row.js';
import { getClause } from '../catalogue/catalogue.queries.js';
import type { Catalogue, Requirement } from '../catalogue/catalogue.types.js';
import type { Answer } from '../assessments/answers.service.js';
import { assessmentKinds } from '../assessments/assessment.record.js';
import { clauseGroupOf, clauseGroups } from '../assessments/assessment-scope.js';
import { heatmapOf } from '../assessments/heatmap.js';
import { maturityOf, type MaturityRollUp } from '../assessments/maturity.service.js';
import { snapshotOf, userNames } from '../assessments/worksheet.service.js';
import { readinessOf } from '../readiness/readiness.service.js';
import { assessmentRecord } from '../assessments/assessment.record.js';
import { stateLabel } from '../../kernel/workflow/workflow.js';

export interface ReportRow {
  requirement: Requirement;
  clauseTitle: string;
  group: string;
  process: string | null;
  answer: Answer | null;
  assessorName: string | null;
}

/** Everything the workbook, the PDF report and the OSCAL export say about one assessment. */
export interface AssessmentReport {
  catalogue: Catalogue;
  assessment: RecordRow;
  title: string;
  kindLabel: string;
  statusLabel: string;
  scopeText: string;
  leadAssessorName: string | null;
  rows: ReportRow[];
  groups: { id: string; title: string; rows: ReportRow[] }[];
  heatmap: ReturnType<typeof heatmapOf>;
  maturity: MaturityRollUp;
  readiness: Awaited<ReturnType<typeof readinessOf>>;
  generatedAt: number;
}

export async function assessmentReportOf(db: Executor, catalogue: Catalogue, assessment: RecordRow, now = Date.now()): Promise<AssessmentReport> {
  const snapshot = await snapshotOf(db, catalogue, assessment);
  const names = await userNames(db, [...[...snapshot.answers.values()].map((a) => a.assessorId), (assessment.lead_assessor as string | null) ?? null]);
  const rows = snapshot.requirements.map((requirement): ReportRow => {
    const clause = getClause(catalogue, requirement.clause);
    const answer = snapshot.answers.get(requirement.id) ?? null;
    return { requirement, clauseTitle: clause.title, group: clauseGroupOf(catalogue, requirement.clause), process: clause.process, answer, assessorName: answer ? names.get(answer.assessorId) ?? null : null };
  });
  const groups = clauseGroups(catalogue).map((g) => ({ ...g, rows: rows.filter((r) => r.group === g.id) })).filter((g) => g.rows.length > 0);
  return {
    catalogue, assessment,
    title: String(assessment.title),
    kindLabel: assessmentKinds.find((k) => k.value === assessment.kind)?.label ?? String(assessment.kind),
    statusLabel: stateLabel(assessmentRecord.workflow, assessment.status),
    scopeText: snapshot.scopeText,
    leadAssessorName: typeof assessment.lead_assessor === 'string' ? names.get(assessment.lead_assessor) ?? null : null,
    rows, groups,
    heatmap: heatmapOf(catalogue, snapshot.requirements, snapshot.answers),
    maturity: await maturityOf(db, catalogue, assessment),
    readiness: await readinessOf(db, catalogue),
    generatedAt: now,
  };
}

export const resultLabels: Record<string, string> = {
  conformant: 'Conformant', partial: 'Partial', nonconformant: 'Nonconformant', 'not-assessed': 'Not assessed', 'not-applicable': 'Not applicable', unanswered: 'Not answered',
};

/**
 * The heatmap's colours (RGB hex) in the workbook and the PDF: the same light shades the web
 * page uses (web/src/compliance/HeatmapPage.tsx and results.ts, Mantine's default palette), so a
 * printed heatmap reads like the screen; dark text stays readable on every one.
 */
export const resultColours: Record<string, string> = {
  conformant: 'D3F9D8', // green-1
  partial: 'FFF3BF', // yellow-1
  nonconformant: 'FFC9C9', // red-2
  'not-assessed': 'E7F5FF', // blue-0
  'not-applicable': 'F1F3F5', // gray-1
  unanswered: 'F8F9FA', // gray-0
};

/** The results a heatmap counts, in the order its columns show them. */
export const heatmapResults = ['conformant', 'partial', 'nonconformant', 'not-applicable', 'not-assessed', 'unanswered'] as const;

/** A fill's (RGB hex) relative luminance, 0 for black to 1 for white: what decides the text colour on it. */
export function luminance(fill: string): number {
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(fill.slice(i, i + 2), 16) / 255);
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** A score's band, as the web page names and colours it: strong, good, fair, weak, poor. */
export function scoreBand(score: number | null): { word: string; fill: string } {
  if (score === null) return { word: 'not assessed', fill: 'F1F3F5' }; // gray-1
  if (score >= 85) return { word: 'strong', fill: 'B2F2BB' }; // green-2
  if (score >= 70) return { word: 'good', fill: 'D8F5A2' }; // lime-2
  if (score >= 50) return { word: 'fair', fill: 'FFEC99' }; // yellow-2
  if (score >= 30) return { word: 'weak', fill: 'FFD8A8' }; // orange-2
  return { word: 'poor', fill: 'FFC9C9' }; // red-2
}

export function scoreColour(score: number | null): string {
  return scoreBand(score).fill;
}

export function resultText(answer: Answer | null): string {
  if (!answer) return resultLabels.unanswered!;
  const label = resultLabels[answer.result] ?? answer.result;
  return answer.grade ? `${label} (${answer.grade})` : label;
}

export function fileStem(assessment: RecordRow): string {
  return `${assessment.reference}-${String(assessment.kind)}`;
}
