export type RuleOutcome = 'conformant' | 'partial' | 'nonconformant' | 'not-evaluable';

/** What a rule says about one requirement: a suggestion for the assessor, never a decision. */
export interface RuleResult {
  requirementId: string;
  /** The rule that produced it, e.g. `10.2/improvements-evaluated`. */
  rule: string;
  outcome: RuleOutcome;
  /** One sentence an assessor can read out. */
  explanation: string;
  /** References of the records that show it (IMP-000003, ASM-000001 …). */
  evidence: string[];
}

export interface ImprovementFact {
  reference: string;
  status: string;
  source: string;
  hasExpectedBenefit: boolean;
  hasDecisionReason: boolean;
  hasOutcome: boolean;
  createdAt: number;
}

export interface NonconformityFact {
  requirementId: string;
  grade: string | null;
  /** The record that follows the finding up (IMP-000004, later NC-…), if named. */
  followUp: string | null;
  /** Whether that record has an owner; null when the follow-up record was not found. */
  followUpOwned: boolean | null;
}

export interface AssessmentFact {
  reference: string;
  kind: string;
  status: string;
  coversAllClauses: boolean;
  /** When it was moved to completed, from its history; null while open. */
  completedAt: number | null;
  nonconformities: NonconformityFact[];
}

export interface RoleFact {
  role: string;
  title: string;
  activeHolders: number;
}

/** Everything the shipped rules read, gathered once per evaluation. */
export interface RuleFacts {
  now: number;
  improvements: ImprovementFact[];
  assessments: AssessmentFact[];
  roles: RoleFact[];
}

export interface Rule {
  requirementId: string;
  id: string;
  evaluate(facts: RuleFacts): Omit<RuleResult, 'requirementId' | 'rule'>;
}

export const yearMs = 365 * 86_400_000;

export function listOf(references: string[], max = 5): string {
  const shown = references.slice(0, max).join(', ');
  return references.length > max ? `${shown} and ${references.length - max} more` : shown;
}
