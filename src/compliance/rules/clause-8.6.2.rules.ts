import type { RequestFacts } from '../../modules/requests/index.js';
import { requests, thresholds } from './facts/module-facts.js';
import { listOf, plural, were, type Rule, type RuleSet } from './rule.types.js';

export interface RequestRuleFacts {
  now: number;
  requests: RequestFacts;
}

const percent = (part: number, whole: number) => `${Math.round((part / whole) * 100)} %`;
const unique = (...lists: string[][]) => [...new Set(lists.flat())];

/** 8.6.2: requests trace to a catalogue item and are fulfilled within its target. */
export const requestsFulfilledWithinTarget: Rule<RequestRuleFacts> = {
  requirementId: '8.6.2-01',
  id: '8.6.2/requests-fulfilled-within-target',
  evaluate({ requests: r }) {
    const evidence = unique(r.examples, r.withoutModel.slice(0, 5));
    if (r.fulfilled === 0 && r.withoutModel.length === 0) return { outcome: 'not-evaluable', explanation: 'No service request was fulfilled in the last 12 months.', evidence };
    const orphans = r.withoutModel.length ? `${plural(r.withoutModel.length, 'request')} raised in the last 12 months ${r.withoutModel.length === 1 ? 'traces' : 'trace'} to no published request model (${listOf(r.withoutModel)})` : '';
    if (r.fulfilled === 0) return { outcome: 'partial', explanation: `No request was fulfilled in the last 12 months, and ${orphans}.`, evidence };
    const within = `${r.fulfilledWithinTarget} of ${plural(r.fulfilled, 'request')} fulfilled in the last 12 months (${percent(r.fulfilledWithinTarget, r.fulfilled)}) met ${r.fulfilled === 1 ? 'its' : 'their'} fulfilment target`;
    if (r.fulfilledWithinTarget === 0) return { outcome: 'nonconformant', explanation: `None of the ${plural(r.fulfilled, 'request')} fulfilled in the last 12 months met its fulfilment target.`, evidence };
    const onTarget = r.fulfilledWithinTarget >= thresholds.requestsWithinTargetShare * r.fulfilled;
    if (onTarget && !orphans) return { outcome: 'conformant', explanation: `${within}, and every request traces to a request model in the catalogue.`, evidence };
    const shortfall = onTarget ? '' : `, below the ${Math.round(thresholds.requestsWithinTargetShare * 100)} % expected`;
    return { outcome: 'partial', explanation: `${within}${shortfall}${orphans ? `; ${orphans}` : ''}.`, evidence };
  },
};

/** 8.6.2: each standard request has a defined way of fulfilling it: a published model with its tasks and a target. */
export const standardRequestsModelled: Rule<RequestRuleFacts> = {
  requirementId: '8.6.2-02',
  id: '8.6.2/standard-requests-modelled',
  evaluate({ requests: r }) {
    const models = r.services.flatMap((s) => s.publishedModels);
    const withoutTarget = r.services.flatMap((s) => s.publishedModels.filter((m) => !s.modelsWithTarget.includes(m)));
    const offering = r.services.filter((s) => s.publishedModels.length > 0);
    const evidence = models.slice(0, 10);
    if (models.length === 0) return { outcome: 'nonconformant', explanation: `No request model is published for any of the ${plural(r.services.length, 'live service')}: standard requests have no defined fulfilment.`, evidence };
    const scope = `${plural(models.length, 'request model')} ${were(models.length)} published for ${offering.length} of ${plural(r.services.length, 'live service')}`;
    if (withoutTarget.length) return { outcome: 'partial', explanation: `${scope}, but ${withoutTarget.length} ${withoutTarget.length === 1 ? 'has' : 'have'} no fulfilment target (${listOf(withoutTarget)}).`, evidence };
    return { outcome: 'conformant', explanation: `${scope}, each with its fields, ordered fulfilment tasks and a fulfilment target.`, evidence };
  },
};

/** 8.6.2: fulfilment is confirmed with the requester when the request closes. */
export const closureConfirmed: Rule<RequestRuleFacts> = {
  requirementId: '8.6.2-03',
  id: '8.6.2/closure-confirmed',
  evaluate({ requests: r }) {
    const evidence = r.examples;
    if (r.closed === 0) return { outcome: 'not-evaluable', explanation: 'No service request was closed in the last 12 months.', evidence };
    const share = `${r.rated} of ${plural(r.closed, 'request')} closed in the last 12 months (${percent(r.rated, r.closed)}) ${r.rated === 1 ? 'was' : 'were'} confirmed and rated by the requester`;
    if (r.rated === 0) return { outcome: 'nonconformant', explanation: `None of the ${plural(r.closed, 'request')} closed in the last 12 months was confirmed by its requester.`, evidence };
    if (r.rated >= thresholds.requestsConfirmedShare * r.closed) return { outcome: 'conformant', explanation: `${share}.`, evidence };
    return { outcome: 'partial', explanation: `Only ${share}; the others were closed by the desk without the requester's confirmation.`, evidence };
  },
};

/**
 * 8.6.2 Service request management, from the requests module's facts. Keeping requesters informed
 * while a request is open is left to the assessor: the records do not yet show it.
 */
export const requestRules: RuleSet<RequestRuleFacts> = {
  async gather(context) {
    return { now: context.now, requests: await requests(context) };
  },
  rules: [requestsFulfilledWithinTarget, standardRequestsModelled, closureConfirmed],
};
