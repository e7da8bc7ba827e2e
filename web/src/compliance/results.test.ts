import { describe, expect, it } from 'vitest';
import { answerBody, etagOf, incompleteReason, moveIndex, resultForKey, scoreWord, type AnswerDraft } from './results';

const draft = (over: Partial<AnswerDraft>): AnswerDraft => ({ result: null, grade: null, justification: '', notes: '', improvementOpportunity: '', followUp: '', evidence: [], ...over });

describe('worksheet helpers', () => {
  it('maps keys 1-5 to results', () => {
    expect(resultForKey('1')).toBe('conformant');
    expect(resultForKey('3')).toBe('nonconformant');
    expect(resultForKey('5')).toBe('not-applicable');
    expect(resultForKey('6')).toBeNull();
  });

  it('moves between requirements within bounds', () => {
    expect(moveIndex('j', 0, 3)).toBe(1);
    expect(moveIndex('ArrowDown', 2, 3)).toBe(2);
    expect(moveIndex('k', 0, 3)).toBe(0);
    expect(moveIndex('End', 0, 3)).toBe(2);
    expect(moveIndex('x', 0, 3)).toBeNull();
  });

  it('says what a draft lacks before it can be saved', () => {
    expect(incompleteReason(draft({}), '8.6')).toMatch(/Choose a result/);
    expect(incompleteReason(draft({ result: 'nonconformant' }), '8.6')).toMatch(/major or minor/);
    expect(incompleteReason(draft({ result: 'nonconformant', grade: 'minor' }), '8.6')).toBeNull();
    expect(incompleteReason(draft({ result: 'not-applicable' }), '5')).toMatch(/no exclusions/);
    expect(incompleteReason(draft({ result: 'not-applicable' }), '8.6')).toMatch(/justification/);
  });

  it('sends only the fields a result allows', () => {
    const body = answerBody(draft({ result: 'conformant', grade: 'major', improvementOpportunity: ' Automate ', followUp: 'imp-000001', notes: '' }));
    expect(body).toMatchObject({ result: 'conformant', grade: null, improvementOpportunity: 'Automate', followUp: null, notes: null });
    expect(answerBody(draft({ result: 'partial', followUp: 'imp-000001' })).followUp).toBe('IMP-000001');
  });

  it('words scores and quotes versions', () => {
    expect(scoreWord(null)).toBe('not assessed');
    expect(scoreWord(90)).toBe('strong');
    expect(scoreWord(10)).toBe('poor');
    expect(etagOf(0)).toBe('"0"');
  });
});
