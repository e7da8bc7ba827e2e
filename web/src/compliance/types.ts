/** Shapes of the compliance API as the web app uses them (see docs/compliance.md). */

export type AnswerResult = 'conformant' | 'partial' | 'nonconformant' | 'not-assessed' | 'not-applicable';
export type Grade = 'major' | 'minor';
export type RuleOutcome = 'conformant' | 'partial' | 'nonconformant' | 'not-evaluable';

export type Evidence =
  | { kind: 'record'; reference: string; recordType: string; title: string }
  | { kind: 'attachment'; attachmentId: string; filename: string }
  | { kind: 'document'; title: string; location: string };

export type EvidenceInput =
  | { kind: 'record'; reference: string }
  | { kind: 'attachment'; attachmentId: string }
  | { kind: 'document'; title: string; location: string };

export interface Answer {
  requirementId: string;
  result: AnswerResult;
  grade: Grade | null;
  justification: string | null;
  notes: string | null;
  improvementOpportunity: string | null;
  followUp: string | null;
  evidence: Evidence[];
  assessorId: string;
  assessorName: string | null;
  answeredAt: string;
  version: number;
  carriedOver: boolean;
  carriedFrom: string | null;
}

export interface Suggestion {
  requirementId: string;
  rule: string;
  outcome: RuleOutcome;
  explanation: string;
  evidence: string[];
  evaluatedAt: string;
  frozen: boolean;
}

export interface ResultCounts {
  conformant: number;
  partial: number;
  nonconformant: number;
  'not-assessed': number;
  'not-applicable': number;
  unanswered: number;
}

export interface HeatmapCell {
  id: string;
  title: string;
  counts: ResultCounts;
  requirements: number;
  score: number | null;
  major: number;
  minor: number;
}

export interface AssessmentSummary {
  id: string;
  reference: string;
  title: string;
  kind: string;
  status: string;
  statusLabel: string;
  version: number;
  scope: { text: string | null; description: string; all: boolean; clauses: string[]; processes: string[] };
  basedOn: string | null;
  editable: boolean;
  problems: string[];
}

export interface WorksheetRow {
  id: string;
  clause: string;
  clauseNumber: string;
  clauseTitle: string;
  clauseGroup: string;
  process: string | null;
  title: string;
  statement: string;
  verify: string;
  typicalEvidence: string[];
  answer: Answer | null;
  suggestion: Suggestion | null;
}

export interface Worksheet {
  assessment: AssessmentSummary;
  totals: HeatmapCell;
  requirements: WorksheetRow[];
}

export interface AnswerDetail {
  requirementId: string;
  answer: Answer | null;
  suggestion: Suggestion | null;
}

export interface HeatmapView {
  assessment: AssessmentSummary;
  overall: HeatmapCell;
  byClause: HeatmapCell[];
  byProcess: (HeatmapCell & { clause: string; maturity: number | null })[];
}

export interface MaturityRating {
  process: string;
  clause: string;
  title: string;
  level: number | null;
  levelName: string | null;
  reason: string | null;
  assessorId: string | null;
  assessedAt: string | null;
  version: number;
  belowFloor: boolean;
}

export interface MaturityView {
  floor: number;
  processes: MaturityRating[];
  rated: number;
  unrated: number;
  average: number | null;
  minimum: number | null;
  belowFloor: string[];
  certificationCapable: boolean;
  levels: { level: number; name: string; characteristics: string; readiness: string }[];
}

export type ReadinessState = 'not-started' | 'in-progress' | 'done' | 'not-applicable';

export interface ReadinessItem {
  id: string;
  title: string;
  requirements: string[];
  clauses: string[];
  phases: string[];
  state: ReadinessState;
  notes: string | null;
  evidence: Evidence[];
  answeredBy: string | null;
  answeredByName: string | null;
  answeredAt: string | null;
  version: number;
  signals: { requirementId: string; outcome: RuleOutcome; explanation: string; evidence: string[] }[];
}

export interface ReadinessList {
  items: ReadinessItem[];
  totals: Record<string, number>;
  percentDone: number;
}

export interface Ref {
  id: string;
  title: string;
}

export interface Clause {
  id: string;
  number: string;
  parent: string | null;
  title: string;
  purpose: string;
  process: string | null;
  requirements: Ref[];
  children: Clause[];
}

export interface ClauseTree {
  catalogue: { id: string; title: string; standard: string; version: string; lastModified: string };
  items: Clause[];
}

export interface Requirement {
  id: string;
  clause: string;
  clauseNumber: string;
  clauseTitle: string;
  process: string | null;
  title: string;
  statement: string;
  verify: string;
  evidence: string[];
  relatedClauses: string[];
}

export interface RequirementDetail extends Requirement {
  mappings: { area: string; areaTitle: string; viaClause: string; framework: string; frameworkTitle: string; relationship: string; targets: Ref[] }[];
  readinessItems: Ref[];
  evidenceRequests: Ref[];
  pitfalls: Ref[];
  kpis: Ref[];
}

export interface Framework {
  id: string;
  title: string;
  version: string;
  publisher: string | null;
  href: string | null;
  areas: { id: string; title: string; clauses: string[]; relationship: string; targets: Ref[] }[];
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}
