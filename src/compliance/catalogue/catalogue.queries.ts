import { AppError } from '../../platform/http/app-error.js';
import type { Catalogue, Clause, FrameworkLink, MappingArea, Requirement } from './catalogue.types.js';

export interface ClauseNode extends Clause {
  requirements: { id: string; title: string }[];
  children: ClauseNode[];
}

/** One framework correspondence that applies to a clause, through a mapping area. */
export interface ClauseMapping {
  area: string;
  areaTitle: string;
  /** The clause the area names (the clause itself or one above it). */
  viaClause: string;
  framework: string;
  frameworkTitle: string;
  relationship: FrameworkLink['relationship'];
  targets: { id: string; title: string }[];
}

export interface RequirementFilter {
  /** A clause id: the requirements of that clause and every clause below it (8.6.1 includes 8.6.1-major). */
  clause?: string;
  /** A process slug (e.g. `incident-management`). */
  process?: string;
  /** A framework id: requirements whose clause (or a clause above it) is mapped to it. */
  framework?: string;
  /**
   * Words that must all appear in the id, the guide's id, the title or the statement (case
   * ignored). The guide's ids are found here, so 8.3.2-05 finds 8.3.3-05 (the guide's number)
   * as well as whatever the edition numbers 8.3.2-05.
   */
  q?: string;
}

function matchesWords(requirement: Requirement, words: string[]): boolean {
  const text = [requirement.id, requirement.guideId ?? '', requirement.title, requirement.statement].join(' ').toLowerCase();
  return words.every((word) => text.includes(word));
}

interface Index {
  clauses: Map<string, Clause>;
  requirements: Map<string, Requirement>;
  children: Map<string, Clause[]>;
  byClause: Map<string, Requirement[]>;
}

const indexes = new WeakMap<Catalogue, Index>();

function indexOf(catalogue: Catalogue): Index {
  let index = indexes.get(catalogue);
  if (!index) {
    const children = new Map<string, Clause[]>();
    for (const clause of catalogue.clauses) {
      if (clause.parent) children.set(clause.parent, [...(children.get(clause.parent) ?? []), clause]);
    }
    const byClause = new Map<string, Requirement[]>();
    for (const requirement of catalogue.requirements) byClause.set(requirement.clause, [...(byClause.get(requirement.clause) ?? []), requirement]);
    index = {
      clauses: new Map(catalogue.clauses.map((c) => [c.id, c])),
      requirements: new Map(catalogue.requirements.map((r) => [r.id, r])),
      children,
      byClause,
    };
    indexes.set(catalogue, index);
  }
  return index;
}

/** Clauses 4-10 as a tree, each node with its own requirements (id and title). */
export function clauseTree(catalogue: Catalogue): ClauseNode[] {
  const index = indexOf(catalogue);
  const node = (clause: Clause): ClauseNode => ({
    ...clause,
    requirements: (index.byClause.get(clause.id) ?? []).map((r) => ({ id: r.id, title: r.title })),
    children: (index.children.get(clause.id) ?? []).map(node),
  });
  return catalogue.clauses.filter((c) => c.parent === null).map(node);
}

export function getClause(catalogue: Catalogue, id: string): Clause {
  const clause = indexOf(catalogue).clauses.get(id);
  if (!clause) throw AppError.notFound(`Clause ${id}`);
  return clause;
}

export function getRequirement(catalogue: Catalogue, id: string): Requirement {
  const requirement = indexOf(catalogue).requirements.get(id);
  if (!requirement) throw AppError.notFound(`Requirement ${id}`);
  return requirement;
}

/** The clause and every clause above it, nearest first. */
export function clauseAncestry(catalogue: Catalogue, clauseId: string): Clause[] {
  const { clauses } = indexOf(catalogue);
  const chain: Clause[] = [];
  for (let clause = clauses.get(clauseId); clause; clause = clause.parent ? clauses.get(clause.parent) : undefined) chain.push(clause);
  return chain;
}

