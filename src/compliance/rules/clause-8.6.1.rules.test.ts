import { describe, expect, it } from 'vitest';
import type { IncidentRecordFacts, MajorIncidentFacts } from '../../modules/incidents/index.js';
import type { AgreementFact } from '../../modules/service-levels/index.js';
import {
  incidentsRecordedAndResolved, majorIncidentCriteriaApplied, majorIncidentManagerNamed, majorIncidentsReviewed, resolutionTargetsMonitored, usersInformed,
  type IncidentRuleFacts,
} from './clause-8.6.1.rules.js';

const now = Date.UTC(2026, 10, 28);
const majors = (over: Partial<MajorIncidentFacts> = {}): MajorIncidentFacts => ({
  count: 2, withManager: 2, belowHighPriority: 0, closed: 2, closedWithReview: 2, reviewedWithProblem: 1,
  latest: ['INC-000090', 'INC-000080'], withoutManager: [], closedWithoutReview: [], reviewedWithoutProblem: ['INC-000080'], ...over,
});
const incidents = (over: Partial<IncidentRecordFacts> = {}): IncidentRecordFacts => ({
  since: now - 365 * 86_400_000, recorded: 100, classified: 100, resolved: 90, resolvedWithResolution: 90, resolvedWithUserUpdate: 90, underSla: 80,
  priorityMatrix: 'default', servicesNamed: [], latest: ['INC-000100', 'INC-000099'], resolvedWithoutResolution: [], resolvedWithoutUserUpdate: [], majors: majors(), ...over,
});
const sla = (over: Partial<AgreementFact> = {}): AgreementFact => ({
  reference: 'SLA-000001', kind: 'sla', status: 'agreed', service: 'SVC-000001', supportsSla: null, targetCount: 8, prioritiesWithoutResolutionTarget: [],
  reviewDate: null, reviewOverdue: false, warningCount: 0, ...over,
});
const facts = (over: Partial<IncidentRecordFacts> = {}, agreements = [sla()]): IncidentRuleFacts => ({
  now, incidents: incidents(over), serviceLevels: { agreements, liveServicesWithoutSla: [] },
});

describe('8.6.1-01 incidents recorded, prioritised and resolved', () => {
  it('is conformant when every incident is classified and every resolved one explained', () => {
    const result = incidentsRecordedAndResolved.evaluate(facts());
    expect(result).toMatchObject({ outcome: 'conformant', evidence: ['INC-000100', 'INC-000099'] });
    expect(result.explanation).toContain('the default impact × urgency matrix');
  });
  it('is partial when resolved incidents lack a resolution, or none is resolved', () => {
    const result = incidentsRecordedAndResolved.evaluate(facts({ resolvedWithResolution: 88, resolvedWithoutResolution: ['INC-000050', 'INC-000040'] }));
    expect(result.outcome).toBe('partial');
    expect(result.explanation).toContain('2 of the 90 resolved lack a resolution code or notes (INC-000050, INC-000040)');
    expect(result.evidence).toEqual(['INC-000100', 'INC-000099', 'INC-000050', 'INC-000040']);
    expect(incidentsRecordedAndResolved.evaluate(facts({ resolved: 0, resolvedWithResolution: 0 })).outcome).toBe('partial');
  });
  it('is nonconformant when nothing was recorded in twelve months', () => {
    expect(incidentsRecordedAndResolved.evaluate(facts({ recorded: 0, classified: 0, resolved: 0, resolvedWithResolution: 0, latest: [] })).outcome).toBe('nonconformant');
  });
});

