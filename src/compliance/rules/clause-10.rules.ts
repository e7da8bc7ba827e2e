import { listOf, yearMs, type Rule } from './rule.types.js';

const evaluatedStates = ['approved', 'in-progress', 'completed', 'rejected'];

/** 10.1: each nonconformity found in a completed assessment is followed up by an owned record. */
export const nonconformitiesFollowedUp: Rule = {
  requirementId: '10.1-01',
  id: '10.1/nonconformities-followed-up',
  evaluate({ assessments }) {
    const closed = assessments.filter((a) => a.completedAt !== null);
    const findings = closed.flatMap((a) => a.nonconformities.map((n) => ({ ...n, assessment: a.reference })));
    if (findings.length === 0) return { outcome: 'not-evaluable', explanation: 'No completed assessment has recorded a nonconformity yet.', evidence: closed.map((a) => a.reference) };
    const owned = findings.filter((f) => f.followUp !== null && f.followUpOwned !== false);
    const missing = findings.filter((f) => !owned.includes(f));
    const evidence = [...new Set([...findings.map((f) => f.assessment), ...owned.map((f) => f.followUp!)])];
    if (missing.length === 0) return { outcome: 'conformant', explanation: `All ${findings.length} nonconformities found in assessments have an owned follow-up record.`, evidence };
    const where = listOf(missing.map((m) => `${m.requirementId} in ${m.assessment}`));
    if (owned.length === 0) return { outcome: 'nonconformant', explanation: `None of the ${findings.length} nonconformities found in assessments has an owned follow-up (${where}).`, evidence };
    return { outcome: 'partial', explanation: `${missing.length} of ${findings.length} nonconformities have no owned follow-up: ${where}.`, evidence };
  },
};

/** 10.2: improvements are judged against criteria: an expected benefit, and a reason for each decision. */
export const improvementsEvaluated: Rule = {
  requirementId: '10.2-01',
  id: '10.2/improvements-evaluated',
  evaluate({ improvements }) {
    if (improvements.length === 0) return { outcome: 'nonconformant', explanation: 'The improvement register is empty.', evidence: [] };
    const noBenefit = improvements.filter((i) => !i.hasExpectedBenefit);
    const undecided = improvements.filter((i) => evaluatedStates.includes(i.status) && !i.hasDecisionReason);
    const evidence = improvements.map((i) => i.reference);
    if (noBenefit.length === 0 && undecided.length === 0) {
      return { outcome: 'conformant', explanation: `All ${improvements.length} improvements state an expected benefit, and every evaluated one records the reason for its decision.`, evidence };
    }
    const gaps = [
      noBenefit.length ? `${noBenefit.length} without an expected benefit (${listOf(noBenefit.map((i) => i.reference))})` : '',
      undecided.length ? `${undecided.length} evaluated without a decision reason (${listOf(undecided.map((i) => i.reference))})` : '',
    ].filter(Boolean).join('; ');
    return { outcome: 'partial', explanation: `Of ${improvements.length} improvements, ${gaps}.`, evidence };
  },
};

/** 10.2: opportunities are captured continually and taken through to a recorded outcome. */
export const improvementsActioned: Rule = {
  requirementId: '10.2-02',
  id: '10.2/improvements-actioned',
  evaluate({ improvements, now }) {
    const recent = improvements.filter((i) => now - i.createdAt <= yearMs);
    if (recent.length === 0) return { outcome: 'nonconformant', explanation: 'No improvement opportunity was recorded in the last 12 months.', evidence: improvements.map((i) => i.reference) };
    const completed = improvements.filter((i) => i.status === 'completed');
    const withoutOutcome = completed.filter((i) => !i.hasOutcome);
    const evidence = [...new Set([...recent, ...completed].map((i) => i.reference))];
    if (completed.length === 0) return { outcome: 'partial', explanation: `${recent.length} opportunities were recorded in the last 12 months, but none has been completed yet.`, evidence };
    if (withoutOutcome.length > 0) return { outcome: 'partial', explanation: `${withoutOutcome.length} completed improvements record no outcome: ${listOf(withoutOutcome.map((i) => i.reference))}.`, evidence };
    return { outcome: 'conformant', explanation: `${recent.length} opportunities were recorded in the last 12 months and all ${completed.length} completed ones record their outcome.`, evidence };
  },
};
