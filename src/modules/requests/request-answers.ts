import type { FieldProblem } from '../../platform/http/app-error.js';
import type { AnswerValue, FormField } from './request-model.schemas.js';

const maxLength = { text: 200, longText: 5000 } as const;

function validDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** Why one answer does not fit its question, or null when it does. */
function answerProblem(field: FormField, value: unknown): string | null {
  switch (field.kind) {
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be yes or no (true or false)';
    case 'enum': {
      const options = field.options ?? [];
      return typeof value === 'string' && options.includes(value.trim()) ? null : `must be one of ${options.join(', ')}`;
    }
    case 'date':
      return typeof value === 'string' && validDate(value.trim()) ? null : 'must be a date written YYYY-MM-DD';
    default:
      if (typeof value !== 'string') return 'must be text';
      return value.length > maxLength[field.kind] ? `must be at most ${maxLength[field.kind]} characters` : null;
  }
}

/**
 * 8.6.2: a request carries the information its model asks for. Checks answers against the
 * model's questions — required ones given, choices among the options, dates and yes/no as such,
 * nothing the form does not ask — and returns them tidied (trimmed, blanks left out).
 */
export function checkAnswers(fields: readonly FormField[], given: Readonly<Record<string, unknown>>): { answers: Record<string, AnswerValue>; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const answers: Record<string, AnswerValue> = {};
  const known = new Set(fields.map((f) => f.key));
  for (const key of Object.keys(given)) {
    if (!known.has(key)) problems.push({ field: `answers.${key}`, reason: 'is not a question on this request form' });
  }
  for (const field of fields) {
    const value = given[field.key];
    if (isBlank(value)) {
      if (field.required && field.kind !== 'boolean') problems.push({ field: `answers.${field.key}`, reason: `is required (${field.label})` });
      else if (field.required) problems.push({ field: `answers.${field.key}`, reason: `needs a yes or no (${field.label})` });
      continue;
    }
    // JSON schema validation may have turned true into "true" (the HTTP layer coerces types).
    const answer = field.kind === 'boolean' && (value === 'true' || value === 'false') ? value === 'true' : value;
    const problem = answerProblem(field, answer);
    if (problem) problems.push({ field: `answers.${field.key}`, reason: problem });
    else answers[field.key] = typeof answer === 'string' ? answer.trim() : (answer as boolean);
  }
  return { answers, problems };
}

/** Problems in a model's own form definition that its schema cannot express: repeated keys, choices without options. */
export function formDefinitionProblems(fields: readonly FormField[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  fields.forEach((field, i) => {
    if (seen.has(field.key)) problems.push({ field: `formFields.${i}.key`, reason: `repeats the key ${field.key}; each question needs its own` });
    seen.add(field.key);
    if (field.kind === 'enum' && (field.options ?? []).length === 0) problems.push({ field: `formFields.${i}.options`, reason: 'needs at least one option for a choice question' });
    if (field.kind === 'enum' && new Set(field.options).size !== (field.options ?? []).length) problems.push({ field: `formFields.${i}.options`, reason: 'lists an option twice' });
  });
  return problems;
}