/** The clause and every clause below it. */
export function clauseSubtree(catalogue: Catalogue, clauseId: string): Set<string> {
  const { children } = indexOf(catalogue);
  const ids = new Set<string>();
  const visit = (id: string): void => {
    ids.add(id);
    for (const child of children.get(id) ?? []) visit(child.id);
  };
  visit(clauseId);
  return ids;
}

/** The process slugs the catalogue knows, in clause order. */
export function processes(catalogue: Catalogue): { process: string; clause: string; title: string }[] {
  return catalogue.clauses.flatMap((c) => (c.process ? [{ process: c.process, clause: c.id, title: c.title }] : []));
}

/** Framework correspondences that apply to a clause, directly or through a clause above it. */
export function mappingsForClause(catalogue: Catalogue, clauseId: string): ClauseMapping[] {
  const ancestry = clauseAncestry(catalogue, clauseId).map((c) => c.id);
  const titles = new Map(catalogue.frameworks.map((f) => [f.id, f.title]));
  const result: ClauseMapping[] = [];
  for (const area of catalogue.mappingAreas) {
    const via = ancestry.find((id) => area.clauses.includes(id));
    if (!via) continue;
    for (const link of area.links) {
      result.push({ area: area.id, areaTitle: area.title, viaClause: via, framework: link.framework, frameworkTitle: titles.get(link.framework) ?? link.framework, relationship: link.relationship, targets: link.targets });
    }
  }
  return result;
}

/** The mapping areas that link to a framework. */
export function areasForFramework(catalogue: Catalogue, frameworkId: string): MappingArea[] {
  return catalogue.mappingAreas.filter((a) => a.links.some((l) => l.framework === frameworkId));
}

/** Requirements whose clause sits in (or under) any of the given clauses. */
export function requirementsUnder(catalogue: Catalogue, clauseIds: string[]): Requirement[] {
  const ids = new Set(clauseIds.flatMap((id) => [...clauseSubtree(catalogue, id)]));
  return catalogue.requirements.filter((r) => ids.has(r.clause));
}

/** Filters requirements by clause subtree, process and framework; unknown values are a validation error. */
export function findRequirements(catalogue: Catalogue, filter: RequirementFilter): Requirement[] {
  let result = catalogue.requirements;
  if (filter.clause !== undefined) {
    const wanted = indexOf(catalogue).clauses.get(filter.clause);
    if (!wanted) throw AppError.validation('clause', `there is no clause ${filter.clause}`);
    // Groups listed apart under the same number (8.6.1-major under 8.6.1) count as part of it.
    const roots = catalogue.clauses.filter((c) => c.id === wanted.id || (c.number === wanted.number && wanted.id === wanted.number)).map((c) => c.id);
    const subtree = new Set(roots.flatMap((id) => [...clauseSubtree(catalogue, id)]));
    result = result.filter((r) => subtree.has(r.clause));
  }
  if (filter.process !== undefined) {
    const clauses = processes(catalogue).filter((p) => p.process === filter.process).map((p) => p.clause);
    if (clauses.length === 0) throw AppError.validation('process', `there is no process ${filter.process}; use one of ${processes(catalogue).map((p) => p.process).join(', ')}`);
    result = result.filter((r) => clauses.includes(r.clause));
  }
  if (filter.framework !== undefined) {
    const framework = filter.framework;
    if (!catalogue.frameworks.some((f) => f.id === framework)) {
      throw AppError.validation('framework', `there is no framework ${framework}; use one of ${catalogue.frameworks.map((f) => f.id).join(', ')}`);
    }
    const mapped = new Set(requirementsUnder(catalogue, areasForFramework(catalogue, framework).flatMap((a) => a.clauses)).map((r) => r.id));
    result = result.filter((r) => mapped.has(r.id));
  }
  if (filter.q !== undefined) {
    const words = filter.q.toLowerCase().split(/\s+/).filter(Boolean);
    result = result.filter((r) => matchesWords(r, words));
  }
  return result;
}
