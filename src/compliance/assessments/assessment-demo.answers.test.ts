import { describe, expect, it } from 'vitest';
import { answerFromRule, levelFromCounts, readinessFromAnswers, type DemoAnswer } from './assessment-demo.answers.js';
import { emptyCounts, type ResultCounts } from './heatmap.js';

const rule = (outcome: 'conformant' | 'partial' | 'nonconformant' | 'not-evaluable', evidence: string[] = ['INC-000001']) => ({
  requirementId: '8.6.1-01', rule: '8.6.1/recorded', outcome, explanation: 'What the records show.', evidence,
});
const counts = (values: Partial<ResultCounts>): ResultCounts => ({ ...emptyCounts(), ...values });
const answer = (result: DemoAnswer['result'], cite: string[] = []): DemoAnswer => ({ result, grade: null, notes: '', followUp: null, cite });

describe('the demo assessment\'s answers', () => {
  it('records a rule\'s finding with its evidence, a nonconformity with nothing in place as major', () => {
    expect(answerFromRule(rule('conformant'))).toMatchObject({ result: 'conformant', grade: null, cite: ['INC-000001'] });
    expect(answerFromRule(rule('partial')).notes).toBe('Rule 8.6.1/recorded: What the records show.');
    expect(answerFromRule(rule('nonconformant')).grade).toBe('minor');
    expect(answerFromRule(rule('nonconformant', [])).grade).toBe('major');
    expect(answerFromRule(rule('not-evaluable'))).toMatchObject({ result: 'not-assessed', cite: [] });
  });

  it('rates a process only when at least half of it was assessed, and never above Established', () => {
    expect(levelFromCounts(counts({ 'not-assessed': 5 }))).toBeNull();
    expect(levelFromCounts(counts({ partial: 1, 'not-assessed': 3 }))).toBeNull();
    expect(levelFromCounts(counts({ conformant: 3 }))?.level).toBe(3);
    expect(levelFromCounts(counts({ conformant: 2, 'not-assessed': 1 }))?.level).toBe(2);
    expect(levelFromCounts(counts({ conformant: 2, partial: 1 }))?.level).toBe(2);
    expect(levelFromCounts(counts({ conformant: 2, nonconformant: 1, partial: 1 }))?.level).toBe(1);
    expect(levelFromCounts(counts({ conformant: 1, 'not-applicable': 2 }))?.level).toBe(3);
  });

  it('marks a readiness item done only when all its requirements are conformant with records cited', () => {
    const answers = new Map([['a', answer('conformant', ['SVC-000001'])], ['b', answer('partial', ['SLA-000001'])], ['c', answer('not-assessed')], ['d', answer('conformant')]]);
    expect(readinessFromAnswers(['a'], answers)).toMatchObject({ state: 'done', cite: ['SVC-000001'] });
    expect(readinessFromAnswers(['d'], answers)).toMatchObject({ state: 'in-progress' });
    expect(readinessFromAnswers(['a', 'b', 'c'], answers)).toMatchObject({ state: 'in-progress', cite: ['SVC-000001', 'SLA-000001'] });
    expect(readinessFromAnswers(['c'], answers)).toBeNull();
    expect(readinessFromAnswers([], answers)).toBeNull();
  });
});
