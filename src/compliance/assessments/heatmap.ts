import type { Catalogue, Requirement } from '../catalogue/catalogue.types.js';
import { answerResults } from './answer-rules.js';
import type { Answer } from './answers.service.js';
import { clauseGroupOf } from './assessment-scope.js';

export type ResultCounts = Record<(typeof answerResults)[number] | 'unanswered', number>;

export interface HeatmapCell {
  id: string;
  title: string;
  counts: ResultCounts;
  requirements: number;
  /** Conformant share of the assessed requirements (partial counts half), 0-100; null with nothing assessed. */
  score: number | null;
  major: number;
  minor: number;
}

export function emptyCounts(): ResultCounts {
  return { conformant: 0, partial: 0, nonconformant: 0, 'not-assessed': 0, 'not-applicable': 0, unanswered: 0 };
}

export function cellOf(id: string, title: string, requirements: Requirement[], answers: Map<string, Answer>): HeatmapCell {
  const counts = emptyCounts();
  let major = 0;
  let minor = 0;
  for (const r of requirements) {
    const answer = answers.get(r.id);
    counts[answer?.result ?? 'unanswered'] += 1;
    if (answer?.grade === 'major') major += 1;
    if (answer?.grade === 'minor') minor += 1;
  }
  const assessed = counts.conformant + counts.partial + counts.nonconformant;
  return {
    id, title, counts, requirements: requirements.length, major, minor,
    score: assessed === 0 ? null : Math.round(((counts.conformant + counts.partial / 2) / assessed) * 100),
  };
}

/** Results counted by clause group (4 … 7, 8.1 … 8.7, 9, 10) and by process, for a heatmap. */
export function heatmapOf(catalogue: Catalogue, requirements: Requirement[], answers: Map<string, Answer>) {
  const groups = new Map<string, Requirement[]>();
  for (const r of requirements) {
    const group = clauseGroupOf(catalogue, r.clause);
    groups.set(group, [...(groups.get(group) ?? []), r]);
  }
  const titleOf = (id: string) => catalogue.clauses.find((c) => c.id === id)?.title ?? id;
  const byClause = [...groups].map(([id, reqs]) => cellOf(id, titleOf(id), reqs, answers));
  const byProcess = catalogue.clauses.filter((c) => c.process).flatMap((c) => {
    const reqs = requirements.filter((r) => r.clause === c.id);
    return reqs.length ? [{ ...cellOf(c.process!, c.title, reqs, answers), clause: c.id }] : [];
  });
  return { byClause, byProcess, overall: cellOf('all', 'All requirements in scope', requirements, answers) };
}
