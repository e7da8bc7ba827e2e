import { describe, expect, it } from 'vitest';
import { everySmsRoleHeld, smsManagerAppointed } from './clause-5.rules.js';
import { internalAuditOfEveryClause } from './clause-9.rules.js';
import { improvementsActioned, improvementsEvaluated, nonconformitiesFollowedUp } from './clause-10.rules.js';
import { evaluateWith, factContext, managementSystemRules, rules, ruleSets } from './rules.engine.js';
import type { AssessmentFact, ImprovementFact, RuleFacts } from './rule.types.js';

const day = 86_400_000;
const now = Date.UTC(2026, 10, 28);
const facts = (over: Partial<RuleFacts> = {}): RuleFacts => ({ now, improvements: [], assessments: [], roles: [], ...over });
const improvement = (reference: string, over: Partial<ImprovementFact> = {}): ImprovementFact => ({
  reference, status: 'proposed', source: 'audit', hasExpectedBenefit: true, hasDecisionReason: false, hasOutcome: false, createdAt: now - 30 * day, ...over,
});
const audit = (reference: string, over: Partial<AssessmentFact> = {}): AssessmentFact => ({
  reference, kind: 'internal-audit', status: 'completed', coversAllClauses: true, completedAt: now - 60 * day, nonconformities: [], ...over,
});

describe('5.3 roles', () => {
  const role = (id: string, holders: number) => ({ role: id, title: id, activeHolders: holders });
  it('is conformant when every SMS role has an active holder', () => {
    expect(everySmsRoleHeld.evaluate(facts({ roles: [role('sms-manager', 1), role('internal-auditor', 2)] })).outcome).toBe('conformant');
  });
  it('is partial and names the vacant roles when some are unfilled', () => {
    const result = everySmsRoleHeld.evaluate(facts({ roles: [role('sms-manager', 1), role('continuity-manager', 0)] }));
    expect(result.outcome).toBe('partial');
    expect(result.explanation).toContain('continuity-manager');
  });
  it('is nonconformant when no role is held, and the SMS manager rule follows its role', () => {
    expect(everySmsRoleHeld.evaluate(facts({ roles: [role('sms-manager', 0)] })).outcome).toBe('nonconformant');
    expect(smsManagerAppointed.evaluate(facts({ roles: [role('sms-manager', 0)] })).outcome).toBe('nonconformant');
    expect(smsManagerAppointed.evaluate(facts({ roles: [role('sms-manager', 1)] })).outcome).toBe('conformant');
  });
});

describe('9.2 internal audit', () => {
  it('is conformant with a completed full-scope internal audit in the last year, citing it', () => {
    const result = internalAuditOfEveryClause.evaluate(facts({ assessments: [audit('ASM-000002')] }));
    expect(result).toMatchObject({ outcome: 'conformant', evidence: ['ASM-000002'] });
  });
  it('is partial when the recent audit covered only some clauses, or the last one is too old', () => {
    expect(internalAuditOfEveryClause.evaluate(facts({ assessments: [audit('ASM-000001', { coversAllClauses: false })] })).outcome).toBe('partial');
    expect(internalAuditOfEveryClause.evaluate(facts({ assessments: [audit('ASM-000001', { completedAt: now - 400 * day })] })).outcome).toBe('partial');
  });
  it('ignores gap assessments and is nonconformant with no internal audit at all', () => {
    const result = internalAuditOfEveryClause.evaluate(facts({ assessments: [audit('ASM-000001', { kind: 'gap-assessment' })] }));
    expect(result.outcome).toBe('nonconformant');
  });
});

describe('10.1 nonconformities followed up', () => {
  const nc = (followUp: string | null, owned: boolean | null) => ({ requirementId: '8.1-01', grade: 'minor', followUp, followUpOwned: owned });
  it('cannot judge without nonconformities', () => {
    expect(nonconformitiesFollowedUp.evaluate(facts({ assessments: [audit('ASM-000001')] })).outcome).toBe('not-evaluable');
  });
  it('is conformant when each finding has an owned follow-up, partial or nonconformant otherwise', () => {
    expect(nonconformitiesFollowedUp.evaluate(facts({ assessments: [audit('ASM-000001', { nonconformities: [nc('IMP-000001', true)] })] }))).toMatchObject({ outcome: 'conformant', evidence: ['ASM-000001', 'IMP-000001'] });
    expect(nonconformitiesFollowedUp.evaluate(facts({ assessments: [audit('ASM-000001', { nonconformities: [nc('IMP-000001', true), nc(null, null)] })] })).outcome).toBe('partial');
    expect(nonconformitiesFollowedUp.evaluate(facts({ assessments: [audit('ASM-000001', { nonconformities: [nc('IMP-000001', false)] })] })).outcome).toBe('nonconformant');
  });
  it('ignores findings of assessments still open', () => {
    expect(nonconformitiesFollowedUp.evaluate(facts({ assessments: [audit('ASM-000001', { completedAt: null, nonconformities: [nc(null, null)] })] })).outcome).toBe('not-evaluable');
  });
});

describe('10.2 improvements', () => {
  it('is nonconformant with an empty register', () => {
    expect(improvementsEvaluated.evaluate(facts()).outcome).toBe('nonconformant');
    expect(improvementsActioned.evaluate(facts()).outcome).toBe('nonconformant');
  });
  it('wants a decision reason on every evaluated improvement', () => {
    const ok = [improvement('IMP-000001', { status: 'approved', hasDecisionReason: true }), improvement('IMP-000002')];
    expect(improvementsEvaluated.evaluate(facts({ improvements: ok })).outcome).toBe('conformant');
    const result = improvementsEvaluated.evaluate(facts({ improvements: [...ok, improvement('IMP-000003', { status: 'rejected' })] }));
    expect(result.outcome).toBe('partial');
    expect(result.explanation).toContain('IMP-000003');
  });
  it('wants recent opportunities and an outcome on every completed one', () => {
    const done = improvement('IMP-000001', { status: 'completed', hasDecisionReason: true, hasOutcome: true });
    expect(improvementsActioned.evaluate(facts({ improvements: [done] })).outcome).toBe('conformant');
    expect(improvementsActioned.evaluate(facts({ improvements: [improvement('IMP-000002')] })).outcome).toBe('partial');
    expect(improvementsActioned.evaluate(facts({ improvements: [{ ...done, hasOutcome: false }] })).outcome).toBe('partial');
    expect(improvementsActioned.evaluate(facts({ improvements: [improvement('IMP-000002', { createdAt: now - 500 * day })] })).outcome).toBe('nonconformant');
  });
});

describe('rule engine', () => {
  it('evaluates only the requirements asked for, naming the rule', () => {
    const results = evaluateWith(managementSystemRules, facts(), ['10.2-01']);
    expect(results).toEqual([expect.objectContaining({ requirementId: '10.2-01', rule: '10.2/improvements-evaluated', outcome: 'nonconformant' })]);
    expect(evaluateWith(managementSystemRules, facts())).toHaveLength(managementSystemRules.rules.length);
  });
  it('ships at most one rule per requirement, so a suggestion is never overwritten by another', () => {
    const ids = rules.map((r) => r.requirementId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(rules).toHaveLength(ruleSets.reduce((n, s) => n + s.rules.length, 0));
  });
  it('reads each group of facts once per evaluation, however many sets ask for it', async () => {
    const context = factContext({} as never, { requirements: [] } as never, now);
    let reads = 0;
    const load = async () => ++reads;
    expect(await Promise.all([context.once('incidents', load), context.once('incidents', load), context.once('problems', load)])).toEqual([1, 1, 2]);
  });
});
