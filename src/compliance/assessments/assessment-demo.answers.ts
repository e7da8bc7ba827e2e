import type { Requirement } from '../catalogue/catalogue.types.js';
import type { RuleResult } from '../rules/rule.types.js';
import type { AnswerResult, FindingGrade } from './answer-rules.js';
import type { ResultCounts } from './heatmap.js';

/**
 * How the demo's gap assessment answers, from what Certus holds: pure, so the rules of the story
 * are tested apart from the loading. The assessor judges from records only; a requirement with
 * no rule and no hand-written reason is not assessed, never conformant by default.
 */

/** The clauses whose records Certus holds in the demo, and what those records are. */
export const demoRecordsByClause: Record<string, string> = {
  '5.3': 'user and role',
  '8.2.4': 'service and customer',
  '8.3.3': 'SLA, OLA and contract',
  '8.3.4': 'underpinning contract',
  '8.6.1': 'incident',
  '8.6.1-major': 'major incident',
  '8.6.2': 'request model and service request',
  '8.6.3': 'problem',
  '9.2': 'assessment',
  '10.1': 'assessment finding',
  '10.2': 'improvement',
};

export interface DemoAnswer {
  result: AnswerResult;
  grade: FindingGrade | null;
  notes: string;
  followUp: string | null;
  /** Record references the answer cites; the loader keeps only those that exist. */
  cite: string[];
}

/**
 * A rule's result as the assessor records it. A rule that finds nothing in place at all (no
 * evidence to cite) is a major nonconformity; one that finds the requirement in place but not
 * effective is minor. Not evaluable means the records give nothing to judge yet: not assessed.
 */
export function answerFromRule(rule: RuleResult): DemoAnswer {
  const said = `Rule ${rule.rule}: ${rule.explanation}`;
  switch (rule.outcome) {
    case 'conformant': return { result: 'conformant', grade: null, notes: said, followUp: null, cite: rule.evidence };
    case 'partial': return { result: 'partial', grade: null, notes: said, followUp: null, cite: rule.evidence };
    case 'nonconformant': return { result: 'nonconformant', grade: rule.evidence.length === 0 ? 'major' : 'minor', notes: said, followUp: null, cite: rule.evidence };
    case 'not-evaluable': return { result: 'not-assessed', grade: null, notes: `Not assessed: the records give nothing to judge yet. ${said}`, followUp: null, cite: [] };
  }
}

/**
 * The answer where no rule judges the requirement and the story gives no reason of its own.
 * Absence of records in Certus is not evidence that a process is not performed (Northwind may
 * keep them elsewhere), so an honest assessor records the requirement as not assessed, not as
 * a nonconformity; a Stage 2 audit finding no evidence anywhere would raise one.
 */
export function unassessedAnswer(requirement: Requirement): DemoAnswer {
  const held = demoRecordsByClause[requirement.clause];
  const notes = held
    ? `Not assessed: Certus holds ${held} records, but no rule judges this requirement and the assessor did not sample them for it. To verify: ${lowerFirst(requirement.verify)}`
    : `Not assessed: no records held in Certus for clause ${requirement.clause}, and none was presented. To verify: ${lowerFirst(requirement.verify)}`;
  return { result: 'not-assessed', grade: null, notes, followUp: null, cite: [] };
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/**
 * A process's capability level from its answers (the heatmap's counts), or null when too little
 * was assessed to rate it. The rules judge records, not documented procedures or quantitative
 * control, so the demo never rates above 3 (Established); 4 and 5 need evidence it does not hold.
 */
export function levelFromCounts(counts: ResultCounts): { level: number; reason: string } | null {
  const assessed = counts.conformant + counts.partial + counts.nonconformant;
  const open = counts['not-assessed'] + counts.unanswered;
  // 'Not applicable' requirements neither raise nor lower the level.
  const relevant = assessed + open;
  if (assessed === 0 || assessed * 2 < relevant) return null;
  const tally = `${assessed} of ${relevant} requirements assessed from the records: ${counts.conformant} conformant, ${counts.partial} partial, ${counts.nonconformant} nonconformant`;
  if (counts.nonconformant > 0) return { level: 1, reason: `${tally}. Performed: the records show the process running, but a nonconformity shows it does not yet achieve its purpose.` };
  if (counts.partial > 0 || open > 0) return { level: 2, reason: `${tally}. Managed: planned and tracked in Certus, but ${counts.partial > 0 ? 'partly effective' : 'not every requirement was shown'}.` };
  return { level: 3, reason: `${tally}. Established: every requirement is met in the records; nothing yet shows quantitative control (level 4).` };
}

export interface DemoReadiness {
  state: 'done' | 'in-progress';
  notes: string;
  cite: string[];
}

/**
 * A readiness item from the answers to its requirements: done only when every one is conformant
 * and the answers cite records; in progress when some are met or partly met; otherwise left not
 * started (null). Items naming no requirement stay not started: the demo holds nothing for them.
 */
export function readinessFromAnswers(requirementIds: string[], answers: Map<string, DemoAnswer>): DemoReadiness | null {
  if (requirementIds.length === 0) return null;
  const of = (result: AnswerResult) => requirementIds.filter((id) => answers.get(id)?.result === result);
  const conformant = of('conformant');
  const partial = of('partial');
  const cite = [...new Set([...conformant, ...partial].flatMap((id) => answers.get(id)?.cite ?? []))];
  if (conformant.length === requirementIds.length && cite.length > 0) {
    return { state: 'done', notes: `Conformant in the gap assessment: ${conformant.join(', ')}.`, cite };
  }
  if (conformant.length + partial.length === 0) return null;
  const rest = requirementIds.filter((id) => !conformant.includes(id) && !partial.includes(id));
  const parts = [
    conformant.length ? `conformant: ${conformant.join(', ')}` : '',
    partial.length ? `partial: ${partial.join(', ')}` : '',
    rest.length ? `not yet shown: ${rest.join(', ')}` : '',
  ].filter(Boolean);
  return { state: 'in-progress', notes: `From the gap assessment, ${parts.join('; ')}.`, cite };
}
