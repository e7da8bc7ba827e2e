import { Type, type TSchema } from 'typebox';
import { answerResults, findingGrades } from './answer-rules.js';
import { Evidence, EvidenceInput, maxEvidencePerAnswer } from './evidence.js';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const literals = <const T extends readonly string[]>(values: T, options: { description?: string } = {}) => Type.Enum(values, options);

export const RequirementId = Type.String({ pattern: '^[0-9]+(\\.[0-9]+)*-[0-9]{2}$', examples: ['8.6.3-02'] });
export const ProcessSlug = Type.String({ pattern: '^[a-z][a-z0-9-]{1,80}$', examples: ['incident-management'] });
export const AssessmentReference = Type.String({ pattern: '^[A-Za-z]{2,6}-\\d{1,12}$', examples: ['ASM-000001'] });

export const AnswerParams = Type.Object({ key: Type.String({ pattern: '^([0-9a-f-]{36}|[A-Za-z]{2,6}-\\d{1,12})$' }), requirementId: RequirementId });
export const MaturityParams = Type.Object({ key: Type.String({ pattern: '^([0-9a-f-]{36}|[A-Za-z]{2,6}-\\d{1,12})$' }), process: ProcessSlug });

export const AnswerBody = Type.Object({
  result: literals(answerResults, { description: 'The assessor\'s judgement; not-applicable only for Clause 8 requirements, with a justification' }),
  grade: Type.Optional(Nullable(literals(findingGrades, { description: 'Required for a nonconformity' }))),
  justification: Type.Optional(Nullable(Type.String({ maxLength: 4000, description: 'Why a requirement is not applicable' }))),
  notes: Type.Optional(Nullable(Type.String({ maxLength: 20000 }))),
  improvementOpportunity: Type.Optional(Nullable(Type.String({ maxLength: 4000, description: 'An opportunity for improvement, with a conformant or partial result' }))),
  followUp: Type.Optional(Nullable(Type.String({ pattern: '^[A-Za-z]{2,6}-\\d{1,12}$', description: 'The record that follows the finding up (e.g. IMP-000004)' }))),
  evidence: Type.Optional(Type.Array(EvidenceInput, { maxItems: maxEvidencePerAnswer })),
}, { additionalProperties: false, title: 'Answer' });

const RuleOutcome = literals(['conformant', 'partial', 'nonconformant', 'not-evaluable']);
export const Suggestion = Type.Object({
  requirementId: Type.String(), rule: Type.String(), outcome: RuleOutcome, explanation: Type.String(), evidence: Type.Array(Type.String()),
  evaluatedAt: Type.String({ format: 'date-time' }),
  frozen: Type.Boolean({ description: 'True once the assessment is completed: the suggestion as it stood then' }),
}, { title: 'Rule suggestion' });
export const RuleResultView = Type.Object({
  requirementId: Type.String(), rule: Type.String(), outcome: RuleOutcome, explanation: Type.String(), evidence: Type.Array(Type.String()),
}, { title: 'Rule result' });

export const AnswerView = Type.Object({
  requirementId: Type.String(),
  result: literals(answerResults),
  grade: Nullable(literals(findingGrades)),
  justification: Nullable(Type.String()),
  notes: Nullable(Type.String()),
  improvementOpportunity: Nullable(Type.String()),
  followUp: Nullable(Type.String()),
  evidence: Type.Array(Evidence),
  assessorId: Type.String(),
  assessorName: Nullable(Type.String()),
  answeredAt: Type.String({ format: 'date-time' }),
  version: Type.Integer({ description: 'Send it back as If-Match; 0 for an answer carried over and not yet saved here' }),
  carriedOver: Type.Boolean(),
  carriedFrom: Nullable(Type.String()),
}, { title: 'Answer as saved' });

const Counts = Type.Object({
  conformant: Type.Integer(), partial: Type.Integer(), nonconformant: Type.Integer(),
  'not-assessed': Type.Integer(), 'not-applicable': Type.Integer(), unanswered: Type.Integer(),
});
export const HeatmapCell = Type.Object({
  id: Type.String(), title: Type.String(), counts: Counts, requirements: Type.Integer(),
  score: Nullable(Type.Integer({ description: 'Conformant share of assessed requirements, partial counting half (0-100)' })),
  major: Type.Integer(), minor: Type.Integer(),
});

