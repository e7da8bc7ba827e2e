import { describe, expect, it } from 'vitest';
import type { ClosureComparison, ProblemFacts } from '../../modules/problems/index.js';
import { problemsFromIncidentTrends, recurrenceReduced, rootCausesAndKnownErrors, type ProblemRuleFacts } from './clause-8.6.3.rules.js';

const now = Date.UTC(2026, 10, 28);
const compared = (reference: string, before: number, after: number): ClosureComparison => ({ reference, closedAt: now - 60 * 86_400_000, spanDays: 60, before, after });
const problems = (over: Partial<ProblemFacts> = {}): ProblemFacts => ({
  since: now - 365 * 86_400_000, recorded: 3, linkedToIncidents: 3, closed: 2, closedWithRootCause: 1, closedJustified: 1, knownErrors: 2, knownErrorsWithWorkaround: 2,
  recurred: 0, uncoveredTrends: [], comparisons: [compared('PRB-000001', 6, 1)], latest: ['PRB-000003', 'PRB-000002', 'PRB-000001'], notLinked: [], closedUnexplained: [], recurring: [], ...over,
});
const facts = (over: Partial<ProblemFacts> = {}): ProblemRuleFacts => ({ now, problems: problems(over) });
const trend = { service: 'SVC-000003', category: 'network', count: 7, references: ['INC-000200', 'INC-000190'] };

describe('8.6.3-01 problems from incident trends', () => {
  it('is conformant when problems are linked to incidents and every trend has an open problem', () => {
    expect(problemsFromIncidentTrends.evaluate(facts())).toMatchObject({ outcome: 'conformant', evidence: ['PRB-000003', 'PRB-000002', 'PRB-000001'] });
  });
  it('is partial with an unlinked problem or a trend nobody took up, citing the trend\'s incidents', () => {
    expect(problemsFromIncidentTrends.evaluate(facts({ linkedToIncidents: 2, notLinked: ['PRB-000002'] })).explanation).toContain('1 of them is linked to no incident (PRB-000002)');
    const result = problemsFromIncidentTrends.evaluate(facts({ uncoveredTrends: [trend] }));
    expect(result.outcome).toBe('partial');
    expect(result.explanation).toContain('SVC-000003 network: 7');
    expect(result.evidence).toContain('INC-000200');
  });
  it('is nonconformant when no problem was recorded', () => {
    expect(problemsFromIncidentTrends.evaluate(facts({ recorded: 0, linkedToIncidents: 0, latest: [], uncoveredTrends: [trend] })).explanation).toMatch(/^No problem was recorded in the last 12 months, although 1 incident trend/);
  });
});

describe('8.6.3-02 root causes and known errors', () => {
  it('is conformant when closed problems are explained and known errors have workarounds', () => {
    expect(rootCausesAndKnownErrors.evaluate(facts()).outcome).toBe('conformant');
  });
  it('is partial when a closed problem is unexplained or the known-error database is empty', () => {
    const result = rootCausesAndKnownErrors.evaluate(facts({ closed: 3, closedUnexplained: ['PRB-000009'] }));
    expect(result.outcome).toBe('partial');
    expect(result.evidence).toContain('PRB-000009');
    expect(rootCausesAndKnownErrors.evaluate(facts({ knownErrors: 0, knownErrorsWithWorkaround: 0 })).explanation).toContain('known-error database is empty');
    expect(rootCausesAndKnownErrors.evaluate(facts({ closed: 0, closedWithRootCause: 0, closedJustified: 0, knownErrors: 0, knownErrorsWithWorkaround: 0 })).outcome).toBe('partial');
  });
  it('is nonconformant when nothing closed is explained and no known error exists; cannot judge without problems', () => {
    expect(rootCausesAndKnownErrors.evaluate(facts({ closedWithRootCause: 0, closedJustified: 0, knownErrors: 0, knownErrorsWithWorkaround: 0 })).outcome).toBe('nonconformant');
    expect(rootCausesAndKnownErrors.evaluate(facts({ recorded: 0, closed: 0, knownErrors: 0 })).outcome).toBe('not-evaluable');
  });
});

describe('8.6.3-04 recurrence reduced', () => {
  it('is conformant when incidents fell after every closure', () => {
    const result = recurrenceReduced.evaluate(facts({ comparisons: [compared('PRB-000001', 6, 1), compared('PRB-000002', 0, 0)] }));
    expect(result).toMatchObject({ outcome: 'conformant', evidence: ['PRB-000001', 'PRB-000002'] });
    expect(result.explanation).toContain('6 incidents before closure and 1 after');
  });
  it('is partial when some closures did not reduce incidents, nonconformant when none did', () => {
    const result = recurrenceReduced.evaluate(facts({ comparisons: [compared('PRB-000001', 6, 1), compared('PRB-000002', 2, 3)] }));
    expect(result.outcome).toBe('partial');
    expect(result.explanation).toContain('PRB-000002: 2 before, 3 after');
    expect(recurrenceReduced.evaluate(facts({ comparisons: [compared('PRB-000002', 2, 2)] })).outcome).toBe('nonconformant');
  });
  it('cannot judge before a problem has been closed long enough', () => {
    expect(recurrenceReduced.evaluate(facts({ comparisons: [] })).outcome).toBe('not-evaluable');
  });
});
