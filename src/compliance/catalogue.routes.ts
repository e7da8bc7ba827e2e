import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AppError } from '../platform/http/app-error.js';
import { Problem } from '../platform/http/problem.schemas.js';
import { currentCatalogue } from './catalogue/catalogue.current.js';
import { clauseTree, findRequirements, getClause, getRequirement, mappingsForClause } from './catalogue/catalogue.queries.js';
import type { Catalogue, Requirement as CatalogueRequirement } from './catalogue/catalogue.types.js';
import { toOscalCatalog } from './catalogue/oscal-catalog.js';
import { oscalCatalogFileName, toOscalMappingCollection } from './catalogue/oscal-mapping.js';
import { attachmentDisposition } from '../platform/http/content-disposition.js';
import {
  ClauseTree, EvidenceRequest, Framework, EvidenceRequestQuery, Kpi, ListQuery, OscalCatalogDocument, OscalMappingDocument, Page, Pitfall,
  ReadinessItem, Requirement, RequirementDetail, RequirementKey, RequirementQuery,
} from './catalogue.schemas.js';

const problems = { 400: Problem, 401: Problem, 403: Problem };
const access = 'catalogue:read' as const;
const mappingFileName = 'certus-iso20000-1-oscal-mapping.json';

function page<T>(items: T[], query: { limit?: number; offset?: number }): { items: T[]; total: number; limit: number; offset: number } {
  const limit = query.limit ?? 100;
  const offset = query.offset ?? 0;
  return { items: items.slice(offset, offset + limit), total: items.length, limit, offset };
}

function requirementView(catalogue: Catalogue, requirement: CatalogueRequirement) {
  const clause = getClause(catalogue, requirement.clause);
  return { ...requirement, clauseNumber: clause.number, clauseTitle: clause.title, process: clause.process };
}

