import { inForce, type ServiceLevelFacts } from '../../modules/service-levels/index.js';
import type { IncidentRecordFacts } from '../../modules/incidents/index.js';
import { incidents, serviceLevels } from './facts/module-facts.js';
import { allOf, capitalised, listOf, plural, were, type Rule, type RuleResult, type RuleSet } from './rule.types.js';

export interface IncidentRuleFacts {
  now: number;
  incidents: IncidentRecordFacts;
  serviceLevels: ServiceLevelFacts;
}

type Judgement = Omit<RuleResult, 'requirementId' | 'rule'>;

/** Users count as kept informed when at least this share of resolved incidents carried a public update. */
export const informedShare = 0.9;

const unique = (...lists: string[][]) => [...new Set(lists.flat())];
const matrix = (i: IncidentRecordFacts) => (i.priorityMatrix === 'customised' ? "the organisation's" : 'the default');
const noMajors: Judgement = { outcome: 'not-evaluable', explanation: 'No major incident was declared in the last 12 months.', evidence: [] };

/** 8.6.1: incidents are recorded, classified and prioritised, and resolved with a recorded resolution. */
export const incidentsRecordedAndResolved: Rule<IncidentRuleFacts> = {
  requirementId: '8.6.1-01',
  id: '8.6.1/incidents-recorded-and-resolved',
  evaluate({ incidents: i }) {
    if (i.recorded === 0) return { outcome: 'nonconformant', explanation: 'No incident was recorded in the last 12 months.', evidence: [] };
    const unclassified = i.recorded - i.classified;
    const unexplained = i.resolved - i.resolvedWithResolution;
    const evidence = unique(i.latest, i.resolvedWithoutResolution);
    if (unclassified === 0 && unexplained === 0 && i.resolved > 0) {
      return { outcome: 'conformant', explanation: `${plural(i.recorded, 'incident')} ${were(i.recorded)} recorded in the last 12 months, all with a category and a priority from ${matrix(i)} impact × urgency matrix, and ${allOf(i.resolved, 'resolved incident')} ${i.resolved === 1 ? 'carries' : 'carry'} a resolution code and notes.`, evidence };
    }
    const gaps = [
      unclassified ? `${unclassified} lack a category or a priority` : '',
      i.resolved === 0 ? 'none has been resolved yet' : '',
      unexplained ? `${unexplained} of the ${i.resolved} resolved lack a resolution code or notes (${listOf(i.resolvedWithoutResolution)})` : '',
    ].filter(Boolean);
    return { outcome: 'partial', explanation: `Of ${plural(i.recorded, 'incident')} recorded in the last 12 months, ${gaps.join('; ')}.`, evidence };
  },
};

/** 8.6.1: resolution targets are set for every priority and incidents are measured against them. */
export const resolutionTargetsMonitored: Rule<IncidentRuleFacts> = {
  requirementId: '8.6.1-02',
  id: '8.6.1/resolution-targets-monitored',
  evaluate({ incidents: i, serviceLevels: { agreements } }) {
    const slas = agreements.filter((a) => a.kind === 'sla' && inForce.includes(a.status));
    const evidence = slas.map((s) => s.reference);
    if (slas.length === 0) return { outcome: 'nonconformant', explanation: 'No SLA is in force, so no resolution target applies to incidents.', evidence };
    const incomplete = slas.filter((s) => s.prioritiesWithoutResolutionTarget.length > 0);
    const gaps = [
      incomplete.length ? `${listOf(incomplete.map((s) => `${s.reference} (${s.prioritiesWithoutResolutionTarget.join(', ')})`))} set no resolution target for some priorities` : '',
      i.recorded > 0 && i.underSla === 0 ? 'no incident of the last 12 months was measured against an SLA' : '',
    ].filter(Boolean);
    const measured = i.recorded > 0 ? `, and ${i.underSla} of ${plural(i.recorded, 'incident')} of the last 12 months ${were(i.underSla)} measured against one` : '';
    if (gaps.length === 0) return { outcome: 'conformant', explanation: `${plural(slas.length, 'SLA')} in force set resolution targets for every priority${measured}.`, evidence };
    return { outcome: 'partial', explanation: `Of ${plural(slas.length, 'SLA')} in force, ${gaps.join('; ')}.`, evidence };
  },
};

