import { inForce, type AgreementFact, type ServiceLevelFacts, type SlaBreachFacts } from '../../modules/service-levels/index.js';
import { catalogue, serviceLevels, slaBreaches, thresholds } from './facts/module-facts.js';
import { allOf, capitalised, listOf, plural, type Rule, type RuleSet } from './rule.types.js';

export interface ServiceLevelRuleFacts {
  now: number;
  liveServices: number;
  serviceLevels: ServiceLevelFacts;
  breaches: SlaBreachFacts;
}

const slasInForce = (agreements: AgreementFact[]) => agreements.filter((a) => a.kind === 'sla' && inForce.includes(a.status));
const refs = (agreements: AgreementFact[]) => agreements.map((a) => a.reference);

/** 8.3.3: every live service has an SLA in force, and each SLA sets targets. */
export const slasAgreedForLiveServices: Rule<ServiceLevelRuleFacts> = {
  requirementId: '8.3.3-01',
  id: '8.3.3/slas-agreed-for-live-services',
  evaluate({ liveServices, serviceLevels: { agreements, liveServicesWithoutSla } }) {
    if (liveServices === 0) return { outcome: 'not-evaluable', explanation: 'The catalogue has no live service to agree service levels for.', evidence: [] };
    const slas = slasInForce(agreements);
    if (slas.length === 0) return { outcome: 'nonconformant', explanation: `No SLA is in force for any of the ${plural(liveServices, 'live service')}.`, evidence: [] };
    const withoutTargets = slas.filter((s) => s.targetCount === 0);
    if (liveServicesWithoutSla.length === 0 && withoutTargets.length === 0) {
      return { outcome: 'conformant', explanation: `Each of the ${plural(liveServices, 'live service')} has an SLA in force with agreed targets (${listOf(refs(slas))}).`, evidence: refs(slas) };
    }
    const gaps = [
      liveServicesWithoutSla.length ? `${plural(liveServicesWithoutSla.length, 'live service')} ${liveServicesWithoutSla.length === 1 ? 'has' : 'have'} no SLA in force (${listOf(liveServicesWithoutSla)})` : '',
      withoutTargets.length ? `${plural(withoutTargets.length, 'SLA')} in force ${withoutTargets.length === 1 ? 'sets' : 'set'} no target (${listOf(refs(withoutTargets))})` : '',
    ].filter(Boolean);
    return { outcome: 'partial', explanation: `Of ${plural(liveServices, 'live service')}, ${gaps.join('; ')}.`, evidence: [...refs(slas), ...liveServicesWithoutSla] };
  },
};

/** 8.3.3: each SLA in force is supported by OLAs or contracts whose targets can meet it. */
export const slasUnderpinned: Rule<ServiceLevelRuleFacts> = {
  requirementId: '8.3.3-03',
  id: '8.3.3/slas-underpinned',
  evaluate({ serviceLevels: { agreements } }) {
    const slas = slasInForce(agreements);
    if (slas.length === 0) return { outcome: 'not-evaluable', explanation: 'No SLA is in force, so there is nothing for OLAs and contracts to underpin.', evidence: [] };
    const underpinning = agreements.filter((a) => a.kind !== 'sla' && inForce.includes(a.status) && a.supportsSla !== null);
    const supported = new Set(underpinning.map((a) => a.supportsSla));
    const alone = slas.filter((s) => !supported.has(s.reference));
    const warned = slas.filter((s) => s.warningCount > 0);
    const evidence = [...refs(slas), ...refs(underpinning)];
    if (alone.length === slas.length) return { outcome: 'nonconformant', explanation: `None of the ${plural(slas.length, 'SLA')} in force is underpinned by an OLA or a contract in force.`, evidence };
    if (alone.length === 0 && warned.length === 0) {
      return { outcome: 'conformant', explanation: `Each of the ${plural(slas.length, 'SLA')} in force is underpinned by OLAs or contracts (${plural(underpinning.length, 'agreement')}) whose targets support it.`, evidence };
    }
    const gaps = [
      alone.length ? `${listOf(refs(alone))} ${alone.length === 1 ? 'has' : 'have'} no OLA or contract in force` : '',
      warned.length ? `${listOf(refs(warned))} ${warned.length === 1 ? 'has' : 'have'} targets tighter than ${warned.length === 1 ? 'its' : 'their'} OLAs or contracts allow (${plural(warned.reduce((n, s) => n + s.warningCount, 0), 'warning')})` : '',
    ].filter(Boolean);
    return { outcome: 'partial', explanation: `Of ${plural(slas.length, 'SLA')} in force, ${gaps.join('; ')}.`, evidence };
  },
};