/** The requirement catalogue, read-only: clauses, requirements, readiness, evidence, pitfalls, KPIs and OSCAL exports. */
export async function catalogueRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const catalogue = currentCatalogue();
  const tags = ['Requirement catalogue'];
  // The exports depend only on the catalogue, which does not change while the server runs.
  const oscalCatalog = toOscalCatalog(catalogue);
  const oscalMapping = toOscalMappingCollection(catalogue, oscalCatalogFileName);

  app.get('/api/catalogue/clauses', {
    config: { access },
    schema: { operationId: 'list-catalogue-clauses', tags, summary: 'Clauses 4-10 as a tree, each with its requirements', response: { 200: ClauseTree, ...problems } },
  }, async () => ({
    catalogue: { id: catalogue.info.id, title: catalogue.info.title, standard: catalogue.info.standard, version: catalogue.info.version, lastModified: catalogue.info.lastModified },
    items: clauseTree(catalogue),
  }));

  app.get('/api/catalogue/requirements', {
    config: { access },
    schema: {
      operationId: 'list-catalogue-requirements', tags, summary: "Requirements, filtered by clause (and those below it), process, mapped framework or words (the guide's ids included)",
      querystring: RequirementQuery, response: { 200: Page(Requirement, 'Requirements'), ...problems },
    },
  }, async (request) => {
    const { clause, process, framework, q } = request.query;
    return page(findRequirements(catalogue, { clause, process, framework, q }).map((r) => requirementView(catalogue, r)), request.query);
  });

  app.get('/api/catalogue/requirements/:id', {
    config: { access },
    schema: {
      operationId: 'get-catalogue-requirement', tags, summary: 'One requirement with its framework mappings and the readiness items, evidence requests, pitfalls and KPIs that name it',
      params: RequirementKey, response: { 200: RequirementDetail, ...problems, 404: Problem },
    },
  }, async (request) => {
    const requirement = getRequirement(catalogue, request.params.id);
    const naming = <T extends { id: string; title: string; requirements: string[] }>(items: T[]) =>
      items.filter((i) => i.requirements.includes(requirement.id)).map((i) => ({ id: i.id, title: i.title }));
    return {
      ...requirementView(catalogue, requirement),
      mappings: mappingsForClause(catalogue, requirement.clause),
      readinessItems: naming(catalogue.readiness),
      evidenceRequests: naming(catalogue.evidenceRequests.flatMap((c) => c.items)),
      pitfalls: naming(catalogue.pitfalls),
      kpis: naming(catalogue.kpis),
    };
  });

  app.get('/api/catalogue/frameworks', {
    config: { access },
    schema: { operationId: 'list-catalogue-frameworks', tags, summary: 'The frameworks the catalogue maps to, each with the areas and targets mapped', querystring: ListQuery, response: { 200: Page(Framework, 'Frameworks'), ...problems } },
  }, async (request) => page(catalogue.frameworks.map((framework) => ({
    ...framework,
    areas: catalogue.mappingAreas.flatMap((area) => area.links.filter((l) => l.framework === framework.id)
      .map((l) => ({ id: area.id, title: area.title, clauses: area.clauses, relationship: l.relationship, targets: l.targets }))),
  })), request.query));

  app.get('/api/catalogue/readiness-items', {
    config: { access },
    schema: { operationId: 'list-catalogue-readiness-items', tags, summary: 'The pre-certification readiness checklist', querystring: ListQuery, response: { 200: Page(ReadinessItem, 'Readiness items'), ...problems } },
  }, async (request) => page(catalogue.readiness, request.query));

  app.get('/api/catalogue/evidence-requests', {
    config: { access },
    schema: { operationId: 'list-catalogue-evidence-requests', tags, summary: 'What auditors ask for, by category', querystring: EvidenceRequestQuery, response: { 200: Page(EvidenceRequest, 'Evidence requests'), ...problems } },
  }, async (request) => {
    const { category } = request.query;
    const categories = category === undefined ? catalogue.evidenceRequests : catalogue.evidenceRequests.filter((c) => c.id === category);
    if (categories.length === 0) {
      throw AppError.validation('category', `there is no category ${category}; use one of ${catalogue.evidenceRequests.map((c) => c.id).join(', ')}`);
    }
    return page(categories.flatMap((c) => c.items.map((i) => ({ ...i, categoryId: c.id, categoryTitle: c.title }))), request.query);
  });

  app.get('/api/catalogue/pitfalls', {
    config: { access },
    schema: { operationId: 'list-catalogue-pitfalls', tags, summary: 'Weaknesses that recur in audits', querystring: ListQuery, response: { 200: Page(Pitfall, 'Pitfalls'), ...problems } },
  }, async (request) => page(catalogue.pitfalls, request.query));

  app.get('/api/catalogue/kpis', {
    config: { access },
    schema: { operationId: 'list-catalogue-kpis', tags, summary: 'The KPIs to track, with their measures', querystring: ListQuery, response: { 200: Page(Kpi, 'KPIs'), ...problems } },
  }, async (request) => page(catalogue.kpis, request.query));

  app.get('/api/catalogue/exports/oscal-catalog', {
    config: { access },
    schema: { operationId: 'export-catalogue-oscal-catalog', tags, summary: 'The catalogue as an OSCAL 1.2.1 catalog (JSON download)', response: { 200: OscalCatalogDocument, ...problems } },
  }, async (_request, reply) => reply
    .header('content-disposition', attachmentDisposition(oscalCatalogFileName))
    .type('application/json; charset=utf-8')
    .send(oscalCatalog));

  app.get('/api/catalogue/exports/oscal-mapping', {
    config: { access },
    schema: { operationId: 'export-catalogue-oscal-mapping', tags, summary: 'The framework mappings as an OSCAL 1.2.1 mapping-collection (JSON download)', response: { 200: OscalMappingDocument, ...problems } },
  }, async (_request, reply) => reply
    .header('content-disposition', attachmentDisposition(mappingFileName))
    .type('application/json; charset=utf-8')
    .send(oscalMapping));
}
