import { AppError } from '../../platform/http/app-error.js';

export const answerResults = ['conformant', 'partial', 'nonconformant', 'not-assessed', 'not-applicable'] as const;
export type AnswerResult = (typeof answerResults)[number];
export const findingGrades = ['major', 'minor'] as const;
export type FindingGrade = (typeof findingGrades)[number];

/**
 * Clauses whose requirements apply to every SMS. ISO/IEC 20000-1:2018 allows no exclusion of
 * Clauses 4-10; an organisation narrows the services in scope instead. Only a Clause 8
 * requirement can be not applicable, and then only with a justification (e.g. no supplier is
 * involved in the services in scope).
 */
export const nonExcludableClauses = ['4', '5', '6', '7', '9', '10'];

export interface AnswerFields {
  result: AnswerResult;
  grade: FindingGrade | null;
  justification: string | null;
  improvementOpportunity: string | null;
  followUp: string | null;
}

/** Checks an answer's fields fit together; throws a validation error naming the field. */
export function checkAnswer(requirementId: string, topClause: string, answer: AnswerFields): void {
  if (answer.result === 'not-applicable') {
    if (nonExcludableClauses.includes(topClause)) {
      throw AppError.validation('result', `${requirementId} cannot be not applicable: the requirements of Clauses 4-7, 9 and 10 apply to every service management system and cannot be excluded; narrow the services in the SMS scope instead, or record the gap as a nonconformity`);
    }
    if (!answer.justification?.trim()) throw AppError.validation('justification', 'is required when a requirement is not applicable: say why it does not apply to the services in scope');
  }
  if (answer.result === 'nonconformant' && !answer.grade) throw AppError.validation('grade', 'is required for a nonconformity: major or minor');
  if (answer.result !== 'nonconformant' && answer.grade) throw AppError.validation('grade', 'only a nonconformity has a grade');
  if (answer.improvementOpportunity && answer.result !== 'conformant' && answer.result !== 'partial') {
    throw AppError.validation('improvementOpportunity', 'is recorded with a conformant or partial result; a nonconformity needs corrective action instead');
  }
  if (answer.followUp && answer.result !== 'nonconformant' && answer.result !== 'partial') {
    throw AppError.validation('followUp', 'names the record that follows up a nonconformity or partial result');
  }
}

/** Order for comparisons: higher is better; not-assessed and not-applicable have no rank. */
export function resultRank(result: string, grade: string | null): number | null {
  switch (result) {
    case 'conformant': return 4;
    case 'partial': return 3;
    case 'nonconformant': return grade === 'major' ? 1 : 2;
    default: return null;
  }
}