/** 8.3.3: agreements in force have a planned review, and none is past it. */
export const agreementsReviewedOnSchedule: Rule<ServiceLevelRuleFacts> = {
  requirementId: '8.3.3-04',
  id: '8.3.3/agreements-reviewed-on-schedule',
  evaluate({ serviceLevels: { agreements } }) {
    const current = agreements.filter((a) => inForce.includes(a.status));
    if (current.length === 0) return { outcome: 'not-evaluable', explanation: 'No agreement is in force, so there is no review to schedule.', evidence: [] };
    const unplanned = current.filter((a) => a.reviewDate === null);
    const overdue = current.filter((a) => a.reviewOverdue);
    const evidence = refs(current);
    if (unplanned.length === 0 && overdue.length === 0) {
      return { outcome: 'conformant', explanation: `${capitalised(allOf(current.length, 'agreement'))} in force ${current.length === 1 ? 'has' : 'have'} a planned review date that has not passed.`, evidence };
    }
    const gaps = [
      overdue.length ? `${plural(overdue.length, 'is', 'are')} past ${overdue.length === 1 ? 'its' : 'their'} review date (${listOf(overdue.map((a) => `${a.reference} due ${a.reviewDate}`))})` : '',
      unplanned.length ? `${plural(unplanned.length, 'has', 'have')} no review planned (${listOf(refs(unplanned))})` : '',
    ].filter(Boolean);
    const outcome = unplanned.length + overdue.length >= current.length ? 'nonconformant' : 'partial';
    return { outcome, explanation: `Of ${plural(current.length, 'agreement')} in force, ${gaps.join('; ')}.`, evidence };
  },
};

/** 8.3.3: each breach is investigated (closed with its cause and an action), promptly. */
export const breachesInvestigated: Rule<ServiceLevelRuleFacts> = {
  requirementId: '8.3.3-05',
  id: '8.3.3/breaches-investigated',
  evaluate({ breaches: b }) {
    const days = thresholds.breachInvestigationDays;
    if (b.recorded === 0) return { outcome: 'not-evaluable', explanation: 'No SLA breach was recorded in the last 12 months, so there is no investigation to check.', evidence: [] };
    const evidence = [...new Set([...b.latest, ...b.overdue])];
    const followUps = b.withFollowUp ? `, ${plural(b.withFollowUp, 'is', 'are')} linked to an improvement or a problem` : '';
    if (b.openOverdue === 0) {
      return { outcome: 'conformant', explanation: `Of ${plural(b.recorded, 'SLA breach', 'SLA breaches')} recorded in the last 12 months, ${b.investigated} ${b.investigated === 1 ? 'was' : 'were'} closed with a cause and an action${followUps}, and none has been open for more than ${days} days.`, evidence };
    }
    const oldest = b.oldestOpenAt === null ? '' : `, the oldest since ${new Date(b.oldestOpenAt).toISOString().slice(0, 10)}`;
    if (b.investigated === 0) {
      return { outcome: 'nonconformant', explanation: `None of the ${plural(b.recorded, 'SLA breach', 'SLA breaches')} recorded in the last 12 months has been investigated, and ${b.openOverdue} ${b.openOverdue === 1 ? 'has' : 'have'} been open for more than ${days} days (${listOf(b.overdue)}${oldest}).`, evidence };
    }
    return { outcome: 'partial', explanation: `${b.investigated} of ${plural(b.recorded, 'SLA breach', 'SLA breaches')} recorded in the last 12 months were closed with a cause and an action, but ${b.openOverdue} ${b.openOverdue === 1 ? 'has' : 'have'} been open for more than ${days} days (${listOf(b.overdue)}${oldest}).`, evidence };
  },
};

export const serviceLevelRules: RuleSet<ServiceLevelRuleFacts> = {
  async gather(context) {
    const [{ services }, levels, breaches] = await Promise.all([catalogue(context), serviceLevels(context), slaBreaches(context)]);
    return { now: context.now, liveServices: services.filter((s) => s.status === 'live').length, serviceLevels: levels, breaches };
  },
  rules: [slasAgreedForLiveServices, slasUnderpinned, agreementsReviewedOnSchedule, breachesInvestigated],
};
