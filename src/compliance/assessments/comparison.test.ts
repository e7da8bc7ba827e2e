import { describe, expect, it } from 'vitest';
import type { Requirement } from '../catalogue/catalogue.types.js';
import type { Answer } from './answers.service.js';
import { compareAnswers } from './comparison.js';

const requirement = (id: string): Requirement => ({ id, guideId: null, clause: id.split('-')[0]!, title: id, statement: '', verify: '', evidence: [], relatedClauses: [] });
const answer = (requirementId: string, result: Answer['result'], grade: Answer['grade'] = null): Answer => ({
  requirementId, result, grade, justification: null, notes: null, improvementOpportunity: null, followUp: null, evidence: [], assessorId: 'u', answeredAt: 0, version: 1, carriedFrom: null,
});
const map = (...answers: Answer[]) => new Map(answers.map((a) => [a.requirementId, a]));

describe('compareAnswers', () => {
  it('ranks major below minor below partial below conformant and totals the movements', () => {
    const reqs = ['4.1-01', '4.2-01', '4.3-01', '4.3-02', '4.4-01'].map(requirement);
    const before = map(answer('4.1-01', 'nonconformant', 'major'), answer('4.2-01', 'conformant'), answer('4.3-01', 'partial'), answer('4.3-02', 'not-assessed'));
    const after = map(answer('4.1-01', 'nonconformant', 'minor'), answer('4.2-01', 'partial'), answer('4.3-01', 'partial'), answer('4.3-02', 'conformant'));
    const { items, totals } = compareAnswers(reqs, before, after);
    expect(items.map((i) => i.movement)).toEqual(['improved', 'regressed', 'unchanged', 'not-comparable', 'unchanged']);
    expect(totals).toEqual({ improved: 1, regressed: 1, unchanged: 2, 'not-comparable': 1 });
    expect(items[4]).toMatchObject({ before: null, after: null });
  });
});
