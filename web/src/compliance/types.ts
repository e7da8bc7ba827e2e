/**
 * Shapes of the compliance API as the web app uses them (see docs/compliance.md): aliases of the
 * types generated from the server's OpenAPI document (../shared/api.generated.ts, `npm run api-types`).
 */
import type { ApiRequestBody, ApiResponse } from '../shared/api-schema';

export type Worksheet = ApiResponse<'assessment-worksheet'>;
export type AssessmentSummary = Worksheet['assessment'];
export type HeatmapCell = Worksheet['totals'];
export type ResultCounts = HeatmapCell['counts'];
export type WorksheetRow = Worksheet['requirements'][number];

export type AnswerDetail = ApiResponse<'get-assessment-answer'>;
export type Answer = ApiResponse<'save-assessment-answer'>;
export type Suggestion = NonNullable<AnswerDetail['suggestion']>;
export type AnswerResult = Answer['result'];
export type Grade = NonNullable<Answer['grade']>;
export type RuleOutcome = Suggestion['outcome'];
/** Evidence as the API shows it: a record, an attachment or a document, with what names it. */
export type Evidence = Answer['evidence'][number];
/** Evidence as the API takes it. */
export type EvidenceInput = NonNullable<ApiRequestBody<'save-assessment-answer'>['evidence']>[number];

export type HeatmapView = ApiResponse<'assessment-heatmap'>;

export type MaturityView = ApiResponse<'assessment-maturity'>;
export type MaturityRating = MaturityView['processes'][number];

export type ReadinessList = ApiResponse<'list-readiness'>;
export type ReadinessItem = ReadinessList['items'][number];
export type ReadinessState = ReadinessItem['state'];

export type ClauseTree = Omit<ApiResponse<'list-catalogue-clauses'>, 'items'> & { items: Clause[] };
type ClauseLevel = ApiResponse<'list-catalogue-clauses'>['items'][number];
/**
 * A clause and its sub-clauses. The document spells out each level of nesting to a fixed depth
 * (catalogue.schemas.ts) while the catalogue page walks them with one recursive type: the
 * fields are the API's, the recursion is the web's.
 */
export interface Clause extends Omit<ClauseLevel, 'children'> {
  children: Clause[];
}
export type Ref = ClauseLevel['requirements'][number];

export type Requirement = ApiResponse<'list-catalogue-requirements'>['items'][number];
export type RequirementDetail = ApiResponse<'get-catalogue-requirement'>;
export type Framework = ApiResponse<'list-catalogue-frameworks'>['items'][number];

/** A page of catalogue entries (the catalogue's list operations share it). */
export type Page<T> = Omit<ApiResponse<'list-catalogue-requirements'>, 'items'> & { items: T[] };