/** 8.6.1: the people affected hear how their incident progresses: a public update on the ticket. */
export const usersInformed: Rule<IncidentRuleFacts> = {
  requirementId: '8.6.1-04',
  id: '8.6.1/users-informed',
  evaluate({ incidents: i }) {
    if (i.resolved === 0) return { outcome: 'not-evaluable', explanation: 'No incident of the last 12 months has been resolved yet.', evidence: [] };
    const informed = i.resolvedWithUserUpdate;
    const evidence = unique(i.latest, i.resolvedWithoutUserUpdate);
    const share = `${informed} of ${plural(i.resolved, 'resolved incident')} of the last 12 months`;
    if (informed === 0) return { outcome: 'nonconformant', explanation: `None of the ${plural(i.resolved, 'resolved incident')} of the last 12 months carries a public update to its caller (for example ${listOf(i.resolvedWithoutUserUpdate, 3)}).`, evidence };
    if (informed >= informedShare * i.resolved) return { outcome: 'conformant', explanation: `${share} carry at least one public update to the caller from the people handling them.`, evidence };
    return { outcome: 'partial', explanation: `Only ${share} carry a public update to the caller; for example ${listOf(i.resolvedWithoutUserUpdate, 3)} carry none.`, evidence };
  },
};

/** 8.6.1 major incidents: declared consistently with the priority criteria (the written definition is the assessor's to read). */
export const majorIncidentCriteriaApplied: Rule<IncidentRuleFacts> = {
  requirementId: '8.6.1-05',
  id: '8.6.1/major-incident-criteria-applied',
  evaluate({ incidents: i }) {
    const m = i.majors;
    if (m.count === 0) return noMajors;
    if (m.belowHighPriority > 0) {
      return { outcome: 'partial', explanation: `${m.belowHighPriority} of ${plural(m.count, 'major incident')} of the last 12 months were declared on P3 or P4 incidents, outside the priority criteria of ${matrix(i)} matrix.`, evidence: m.latest };
    }
    return { outcome: 'conformant', explanation: `${capitalised(allOf(m.count, 'major incident'))} of the last 12 months ${were(m.count)} declared on a P1 or P2 incident under ${matrix(i)} priority matrix; the written definition and procedure are for the assessor to read.`, evidence: m.latest };
  },
};

/** 8.6.1 major incidents: each names the person managing it. */
export const majorIncidentManagerNamed: Rule<IncidentRuleFacts> = {
  requirementId: '8.6.1-06',
  id: '8.6.1/major-incident-manager-named',
  evaluate({ incidents: { majors: m } }) {
    if (m.count === 0) return noMajors;
    const evidence = unique(m.latest, m.withoutManager);
    if (m.withManager === m.count) return { outcome: 'conformant', explanation: `Each of the ${plural(m.count, 'major incident')} of the last 12 months names its major-incident manager.`, evidence };
    const outcome = m.withManager === 0 ? 'nonconformant' : 'partial';
    return { outcome, explanation: `${m.count - m.withManager} of ${plural(m.count, 'major incident')} of the last 12 months name no major-incident manager (${listOf(m.withoutManager)}).`, evidence };
  },
};

/** 8.6.1 major incidents: each closed one was reviewed, and problems were raised from the reviews. */
export const majorIncidentsReviewed: Rule<IncidentRuleFacts> = {
  requirementId: '8.6.1-07',
  id: '8.6.1/major-incidents-reviewed',
  evaluate({ incidents: { majors: m } }) {
    if (m.count === 0) return noMajors;
    if (m.closed === 0) return { outcome: 'not-evaluable', explanation: `None of the ${plural(m.count, 'major incident')} of the last 12 months has been closed yet.`, evidence: m.latest };
    const evidence = unique(m.latest, m.closedWithoutReview, m.reviewedWithoutProblem);
    const closed = plural(m.closed, 'closed major incident');
    const everyClosed = capitalised(allOf(m.closed, 'closed major incident'));
    if (m.closedWithReview === 0) return { outcome: 'nonconformant', explanation: `None of the ${closed} of the last 12 months has a post-incident review.`, evidence };
    if (m.closedWithReview < m.closed) return { outcome: 'partial', explanation: `${m.closed - m.closedWithReview} of the ${closed} of the last 12 months have no post-incident review (${listOf(m.closedWithoutReview)}).`, evidence };
    if (m.reviewedWithProblem === 0) return { outcome: 'partial', explanation: `${everyClosed} of the last 12 months ${were(m.closed)} reviewed, but none is linked to a problem raised from its review (for example ${listOf(m.reviewedWithoutProblem, 3)}).`, evidence };
    return { outcome: 'conformant', explanation: `${everyClosed} of the last 12 months ${were(m.closed)} reviewed, and ${m.reviewedWithProblem} ${m.reviewedWithProblem === 1 ? 'is' : 'are'} linked to the problem raised from ${m.reviewedWithProblem === 1 ? 'its' : 'their'} review.`, evidence };
  },
};

export const incidentRules: RuleSet<IncidentRuleFacts> = {
  async gather(context) {
    const [records, levels] = await Promise.all([incidents(context), serviceLevels(context)]);
    return { now: context.now, incidents: records, serviceLevels: levels };
  },
  rules: [incidentsRecordedAndResolved, resolutionTargetsMonitored, usersInformed, majorIncidentCriteriaApplied, majorIncidentManagerNamed, majorIncidentsReviewed],
};