describe('8.6.1-02 resolution targets monitored', () => {
  it('is conformant when SLAs in force set every resolution target and incidents run against them', () => {
    expect(resolutionTargetsMonitored.evaluate(facts())).toMatchObject({ outcome: 'conformant', evidence: ['SLA-000001'] });
  });
  it('is partial when a priority has no target or no incident was measured', () => {
    const gap = resolutionTargetsMonitored.evaluate(facts({}, [sla({ prioritiesWithoutResolutionTarget: ['P4'] })]));
    expect(gap.outcome).toBe('partial');
    expect(gap.explanation).toContain('SLA-000001 (P4)');
    expect(resolutionTargetsMonitored.evaluate(facts({ underSla: 0 })).outcome).toBe('partial');
  });
  it('is nonconformant without an SLA in force', () => {
    expect(resolutionTargetsMonitored.evaluate(facts({}, [sla({ status: 'retired' })])).outcome).toBe('nonconformant');
  });
});

describe('8.6.1-04 users informed', () => {
  it('is conformant when nine in ten resolved incidents carry a public update', () => {
    expect(usersInformed.evaluate(facts({ resolvedWithUserUpdate: 81 })).outcome).toBe('conformant');
  });
  it('is partial below that, naming examples, and nonconformant with none', () => {
    const result = usersInformed.evaluate(facts({ resolvedWithUserUpdate: 50, resolvedWithoutUserUpdate: ['INC-000070'] }));
    expect(result.outcome).toBe('partial');
    expect(result.explanation).toContain('INC-000070');
    expect(usersInformed.evaluate(facts({ resolvedWithUserUpdate: 0, resolvedWithoutUserUpdate: ['INC-000070'] })).outcome).toBe('nonconformant');
  });
  it('cannot judge before anything is resolved', () => {
    expect(usersInformed.evaluate(facts({ resolved: 0, resolvedWithUserUpdate: 0 })).outcome).toBe('not-evaluable');
  });
});

describe('8.6.1 major incidents', () => {
  const none = majors({ count: 0, withManager: 0, closed: 0, closedWithReview: 0, reviewedWithProblem: 0, latest: [], reviewedWithoutProblem: [] });
  it('cannot judge criteria, manager or review without a major incident', () => {
    for (const rule of [majorIncidentCriteriaApplied, majorIncidentManagerNamed, majorIncidentsReviewed]) expect(rule.evaluate(facts({ majors: none })).outcome).toBe('not-evaluable');
  });
  it('wants majors declared on P1 or P2 incidents', () => {
    expect(majorIncidentCriteriaApplied.evaluate(facts()).outcome).toBe('conformant');
    expect(majorIncidentCriteriaApplied.evaluate(facts({ priorityMatrix: 'customised', majors: majors({ belowHighPriority: 1 }) }))).toMatchObject({ outcome: 'partial', explanation: expect.stringContaining("the organisation's matrix") });
  });
  it('wants a named manager on every major incident', () => {
    expect(majorIncidentManagerNamed.evaluate(facts()).outcome).toBe('conformant');
    expect(majorIncidentManagerNamed.evaluate(facts({ majors: majors({ withManager: 1, withoutManager: ['INC-000080'] }) }))).toMatchObject({ outcome: 'partial', evidence: ['INC-000090', 'INC-000080'] });
    expect(majorIncidentManagerNamed.evaluate(facts({ majors: majors({ withManager: 0 }) })).outcome).toBe('nonconformant');
  });
  it('wants a review of every closed major incident and problems raised from them', () => {
    expect(majorIncidentsReviewed.evaluate(facts()).outcome).toBe('conformant');
    expect(majorIncidentsReviewed.evaluate(facts({ majors: majors({ reviewedWithProblem: 0 }) })).outcome).toBe('partial');
    const unreviewed = majorIncidentsReviewed.evaluate(facts({ majors: majors({ closedWithReview: 1, closedWithoutReview: ['INC-000080'] }) }));
    expect(unreviewed).toMatchObject({ outcome: 'partial', explanation: expect.stringContaining('(INC-000080)') });
    expect(majorIncidentsReviewed.evaluate(facts({ majors: majors({ closedWithReview: 0, reviewedWithProblem: 0 }) })).outcome).toBe('nonconformant');
    expect(majorIncidentsReviewed.evaluate(facts({ majors: majors({ closed: 0, closedWithReview: 0, reviewedWithProblem: 0 }) })).outcome).toBe('not-evaluable');
  });
});
