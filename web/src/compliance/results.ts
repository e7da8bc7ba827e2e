import type { AnswerResult, Evidence, EvidenceInput, Grade, RuleOutcome } from './types';

/** The five results in shortcut order: key 1 is conformant … key 5 not applicable. */
export const results: { value: AnswerResult; label: string; key: string }[] = [
  { value: 'conformant', label: 'Conformant', key: '1' },
  { value: 'partial', label: 'Partial', key: '2' },
  { value: 'nonconformant', label: 'Nonconformant', key: '3' },
  { value: 'not-assessed', label: 'Not assessed', key: '4' },
  { value: 'not-applicable', label: 'Not applicable', key: '5' },
];

export function resultLabel(result: AnswerResult | 'unanswered' | null | undefined): string {
  if (!result || result === 'unanswered') return 'Unanswered';
  return results.find((r) => r.value === result)?.label ?? result;
}

export function resultForKey(key: string): AnswerResult | null {
  return results.find((r) => r.key === key)?.value ?? null;
}

export function outcomeLabel(outcome: RuleOutcome): string {
  return outcome === 'not-evaluable' ? 'Not evaluable' : resultLabel(outcome);
}

/** Mantine colour for a result or rule outcome; always shown with its text. */
export function resultColour(result: AnswerResult | RuleOutcome | 'unanswered' | null | undefined): string {
  switch (result) {
    case 'conformant':
      return 'green';
    case 'partial':
      return 'yellow';
    case 'nonconformant':
      return 'red';
    case 'not-applicable':
      return 'gray';
    default:
      return 'blue';
  }
}

/** A background for a heatmap score (0-100); dark text stays readable on every shade. */
export function scoreBackground(score: number | null): string {
  if (score === null) return 'var(--mantine-color-gray-1)';
  if (score >= 85) return 'var(--mantine-color-green-2)';
  if (score >= 70) return 'var(--mantine-color-lime-2)';
  if (score >= 50) return 'var(--mantine-color-yellow-2)';
  if (score >= 30) return 'var(--mantine-color-orange-2)';
  return 'var(--mantine-color-red-2)';
}

export function scoreWord(score: number | null): string {
  if (score === null) return 'not assessed';
  if (score >= 85) return 'strong';
  if (score >= 70) return 'good';
  if (score >= 50) return 'fair';
  if (score >= 30) return 'weak';
  return 'poor';
}

export interface AnswerDraft {
  result: AnswerResult | null;
  grade: Grade | null;
  justification: string;
  notes: string;
  improvementOpportunity: string;
  followUp: string;
  evidence: EvidenceInput[];
}

export function toEvidenceInput(e: Evidence): EvidenceInput {
  if (e.kind === 'record') return { kind: 'record', reference: e.reference };
  if (e.kind === 'attachment') return { kind: 'attachment', attachmentId: e.attachmentId };
  return { kind: 'document', title: e.title, location: e.location };
}

/** Why a draft cannot be saved yet (the server would refuse it), or null when it can. */
export function incompleteReason(draft: AnswerDraft, clauseGroup: string): string | null {
  if (!draft.result) return 'Choose a result to save this answer.';
  if (draft.result === 'nonconformant' && !draft.grade) return 'Choose major or minor to save this nonconformity.';
  if (draft.result === 'not-applicable') {
    if (!clauseGroup.startsWith('8')) return 'Clauses 4–7, 9 and 10 allow no exclusions: choose another result.';
    if (!draft.justification.trim()) return 'Give a justification to save “not applicable”.';
  }
  return null;
}

const blank = (s: string) => (s.trim() === '' ? null : s.trim());

/** The PUT body for a draft: only the fields the chosen result allows. */
export function answerBody(draft: AnswerDraft): Record<string, unknown> {
  const result = draft.result as AnswerResult;
  return {
    result,
    grade: result === 'nonconformant' ? draft.grade : null,
    justification: result === 'not-applicable' ? blank(draft.justification) : null,
    notes: blank(draft.notes),
    improvementOpportunity: result === 'conformant' || result === 'partial' ? blank(draft.improvementOpportunity) : null,
    followUp: result === 'nonconformant' || result === 'partial' ? blank(draft.followUp)?.toUpperCase() ?? null : null,
    evidence: draft.evidence,
  };
}

/** The index the focus moves to for a navigation key, or null when the key does not move it. */
export function moveIndex(key: string, current: number, count: number): number | null {
  if (count === 0) return null;
  if (key === 'j' || key === 'ArrowDown') return Math.min(count - 1, current + 1);
  if (key === 'k' || key === 'ArrowUp') return Math.max(0, current - 1);
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  return null;
}

/** An ETag for If-Match from a version number. */
export function etagOf(version: number): string {
  return `"${version}"`;
}