export const AssessmentSummary = Type.Object({
  id: Type.String(), reference: Type.String(), title: Type.String(), kind: Type.String(), status: Type.String(), statusLabel: Type.String(), version: Type.Integer(),
  scope: Type.Object({ text: Nullable(Type.String()), description: Type.String(), all: Type.Boolean(), clauses: Type.Array(Type.String()), processes: Type.Array(Type.String()) }),
  basedOn: Nullable(Type.String()),
  editable: Type.Boolean({ description: 'False once completed or approved' }),
  problems: Type.Array(Type.String(), { description: 'Scope entries ignored, or a base that could not be carried over' }),
});

const WorksheetRow = Type.Object({
  id: Type.String(), clause: Type.String(), clauseNumber: Type.String(), clauseTitle: Type.String(), clauseGroup: Type.String(),
  process: Nullable(Type.String()), title: Type.String(), statement: Type.String(), verify: Type.String(), typicalEvidence: Type.Array(Type.String()),
  answer: Nullable(AnswerView),
  suggestion: Nullable(Suggestion),
});

export const Worksheet = Type.Object({
  assessment: AssessmentSummary,
  totals: HeatmapCell,
  requirements: Type.Array(WorksheetRow),
}, { title: 'Assessment worksheet' });

export const WorksheetQuery = Type.Object({
  clause: Type.Optional(Type.String({ maxLength: 30, description: 'Only requirements of this clause (or clause group, e.g. 8.6)' })),
  process: Type.Optional(ProcessSlug),
}, { additionalProperties: false });

export const AnswerDetail = Type.Object({ requirementId: Type.String(), answer: Nullable(AnswerView), suggestion: Nullable(Suggestion) });

const MaturityRating = Type.Object({
  process: Type.String(), clause: Type.String(), title: Type.String(), level: Nullable(Type.Integer()), levelName: Nullable(Type.String()),
  reason: Nullable(Type.String()), assessorId: Nullable(Type.String()), assessedAt: Nullable(Type.String({ format: 'date-time' })),
  version: Type.Integer(), belowFloor: Type.Boolean({ description: 'Rated below level 3 (Established)' }),
});
export const MaturityView = Type.Object({
  floor: Type.Integer(), processes: Type.Array(MaturityRating), rated: Type.Integer(), unrated: Type.Integer(),
  average: Nullable(Type.Number()), minimum: Nullable(Type.Integer()), belowFloor: Type.Array(Type.String()), certificationCapable: Type.Boolean(),
  levels: Type.Array(Type.Object({ level: Type.Integer(), name: Type.String(), characteristics: Type.String(), readiness: Type.String() })),
}, { title: 'Maturity' });
export const MaturityRatingView = MaturityRating;
export const MaturityBody = Type.Object({
  level: Type.Integer({ minimum: 0, maximum: 5 }),
  reason: Type.String({ minLength: 1, maxLength: 4000, description: 'The evidence that puts the process at this level' }),
}, { additionalProperties: false });

const Movement = literals(['improved', 'regressed', 'unchanged', 'not-comparable']);
const ResultGrade = Nullable(Type.Object({ result: Type.String(), grade: Nullable(Type.String()) }));
export const ComparisonQuery = Type.Object({ with: AssessmentReference }, { additionalProperties: false });
export const ComparisonView = Type.Object({
  before: Type.Object({ reference: Type.String(), title: Type.String(), status: Type.String() }),
  after: Type.Object({ reference: Type.String(), title: Type.String(), status: Type.String() }),
  totals: Type.Object({ improved: Type.Integer(), regressed: Type.Integer(), unchanged: Type.Integer(), 'not-comparable': Type.Integer() }),
  items: Type.Array(Type.Object({ requirementId: Type.String(), clause: Type.String(), title: Type.String(), before: ResultGrade, after: ResultGrade, movement: Movement })),
}, { title: 'Comparison of two assessments' });

export const HeatmapView = Type.Object({
  assessment: AssessmentSummary,
  overall: HeatmapCell,
  byClause: Type.Array(HeatmapCell),
  byProcess: Type.Array(Type.Object({ ...HeatmapCell.properties, clause: Type.String(), maturity: Nullable(Type.Integer()) })),
}, { title: 'Heatmap data' });
