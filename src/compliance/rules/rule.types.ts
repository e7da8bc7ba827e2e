import type { Executor } from '../../platform/db/database.js';
import type { Catalogue } from '../catalogue/catalogue.types.js';

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

/** What the management-system rules (Clauses 5, 9 and 10) read. */
export interface RuleFacts {
  now: number;
  improvements: ImprovementFact[];
  assessments: AssessmentFact[];
  roles: RoleFact[];
}

/** A rule: a pure function of its set's facts. */
export interface Rule<F = RuleFacts> {
  requirementId: string;
  id: string;
  evaluate(facts: F): Omit<RuleResult, 'requirementId' | 'rule'>;
}

/** What gathering facts may use. */
export interface FactContext {
  db: Executor;
  catalogue: Catalogue;
  now: number;
  /** Reads a group of facts at most once per evaluation, however many rule sets ask for it. */
  once<T>(key: string, read: () => Promise<T>): Promise<T>;
}

/**
 * The rules of one clause or process and the facts they read. The engine gathers a set's facts
 * only when one of its rules is wanted, so asking about 5.3 never counts incidents. A new clause's
 * rules are one file exporting one of these, listed in the engine.
 */
export interface RuleSet<F> {
  gather(context: FactContext): Promise<F>;
  rules: Rule<F>[];
}

export const dayMs = 86_400_000;
export const yearMs = 365 * dayMs;

export function listOf(references: string[], max = 5): string {
  const shown = references.slice(0, max).join(', ');
  return references.length > max ? `${shown} and ${references.length - max} more` : shown;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function were(n: number): string {
  return n === 1 ? 'was' : 'were';
}

/** "All 5 problems", or "The one problem" where "All 1 problem" would read oddly. */
export function allOf(n: number, one: string, many = `${one}s`): string {
  return n === 1 ? `the one ${one}` : `all ${n} ${many}`;
}

export function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
