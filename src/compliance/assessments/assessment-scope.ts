import { clauseAncestry, findRequirements, processes } from '../catalogue/catalogue.queries.js';
import type { Catalogue, Requirement } from '../catalogue/catalogue.types.js';

export interface AssessmentScope {
  /** Every clause 4-10. */
  all: boolean;
  clauses: string[];
  processes: string[];
  /** Entries that name neither a clause nor a process. */
  unknown: string[];
}

/**
 * Reads an assessment's scope text: empty or `all` for every clause, otherwise clause ids and
 * process slugs separated by commas or spaces.
 */
export function parseScope(catalogue: Catalogue, text: string | null | undefined): AssessmentScope {
  const tokens = (text ?? '').split(/[\s,;]+/).map((t) => t.trim()).filter(Boolean);
  if (tokens.length === 0 || tokens.some((t) => t.toLowerCase() === 'all')) return { all: true, clauses: [], processes: [], unknown: [] };
  const clauseIds = new Set(catalogue.clauses.map((c) => c.id));
  const processIds = new Set(processes(catalogue).map((p) => p.process));
  const scope: AssessmentScope = { all: false, clauses: [], processes: [], unknown: [] };
  for (const token of tokens) {
    if (clauseIds.has(token)) scope.clauses.push(token);
    else if (processIds.has(token.toLowerCase())) scope.processes.push(token.toLowerCase());
    else scope.unknown.push(token);
  }
  return scope;
}

export function describeScope(scope: AssessmentScope): string {
  if (scope.all) return 'All clauses 4-10';
  return [...scope.clauses.map((c) => `clause ${c}`), ...scope.processes].join(', ') || 'Nothing in scope';
}

/** The requirements an assessment covers, in catalogue order. */
export function requirementsInScope(catalogue: Catalogue, scope: AssessmentScope): Requirement[] {
  if (scope.all) return catalogue.requirements;
  const wanted = new Set<string>();
  for (const clause of scope.clauses) for (const r of findRequirements(catalogue, { clause })) wanted.add(r.id);
  for (const process of scope.processes) for (const r of findRequirements(catalogue, { process })) wanted.add(r.id);
  return catalogue.requirements.filter((r) => wanted.has(r.id));
}

/** The processes (Clause 8 and service reporting) that have a requirement in scope. */
export function processesInScope(catalogue: Catalogue, requirements: Requirement[]): { process: string; clause: string; title: string }[] {
  const clauses = new Set(requirements.map((r) => r.clause));
  return processes(catalogue).filter((p) => clauses.has(p.clause));
}

/** The top-level clause (4 … 10) a clause belongs to. */
export function topClauseOf(catalogue: Catalogue, clauseId: string): string {
  const chain = clauseAncestry(catalogue, clauseId);
  return chain[chain.length - 1]?.id ?? clauseId;
}

/**
 * The group a requirement is reported under: its top-level clause, except that Clause 8 is
 * split into its sections (8.1, 8.2 … 8.7), as the guide's worksheet does.
 */
export function clauseGroupOf(catalogue: Catalogue, clauseId: string): string {
  const chain = clauseAncestry(catalogue, clauseId).map((c) => c.id);
  const top = chain[chain.length - 1] ?? clauseId;
  return top === '8' && chain.length >= 2 ? chain[chain.length - 2]! : top;
}

export function clauseGroups(catalogue: Catalogue): { id: string; title: string }[] {
  const ids = new Set(catalogue.requirements.map((r) => clauseGroupOf(catalogue, r.clause)));
  return catalogue.clauses.filter((c) => ids.has(c.id)).map((c) => ({ id: c.id, title: c.title }));
}
