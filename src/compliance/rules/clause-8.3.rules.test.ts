import { describe, expect, it } from 'vitest';
import type { AgreementFact } from '../../modules/service-levels/index.js';
import type { SlaBreachFacts } from '../../modules/service-levels/index.js';
import { agreementsReviewedOnSchedule, breachesInvestigated, slasAgreedForLiveServices, slasUnderpinned, type ServiceLevelRuleFacts } from './clause-8.3.rules.js';

const now = Date.UTC(2026, 10, 28);
const agreement = (reference: string, over: Partial<AgreementFact> = {}): AgreementFact => ({
  reference, kind: 'sla', status: 'agreed', service: 'SVC-000001', supportsSla: null, targetCount: 8, prioritiesWithoutResolutionTarget: [],
  reviewDate: '2027-03-01', reviewOverdue: false, warningCount: 0, ...over,
});
const ola = (reference: string, supports: string, over: Partial<AgreementFact> = {}) => agreement(reference, { kind: 'ola', service: null, supportsSla: supports, ...over });
const breaches = (over: Partial<SlaBreachFacts> = {}): SlaBreachFacts => ({
  recorded: 0, investigated: 0, open: 0, openOverdue: 0, oldestOpenAt: null, withFollowUp: 0, latest: [], overdue: [], ...over,
});
const facts = (agreements: AgreementFact[], over: Partial<ServiceLevelRuleFacts> = {}): ServiceLevelRuleFacts => ({
  now, liveServices: 1, serviceLevels: { agreements, liveServicesWithoutSla: [] }, breaches: breaches(), ...over,
});

describe('8.3.3-01 SLAs agreed for live services', () => {
  it('is conformant when every live service has an SLA in force with targets', () => {
    expect(slasAgreedForLiveServices.evaluate(facts([agreement('SLA-000001')]))).toMatchObject({ outcome: 'conformant', evidence: ['SLA-000001'] });
  });
  it('is partial when a live service is uncovered or an SLA sets no target', () => {
    const uncovered = slasAgreedForLiveServices.evaluate(facts([agreement('SLA-000001')], { liveServices: 2, serviceLevels: { agreements: [agreement('SLA-000001')], liveServicesWithoutSla: ['SVC-000002'] } }));
    expect(uncovered.outcome).toBe('partial');
    expect(uncovered.explanation).toContain('1 live service has no SLA in force (SVC-000002)');
    expect(slasAgreedForLiveServices.evaluate(facts([agreement('SLA-000001', { targetCount: 0 })])).outcome).toBe('partial');
  });
  it('is nonconformant with no SLA in force, and cannot judge without live services', () => {
    expect(slasAgreedForLiveServices.evaluate(facts([agreement('SLA-000001', { status: 'draft' })])).outcome).toBe('nonconformant');
    expect(slasAgreedForLiveServices.evaluate(facts([], { liveServices: 0 })).outcome).toBe('not-evaluable');
  });
});

describe('8.3.3-03 SLAs underpinned', () => {
  it('is conformant when each SLA in force has an underpinning agreement and no warning', () => {
    expect(slasUnderpinned.evaluate(facts([agreement('SLA-000001'), ola('OLA-000001', 'SLA-000001')]))).toMatchObject({ outcome: 'conformant', evidence: ['SLA-000001', 'OLA-000001'] });
  });
  it('is partial when an SLA has warnings or stands alone, nonconformant when none is underpinned', () => {
    const warned = slasUnderpinned.evaluate(facts([agreement('SLA-000001', { warningCount: 2 }), ola('OLA-000001', 'SLA-000001')]));
    expect(warned.outcome).toBe('partial');
    expect(warned.explanation).toContain('2 warnings');
    expect(slasUnderpinned.evaluate(facts([agreement('SLA-000001'), agreement('SLA-000002'), ola('OLA-000001', 'SLA-000001')])).outcome).toBe('partial');
    expect(slasUnderpinned.evaluate(facts([agreement('SLA-000001'), ola('OLA-000001', 'SLA-000001', { status: 'retired' })])).outcome).toBe('nonconformant');
  });
  it('cannot judge without an SLA in force', () => {
    expect(slasUnderpinned.evaluate(facts([])).outcome).toBe('not-evaluable');
  });
});

describe('8.3.3-04 agreements reviewed on schedule', () => {
  it('is conformant when every agreement in force has a future review date', () => {
    expect(agreementsReviewedOnSchedule.evaluate(facts([agreement('SLA-000001'), ola('OLA-000001', 'SLA-000001'), agreement('SLA-000009', { status: 'retired', reviewOverdue: false, reviewDate: null })])).outcome).toBe('conformant');
  });
  it('is partial when some are overdue or unplanned, nonconformant when all are', () => {
    const some = agreementsReviewedOnSchedule.evaluate(facts([agreement('SLA-000001', { reviewOverdue: true, reviewDate: '2026-01-01' }), agreement('SLA-000002')]));
    expect(some.outcome).toBe('partial');
    expect(some.explanation).toContain('SLA-000001 due 2026-01-01');
    expect(agreementsReviewedOnSchedule.evaluate(facts([agreement('SLA-000001', { reviewDate: null })])).outcome).toBe('nonconformant');
  });
  it('cannot judge without agreements in force', () => {
    expect(agreementsReviewedOnSchedule.evaluate(facts([agreement('SLA-000001', { status: 'draft' })])).outcome).toBe('not-evaluable');
  });
});

describe('8.3.3-05 breaches investigated', () => {
  it('cannot judge without breaches', () => {
    expect(breachesInvestigated.evaluate(facts([])).outcome).toBe('not-evaluable');
  });
  it('is conformant when no breach has stayed open past the investigation window', () => {
    const result = breachesInvestigated.evaluate(facts([], { breaches: breaches({ recorded: 3, investigated: 2, open: 1, withFollowUp: 1, latest: ['BRE-000003', 'BRE-000002', 'BRE-000001'] }) }));
    expect(result).toMatchObject({ outcome: 'conformant', evidence: ['BRE-000003', 'BRE-000002', 'BRE-000001'] });
    expect(result.explanation).toContain('1 is linked to an improvement or a problem');
  });
  it('is partial with overdue breaches beside investigated ones, nonconformant when none was investigated', () => {
    const overdue = { recorded: 3, open: 1, openOverdue: 1, oldestOpenAt: Date.UTC(2026, 8, 1), overdue: ['BRE-000001'], latest: ['BRE-000003'] };
    const partial = breachesInvestigated.evaluate(facts([], { breaches: breaches({ ...overdue, investigated: 2 }) }));
    expect(partial.outcome).toBe('partial');
    expect(partial.explanation).toContain('BRE-000001, the oldest since 2026-09-01');
    expect(partial.evidence).toEqual(['BRE-000003', 'BRE-000001']);
    expect(breachesInvestigated.evaluate(facts([], { breaches: breaches({ ...overdue, investigated: 0 }) })).outcome).toBe('nonconformant');
  });
});
