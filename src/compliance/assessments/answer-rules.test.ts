import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/app-error.js';
import { checkAnswer, resultRank, type AnswerFields } from './answer-rules.js';

const base: AnswerFields = { result: 'conformant', grade: null, justification: null, improvementOpportunity: null, followUp: null };
const fieldOf = (fn: () => void): string | undefined => {
  try { fn(); } catch (error) { return (error as AppError).extra.errors?.[0]?.field; }
  return undefined;
};

describe('checkAnswer', () => {
  it.each(['4', '5', '6', '7', '9', '10'])('refuses not-applicable for a clause %s requirement, explaining why', (clause) => {
    try {
      checkAnswer(`${clause}.1-01`, clause, { ...base, result: 'not-applicable', justification: 'We do not do this' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).message).toContain('cannot be excluded');
    }
  });

  it('accepts not-applicable for a Clause 8 requirement with a justification, and requires one', () => {
    expect(() => checkAnswer('8.3.4-01', '8', { ...base, result: 'not-applicable', justification: 'No supplier takes part in the services in scope.' })).not.toThrow();
    expect(fieldOf(() => checkAnswer('8.3.4-01', '8', { ...base, result: 'not-applicable' }))).toBe('justification');
  });

  it('requires a grade for a nonconformity and refuses one elsewhere', () => {
    expect(fieldOf(() => checkAnswer('8.1-01', '8', { ...base, result: 'nonconformant' }))).toBe('grade');
    expect(() => checkAnswer('8.1-01', '8', { ...base, result: 'nonconformant', grade: 'minor' })).not.toThrow();
    expect(fieldOf(() => checkAnswer('8.1-01', '8', { ...base, result: 'partial', grade: 'major' }))).toBe('grade');
  });

  it('keeps opportunities for improvement to conformant and partial results', () => {
    expect(() => checkAnswer('8.1-01', '8', { ...base, result: 'partial', improvementOpportunity: 'Automate it' })).not.toThrow();
    expect(fieldOf(() => checkAnswer('8.1-01', '8', { ...base, result: 'nonconformant', grade: 'minor', improvementOpportunity: 'x' }))).toBe('improvementOpportunity');
  });

  it('ranks results so that a major nonconformity is worst', () => {
    expect(resultRank('conformant', null)! > resultRank('partial', null)!).toBe(true);
    expect(resultRank('nonconformant', 'minor')! > resultRank('nonconformant', 'major')!).toBe(true);
    expect(resultRank('not-assessed', null)).toBeNull();
  });
});
