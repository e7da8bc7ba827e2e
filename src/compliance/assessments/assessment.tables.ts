import type { RecordColumns } from '../../kernel/kernel.tables.js';

export interface AssessmentTable extends RecordColumns {
  title: string;
  kind: string;
  scope: string | null;
  based_on: string | null;
  lead_assessor: string | null;
  planned_start: string | null;
  planned_end: string | null;
  objectives: string | null;
  conclusion: string | null;
  approval_note: string | null;
}

/** One assessor judgement per requirement and assessment; carried-over answers are not stored twice. */
export interface AssessmentAnswerTable {
  id: string;
  assessment_id: string;
  requirement_id: string;
  result: string;
  grade: string | null;
  justification: string | null;
  notes: string | null;
  improvement_opportunity: string | null;
  follow_up: string | null;
  /** JSON array of evidence references (see evidence.ts). */
  evidence: unknown;
  assessor_id: string;
  answered_at: number;
  version: number;
}

export interface AssessmentMaturityTable {
  id: string;
  assessment_id: string;
  process: string;
  level: number;
  reason: string;
  assessor_id: string;
  assessed_at: number;
  version: number;
}

/** A rule's suggestion frozen when the assessment was completed. */
export interface AssessmentRuleResultTable {
  assessment_id: string;
  requirement_id: string;
  rule: string;
  outcome: string;
  explanation: string;
  evidence: unknown;
  evaluated_at: number;
}

declare module '../../platform/db/tables.js' {
  interface CertusTables {
    assessments: AssessmentTable;
    assessment_answers: AssessmentAnswerTable;
    assessment_maturity: AssessmentMaturityTable;
    assessment_rule_results: AssessmentRuleResultTable;
  }
}
