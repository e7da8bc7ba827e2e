import { Type, type TSchema } from 'typebox';
import { maxClauseDepth } from './catalogue/catalogue.integrity.js';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Ref = Type.Object({ id: Type.String(), title: Type.String() });

export const RequirementId = Type.String({ pattern: '^[0-9]+(\\.[0-9]+)*-[0-9]{2}$', examples: ['8.6.3-02'], description: '<clause number>-NN' });

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100, description: 'Items per page' })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0, description: 'Items to skip' })),
};

/** A page of a fixed catalogue list: the lists are small and static, so offset paging is exact. */
export const Page = <T extends TSchema>(item: T, title: string) => Type.Object({
  items: Type.Array(item),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
}, { title });

const clauseFields = {
  id: Type.String({ examples: ['8.6.1', '8.6.1-major'] }),
  number: Type.String({ description: 'The clause number in the standard' }),
  guideId: Nullable(Type.String({ description: "The number the project's guide gives the clause, where it differs from the published edition" })),
  parent: Nullable(Type.String()),
  title: Type.String(),
  purpose: Type.String(),
  process: Nullable(Type.String({ description: 'Process slug when the clause is a service management process' })),
  requirements: Type.Array(Ref),
};

// Written out level by level (not recursive) so the serializer and OpenAPI stay simple; the
// loader refuses clauses nested deeper than maxClauseDepth.
const clauseLevel = (depth: number): TSchema => Type.Object({
  ...clauseFields,
  children: depth >= maxClauseDepth ? Type.Array(Type.Unknown(), { maxItems: 0 }) : Type.Array(clauseLevel(depth + 1)),
}, depth === 1 ? { title: 'Clause' } : {});

export const ClauseTree = Type.Object({
  catalogue: Type.Object({ id: Type.String(), title: Type.String(), standard: Type.String(), version: Type.String(), lastModified: Type.String() }),
  items: Type.Array(clauseLevel(1)),
}, { title: 'Clause tree' });

export const RequirementQuery = Type.Object({
  clause: Type.Optional(Type.String({ maxLength: 40, description: 'A clause id; includes the clauses below it', examples: ['8.6'] })),
  process: Type.Optional(Type.String({ maxLength: 80, description: 'A process slug', examples: ['incident-management'] })),
  framework: Type.Optional(Type.String({ maxLength: 80, description: 'A framework id from the mappings', examples: ['iso27001'] })),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: "Words to find in the id, the guide's id, the title or the statement", examples: ['8.3.2-05', 'breach'] })),
  ...PageQuery,
}, { additionalProperties: false });

export const Requirement = Type.Object({
  id: RequirementId,
  guideId: Nullable(Type.String({ description: "The id under the project's guide's numbering, where it differs (search finds it)" })),
  clause: Type.String(),
  clauseNumber: Type.String(),
  clauseTitle: Type.String(),
  process: Nullable(Type.String()),
  title: Type.String(),
  statement: Type.String({ description: 'What the organisation does when it meets the requirement' }),
  verify: Type.String({ description: 'What an assessor checks' }),
  evidence: Type.Array(Type.String(), { description: 'Typical evidence types' }),
  relatedClauses: Type.Array(Type.String()),
}, { title: 'Requirement' });

export const ClauseMapping = Type.Object({
  area: Type.String(),
  areaTitle: Type.String(),
  viaClause: Type.String({ description: 'The clause the mapping is declared on (this one or one above it)' }),
  framework: Type.String(),
  frameworkTitle: Type.String(),
  relationship: Type.String({ examples: ['intersects-with'] }),
  targets: Type.Array(Ref),
});

export const RequirementDetail = Type.Object({
  ...Requirement.properties,
  mappings: Type.Array(ClauseMapping),
  readinessItems: Type.Array(Ref),
  evidenceRequests: Type.Array(Ref),
  pitfalls: Type.Array(Ref),
  kpis: Type.Array(Ref),
}, { title: 'Requirement with its mappings and links' });

export const RequirementKey = Type.Object({ id: Type.String({ maxLength: 40, examples: ['8.6.3-02'] }) });

export const ReadinessItem = Type.Object({
  id: Type.String(), title: Type.String(), requirements: Type.Array(Type.String()), clauses: Type.Array(Type.String()), phases: Type.Array(Type.String()),
}, { title: 'Readiness item' });

export const EvidenceRequestQuery = Type.Object({
  category: Type.Optional(Type.String({ maxLength: 80, examples: ['service-assurance'] })),
  ...PageQuery,
}, { additionalProperties: false });

export const EvidenceRequest = Type.Object({
  id: Type.String(), title: Type.String(), categoryId: Type.String(), categoryTitle: Type.String(), requirements: Type.Array(Type.String()),
}, { title: 'Evidence request' });

export const Pitfall = Type.Object({
  id: Type.String(), title: Type.String(), description: Type.String(), requirements: Type.Array(Type.String()), clauses: Type.Array(Type.String()),
}, { title: 'Pitfall' });

export const Kpi = Type.Object({
  id: Type.String(),
  title: Type.String(),
  owner: Type.String({ description: 'Role id' }),
  requirements: Type.Array(Type.String()),
  measures: Type.Array(Type.Object({
    id: Type.String(), title: Type.String(),
    unit: Type.Union([Type.Literal('percent'), Type.Literal('duration'), Type.Literal('count'), Type.Literal('score'), Type.Literal('money')]),
    better: Type.Union([Type.Literal('higher'), Type.Literal('lower')]),
  })),
}, { title: 'KPI' });

export const ListQuery = Type.Object(PageQuery, { additionalProperties: false });

export const OscalCatalogDocument = Type.Object({ catalog: Type.Object({}, { additionalProperties: true }) }, { title: 'OSCAL 1.2.1 catalog', additionalProperties: true });
export const OscalMappingDocument = Type.Object({ 'mapping-collection': Type.Object({}, { additionalProperties: true }) }, { title: 'OSCAL 1.2.1 mapping-collection', additionalProperties: true });

export const Framework = Type.Object({
  id: Type.String({ examples: ['iso27001'] }),
  title: Type.String(),
  version: Type.String(),
  publisher: Nullable(Type.String()),
  href: Nullable(Type.String()),
  areas: Type.Array(Type.Object({
    id: Type.String(),
    title: Type.String(),
    clauses: Type.Array(Type.String()),
    relationship: Type.String({ examples: ['intersects-with'] }),
    targets: Type.Array(Ref),
  })),
}, { title: 'Framework with the areas mapped to it' });
