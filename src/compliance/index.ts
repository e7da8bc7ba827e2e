// The compliance engine's public surface.
export { complianceModule } from './compliance.module.js';
export { currentCatalogue } from './catalogue/catalogue.current.js';
export { CatalogueError, defaultCatalogueDir, loadCatalogue } from './catalogue/catalogue.loader.js';
export {
  areasForFramework, clauseAncestry, clauseSubtree, clauseTree, findRequirements, getClause, getRequirement, mappingsForClause,
  processes, requirementsUnder, type ClauseMapping, type ClauseNode, type RequirementFilter,
} from './catalogue/catalogue.queries.js';
export type * from './catalogue/catalogue.types.js';
export { toOscalCatalog, type OscalCatalogDocument } from './catalogue/oscal-catalog.js';
export { toOscalMappingCollection, type OscalMappingCollectionDocument } from './catalogue/oscal-mapping.js';
export { assessmentRecord, assessmentKinds, type AssessmentKind } from './assessments/assessment.record.js';
export { answerResults, findingGrades, nonExcludableClauses, type AnswerResult, type FindingGrade } from './assessments/answer-rules.js';
export { evaluateRules, rules } from './rules/rules.engine.js';
export type { Rule, RuleFacts, RuleOutcome, RuleResult } from './rules/rule.types.js';
