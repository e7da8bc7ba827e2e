import type { ProblemFacts } from '../../modules/problems/index.js';
import { problems, thresholds } from './facts/module-facts.js';
import { allOf, capitalised, listOf, plural, were, type Rule, type RuleSet } from './rule.types.js';

export interface ProblemRuleFacts {
  now: number;
  problems: ProblemFacts;
}

const unique = (...lists: string[][]) => [...new Set(lists.flat())];

/** 8.6.3: problems are recorded, tied to the incidents they explain, and incident trends get one. */
export const problemsFromIncidentTrends: Rule<ProblemRuleFacts> = {
  requirementId: '8.6.3-01',
  id: '8.6.3/problems-from-incident-trends',
  evaluate({ problems: p }) {
    const { days, threshold } = thresholds.trend;
    const trends = p.uncoveredTrends;
    const trendText = trends.length
      ? `${plural(trends.length, 'incident trend')} (${threshold} or more incidents on a service and category in ${days} days) ${trends.length === 1 ? 'has' : 'have'} no open problem (${listOf(trends.map((t) => `${t.service} ${t.category}: ${t.count}`), 3)})`
      : '';
    const evidence = unique(p.latest, p.notLinked, trends[0]?.references ?? []);
    if (p.recorded === 0) return { outcome: 'nonconformant', explanation: `No problem was recorded in the last 12 months${trends.length ? `, although ${trendText}` : ''}.`, evidence };
    const unlinked = p.recorded - p.linkedToIncidents;
    if (unlinked === 0 && trends.length === 0) {
      return { outcome: 'conformant', explanation: `${plural(p.recorded, 'problem')} ${were(p.recorded)} recorded in the last 12 months, each linked to the incidents it explains, and every current incident trend has an open problem.`, evidence };
    }
    const gaps = [unlinked ? `${unlinked} of them ${unlinked === 1 ? 'is' : 'are'} linked to no incident (${listOf(p.notLinked)})` : '', trendText].filter(Boolean);
    return { outcome: 'partial', explanation: `${plural(p.recorded, 'problem')} ${were(p.recorded)} recorded in the last 12 months, but ${gaps.join('; ')}.`, evidence };
  },
};

/** 8.6.3: closed problems record their root cause (or why there is none), and known errors are kept with workarounds. */
export const rootCausesAndKnownErrors: Rule<ProblemRuleFacts> = {
  requirementId: '8.6.3-02',
  id: '8.6.3/root-causes-and-known-errors',
  evaluate({ problems: p }) {
    if (p.recorded === 0 && p.closed === 0 && p.knownErrors === 0) return { outcome: 'not-evaluable', explanation: 'There is no problem of the last 12 months and no known error to judge.', evidence: [] };
    const explained = p.closedWithRootCause + p.closedJustified;
    const unexplained = p.closed - explained;
    const withoutWorkaround = p.knownErrors - p.knownErrorsWithWorkaround;
    const evidence = unique(p.latest, p.closedUnexplained);
    if (explained === 0 && p.knownErrors === 0) {
      return { outcome: p.closed > 0 ? 'nonconformant' : 'partial', explanation: p.closed > 0 ? `None of the ${plural(p.closed, 'problem')} closed in the last 12 months records a root cause or a justified reason, and no known error is recorded.` : `${plural(p.recorded, 'problem')} ${were(p.recorded)} recorded in the last 12 months, but none has reached a root cause or a known error yet.`, evidence };
    }
    const gaps = [
      unexplained ? `${unexplained} of ${plural(p.closed, 'closed problem')} record neither a root cause nor a justified reason (${listOf(p.closedUnexplained)})` : '',
      p.knownErrors === 0 ? 'the known-error database is empty' : '',
      withoutWorkaround ? `${withoutWorkaround} of ${plural(p.knownErrors, 'known error')} have no workaround` : '',
    ].filter(Boolean);
    if (gaps.length) return { outcome: 'partial', explanation: `Root-cause analysis is recorded, but ${gaps.join('; ')}.`, evidence };
    const closedText = p.closed ? `${capitalised(allOf(p.closed, 'problem'))} closed in the last 12 months ${p.closed === 1 ? 'records' : 'record'} a root cause (${p.closedWithRootCause}) or a justified reason (${p.closedJustified}), and` : 'No problem was closed in the last 12 months, and';
    return { outcome: 'conformant', explanation: `${closedText} the known-error database holds ${plural(p.knownErrors, 'known error')}, each with a workaround.`, evidence };
  },
};

/** 8.6.3: removing a cause reduces the incidents it caused: fewer on the service and category after closure than before. */
export const recurrenceReduced: Rule<ProblemRuleFacts> = {
  requirementId: '8.6.3-04',
  id: '8.6.3/recurrence-reduced',
  evaluate({ problems: p }) {
    const judged = p.comparisons;
    if (judged.length === 0) return { outcome: 'not-evaluable', explanation: `No problem closed in the last 12 months has been closed for ${thresholds.minimumDaysClosed} days yet, so no reduction can be measured.`, evidence: p.recurring };
    const notReduced = judged.filter((c) => c.after > 0 && c.after >= c.before);
    const before = judged.reduce((n, c) => n + c.before, 0);
    const after = judged.reduce((n, c) => n + c.after, 0);
    const evidence = unique(judged.map((c) => c.reference), p.recurring);
    const totals = `${before} incidents before closure and ${after} after, over equal spans of up to ${thresholds.comparisonDays} days`;
    if (notReduced.length === 0) return { outcome: 'conformant', explanation: `For ${allOf(judged.length, 'problem')} closed at least ${thresholds.minimumDaysClosed} days ago, incidents on the same service and category fell after closure (${totals}).`, evidence };
    const which = listOf(notReduced.map((c) => `${c.reference}: ${c.before} before, ${c.after} after`), 3);
    if (notReduced.length === judged.length) return { outcome: 'nonconformant', explanation: `Incidents on the same service and category did not fall after closure for any of the ${plural(judged.length, 'problem')} closed at least ${thresholds.minimumDaysClosed} days ago (${which}).`, evidence };
    return { outcome: 'partial', explanation: `Incidents on the same service and category did not fall after closure for ${notReduced.length} of ${plural(judged.length, 'problem')} closed at least ${thresholds.minimumDaysClosed} days ago (${which}).`, evidence };
  },
};

export const problemRules: RuleSet<ProblemRuleFacts> = {
  async gather(context) {
    return { now: context.now, problems: await problems(context) };
  },
  rules: [problemsFromIncidentTrends, rootCausesAndKnownErrors, recurrenceReduced],
};
