import { yearMs, type Rule } from './rule.types.js';

/** 9.2: an internal audit of every clause, completed within the last twelve months. */
export const internalAuditOfEveryClause: Rule = {
  requirementId: '9.2-01',
  id: '9.2/full-internal-audit-within-a-year',
  evaluate({ assessments, now }) {
    const audits = assessments.filter((a) => a.kind === 'internal-audit');
    const done = audits.filter((a) => a.completedAt !== null).sort((a, b) => b.completedAt! - a.completedAt!);
    const full = done.find((a) => a.coversAllClauses && now - a.completedAt! <= yearMs);
    if (full) {
      return { outcome: 'conformant', explanation: `${full.reference}, an internal audit of every clause, was completed on ${new Date(full.completedAt!).toISOString().slice(0, 10)}.`, evidence: [full.reference] };
    }
    const recentPartial = done.filter((a) => now - a.completedAt! <= yearMs);
    if (recentPartial.length > 0) {
      return { outcome: 'partial', explanation: `Internal audits were completed in the last 12 months (${recentPartial.map((a) => a.reference).join(', ')}), but none covered every clause.`, evidence: recentPartial.map((a) => a.reference) };
    }
    const open = audits.filter((a) => a.completedAt === null);
    if (done.length > 0 || open.length > 0) {
      const refs = [...done, ...open].map((a) => a.reference);
      return { outcome: 'partial', explanation: `No internal audit was completed in the last 12 months; ${refs.join(', ')} ${open.length ? 'is planned or in progress' : 'is older than a year'}.`, evidence: refs };
    }
    return { outcome: 'nonconformant', explanation: 'No internal audit has been recorded.', evidence: [] };
  },
};
