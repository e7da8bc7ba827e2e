import { describe, expect, it } from 'vitest';
import { checkAnswers, formDefinitionProblems } from './request-answers.js';
import type { FormField } from './request-model.schemas.js';

const form: FormField[] = [
  { key: 'startDate', label: 'Start date', kind: 'date', required: true },
  { key: 'model', label: 'Laptop model', kind: 'enum', required: true, options: ['Standard 14"', 'Developer 16"'] },
  { key: 'notes', label: 'Notes', kind: 'longText', required: false },
  { key: 'external', label: 'External contractor', kind: 'boolean', required: false },
];

describe('request answers', () => {
  it('accepts good answers, trims text and leaves blanks out', () => {
    const { answers, problems } = checkAnswers(form, { startDate: '2026-12-01', model: ' Developer 16" ', notes: '  ', external: false });
    expect(problems).toEqual([]);
    expect(answers).toEqual({ startDate: '2026-12-01', model: 'Developer 16"', external: false });
  });

  it('names every missing or ill-fitting answer by its key', () => {
    const { problems } = checkAnswers(form, { startDate: '2026-02-30', model: 'Gaming rig', external: 'yes', colour: 'red' });
    expect(problems.map((p) => p.field).sort()).toEqual(['answers.colour', 'answers.external', 'answers.model', 'answers.startDate']);
    expect(problems.find((p) => p.field === 'answers.model')!.reason).toBe('must be one of Standard 14", Developer 16"');
    expect(problems.find((p) => p.field === 'answers.startDate')!.reason).toContain('YYYY-MM-DD');
    expect(problems.find((p) => p.field === 'answers.colour')!.reason).toContain('not a question');
  });

  it('requires required answers, and a yes or no for a required boolean', () => {
    const required: FormField[] = [{ key: 'agree', label: 'I accept the policy', kind: 'boolean', required: true }, { key: 'reason', label: 'Reason', kind: 'text', required: true }];
    expect(checkAnswers(required, {}).problems.map((p) => p.field)).toEqual(['answers.agree', 'answers.reason']);
    expect(checkAnswers(required, { agree: false, reason: 'x' }).problems).toEqual([]);
    expect(checkAnswers(required, { agree: 'true', reason: 'x' }).answers.agree).toBe(true);
    expect(checkAnswers(required, { agree: 'yes', reason: 'x' }).problems.map((p) => p.field)).toEqual(['answers.agree']);
    expect(checkAnswers(required, { agree: true, reason: 'x'.repeat(201) }).problems[0]!.reason).toBe('must be at most 200 characters');
  });

  it('finds repeated keys and choices without options in a form definition', () => {
    const bad: FormField[] = [{ key: 'a', label: 'A', kind: 'enum', required: false, options: [] }, { key: 'a', label: 'Again', kind: 'text', required: false }];
    expect(formDefinitionProblems(bad).map((p) => p.field)).toEqual(['formFields.0.options', 'formFields.1.key']);
    expect(formDefinitionProblems(form)).toEqual([]);
  });
});
