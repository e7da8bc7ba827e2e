import { clauseNumberOfRequirement, splitSuffix } from './catalogue.order.js';
import type { Catalogue } from './catalogue.types.js';

/** The API's clause tree schema is written out to this depth (4 → 8.6 → 8.6.1 → 8.6.1.1). */
export const maxClauseDepth = 4;

function depthOf(id: string, clauses: Map<string, { parent: string | null }>): number {
  let depth = 0;
  for (let current: string | null = id; current !== null && depth <= maxClauseDepth; current = clauses.get(current)?.parent ?? null) depth++;
  return depth;
}

/**
 * Cross-reference checks the JSON Schemas cannot express: unique ids, every reference pointing
 * at something that exists, clauses forming a tree that follows their numbers, and every
 * requirement carrying evidence. Returns one sentence per problem, each naming the id at fault.
 */
export function integrityProblems(catalogue: Catalogue): string[] {
  const problems: string[] = [];
  const clauses = new Map(catalogue.clauses.map((c) => [c.id, c]));
  const requirements = new Set(catalogue.requirements.map((r) => r.id));
  const roles = new Set(catalogue.roles.map((r) => r.id));
  const phases = new Set(catalogue.phases.map((p) => p.id));
  const frameworks = new Set(catalogue.frameworks.map((f) => f.id));

  const unique = (kind: string, ids: string[]): void => {
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id)) problems.push(`duplicate ${kind} id ${id}`);
      seen.add(id);
    }
  };
  const clauseRefs = (owner: string, ids: string[]): void => {
    for (const id of ids) if (!clauses.has(id)) problems.push(`${owner} refers to clause ${id}, which does not exist`);
  };
  const requirementRefs = (owner: string, ids: string[]): void => {
    for (const id of ids) if (!requirements.has(id)) problems.push(`${owner} refers to requirement ${id}, which does not exist`);
  };

  unique('clause', catalogue.clauses.map((c) => c.id));
  unique('requirement', catalogue.requirements.map((r) => r.id));
  unique('clause guide', catalogue.clauses.flatMap((c) => (c.guideId ? [c.guideId] : [])));
  unique('requirement guide', catalogue.requirements.flatMap((r) => (r.guideId ? [r.guideId] : [])));
  unique('framework', catalogue.frameworks.map((f) => f.id));
  unique('mapping area', catalogue.mappingAreas.map((a) => a.id));
  unique('readiness item', catalogue.readiness.map((i) => i.id));
  unique('evidence request category', catalogue.evidenceRequests.map((c) => c.id));
  unique('evidence request', catalogue.evidenceRequests.flatMap((c) => c.items.map((i) => i.id)));
  unique('pitfall', catalogue.pitfalls.map((p) => p.id));
  unique('KPI', catalogue.kpis.map((k) => k.id));
  unique('KPI measure', catalogue.kpis.flatMap((k) => k.measures.map((m) => m.id)));
  unique('role', catalogue.roles.map((r) => r.id));
  unique('phase', catalogue.phases.map((p) => p.id));
  unique('phase deliverable', catalogue.phases.flatMap((p) => p.deliverables.map((d) => d.id)));
  unique('capability level', catalogue.capabilityLevels.map((l) => String(l.level)));

  for (const clause of catalogue.clauses) {
    const [number, suffix] = splitSuffix(clause.id);
    if (number !== clause.number) problems.push(`clause ${clause.id} has number ${clause.number}, which does not match its id`);
    if (!suffix && clause.parent === null && clause.number.includes('.')) problems.push(`clause ${clause.id} has no parent`);
    if (depthOf(clause.id, clauses) > maxClauseDepth) problems.push(`clause ${clause.id} is nested deeper than ${maxClauseDepth} levels`);
    if (clause.parent === null) continue;
    const parent = clauses.get(clause.parent);
    if (!parent) {
      problems.push(`clause ${clause.id} refers to parent clause ${clause.parent}, which does not exist`);
    } else if (!clause.number.startsWith(`${parent.number}.`)) {
      problems.push(`clause ${clause.id} cannot sit under clause ${parent.id}: its number is not inside ${parent.number}`);
    }
  }

  for (const requirement of catalogue.requirements) {
    const owner = `requirement ${requirement.id}`;
    const clause = clauses.get(requirement.clause);
    if (!clause) problems.push(`${owner} refers to clause ${requirement.clause}, which does not exist`);
    else if (clauseNumberOfRequirement(requirement.id) !== clause.number) problems.push(`${owner} does not start with the number of its clause ${clause.id} (${clause.number})`);
    if (requirement.evidence.length === 0) problems.push(`${owner} lists no evidence types`);
    clauseRefs(owner, requirement.relatedClauses);
  }

  for (const area of catalogue.mappingAreas) {
    clauseRefs(`mapping area ${area.id}`, area.clauses);
    for (const link of area.links) {
      if (!frameworks.has(link.framework)) problems.push(`mapping area ${area.id} refers to framework ${link.framework}, which is not declared`);
    }
  }
  for (const item of catalogue.readiness) {
    requirementRefs(`readiness item ${item.id}`, item.requirements);
    clauseRefs(`readiness item ${item.id}`, item.clauses);
    for (const phase of item.phases) if (!phases.has(phase)) problems.push(`readiness item ${item.id} refers to phase ${phase}, which does not exist`);
  }
  for (const item of catalogue.evidenceRequests.flatMap((c) => c.items)) requirementRefs(`evidence request ${item.id}`, item.requirements);
  for (const pitfall of catalogue.pitfalls) {
    requirementRefs(`pitfall ${pitfall.id}`, pitfall.requirements);
    clauseRefs(`pitfall ${pitfall.id}`, pitfall.clauses);
  }
  for (const kpi of catalogue.kpis) {
    requirementRefs(`KPI ${kpi.id}`, kpi.requirements);
    if (!roles.has(kpi.owner)) problems.push(`KPI ${kpi.id} refers to role ${kpi.owner}, which does not exist`);
  }
  for (const role of catalogue.roles) clauseRefs(`role ${role.id}`, role.clauses);
  for (const phase of catalogue.phases) {
    for (const deliverable of phase.deliverables) clauseRefs(`deliverable ${deliverable.id} of ${phase.id}`, deliverable.clauses);
  }
  for (const level of catalogue.capabilityLevels) clauseRefs(`capability level ${level.level}`, level.clauses);
  return problems;
}
