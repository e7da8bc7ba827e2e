import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requirePrincipal } from '../../platform/auth/access.plugin.js';
import { expectedVersion, IfMatchHeaders, setEtag } from '../../platform/http/concurrency.js';
import { Problem } from '../../platform/http/problem.schemas.js';
import { getRecord } from '../../kernel/records/record.service.js';
import { permissionsOf } from '../../kernel/records/record-type.js';
import { RecordKey } from '../../kernel/records/record.routes.js';
import { currentCatalogue } from '../catalogue/catalogue.current.js';
import { getRequirement } from '../catalogue/catalogue.queries.js';
import { answerResults, findingGrades, nonExcludableClauses } from './answer-rules.js';
import { Evidence } from './evidence.js';
import { effectiveAnswers, isClosed, saveAnswer, type AnswerInput } from './answers.service.js';
import { suggestionsFor } from './rule-snapshot.js';
import { assessmentRecord } from './assessment.record.js';
import {
  AnswerBody, AnswerDetail, AnswerParams, AnswerView, ComparisonQuery, ComparisonView, HeatmapView, MaturityBody, MaturityParams,
  MaturityRatingView, MaturityView, Worksheet, WorksheetQuery,
} from './assessment.schemas.js';
import { parseScope, requirementsInScope } from './assessment-scope.js';
import { compareAnswers } from './comparison.js';
import { heatmapOf } from './heatmap.js';
import { maturityOf, rateProcess, type MaturityRating } from './maturity.service.js';
import { answerView, assessmentSummary, snapshotOf, userNames, worksheetOf } from './worksheet.service.js';

const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };
const writeProblems = { ...problems, 409: Problem, 412: Problem, 428: Problem };

const ratingView = (r: MaturityRating) => ({ ...r, assessedAt: r.assessedAt === null ? null : new Date(r.assessedAt).toISOString() });

/** Answers, maturity, comparison and heatmap of assessments; the record itself has the kernel's routes. */
export async function assessmentRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const { database: { db }, permissions } = app.certus;
  const catalogue = currentCatalogue();
  const access = permissionsOf(assessmentRecord);
  const tags = ['Assessments'];
  const path = '/api/assessments/:key';

  app.get(`${path}/worksheet`, {
    config: { access: access.read },
    schema: {
      operationId: 'assessment-worksheet', tags, summary: 'The requirements in scope with catalogue text, answers (own or carried over) and rule suggestions',
      params: RecordKey, querystring: WorksheetQuery, response: { 200: Worksheet, ...problems },
    },
  }, async (request) => {
    const assessment = await getRecord(db, assessmentRecord, request.params.key);
    return worksheetOf(db, catalogue, assessment, request.query);
  });

  app.get(`${path}/answers/:requirementId`, {
    config: { access: access.read },
    schema: { operationId: 'get-assessment-answer', tags, summary: 'One answer with its version (ETag) and the rule suggestion', params: AnswerParams, response: { 200: AnswerDetail, ...problems } },
  }, async (request, reply) => {
    const assessment = await getRecord(db, assessmentRecord, request.params.key);
    const requirement = getRequirement(catalogue, request.params.requirementId);
    const answer = (await effectiveAnswers(db, catalogue, assessment)).get(requirement.id);
    setEtag(reply, answer?.version ?? 0);
    const suggestion = (await suggestionsFor(db, catalogue, assessment, [requirement.id], isClosed(assessment))).get(requirement.id) ?? null;
    return { requirementId: requirement.id, answer: answer ? answerView(answer, await userNames(db, [answer.assessorId])) : null, suggestion };
  });

  app.put(`${path}/answers/:requirementId`, {
    config: { access: access.update },
    schema: {
      operationId: 'save-assessment-answer', tags,
      summary: 'Save one answer; If-Match carries the answer\'s own version ("0" for a first answer or a carried-over one)',
      params: AnswerParams, headers: IfMatchHeaders, body: AnswerBody, response: { 200: AnswerView, ...writeProblems },
    },
  }, async (request, reply) => {
    const principal = requirePrincipal(request);
    const version = expectedVersion(request);
    const saved = await db.transaction().execute((trx) => saveAnswer(trx, { catalogue, permissions }, principal, request.params.key, request.params.requirementId, version, request.body as AnswerInput));
    setEtag(reply, saved.version);
    return answerView(saved, await userNames(db, [saved.assessorId]));
  });

  app.get(`${path}/maturity`, {
    config: { access: access.read },
    schema: { operationId: 'assessment-maturity', tags, summary: 'Capability level 0-5 per process in scope, with the roll-up that flags processes below level 3', params: RecordKey, response: { 200: MaturityView, ...problems } },
  }, async (request) => {
    const assessment = await getRecord(db, assessmentRecord, request.params.key);
    const maturity = await maturityOf(db, catalogue, assessment);
    return {
      ...maturity, processes: maturity.processes.map(ratingView),
      levels: catalogue.capabilityLevels.map((l) => ({ level: l.level, name: l.name, characteristics: l.characteristics, readiness: l.readiness })),
    };
  });

  app.put(`${path}/maturity/:process`, {
    config: { access: access.update },
    schema: {
      operationId: 'rate-assessment-process', tags, summary: 'Set a process\'s capability level with a reason; If-Match carries the rating\'s own version ("0" for a first rating)',
      params: MaturityParams, headers: IfMatchHeaders, body: MaturityBody, response: { 200: MaturityRatingView, ...writeProblems },
    },
  }, async (request, reply) => {
    const principal = requirePrincipal(request);
    const version = expectedVersion(request);
    const rating = await db.transaction().execute((trx) => rateProcess(trx, catalogue, principal, request.params.key, request.params.process, version, request.body));
    setEtag(reply, rating.version);
    return ratingView(rating);
  });

  app.get(`${path}/comparison`, {
    config: { access: access.read },
    schema: {
      operationId: 'compare-assessments', tags, summary: 'This assessment (after) against another (before): improved, regressed or unchanged per requirement, with totals',
      params: RecordKey, querystring: ComparisonQuery, response: { 200: ComparisonView, ...problems },
    },
  }, async (request) => {
    const after = await getRecord(db, assessmentRecord, request.params.key);
    const before = await getRecord(db, assessmentRecord, request.query.with);
    const inEither = new Set([
      ...requirementsInScope(catalogue, parseScope(catalogue, before.scope as string | null)),
      ...requirementsInScope(catalogue, parseScope(catalogue, after.scope as string | null)),
    ].map((r) => r.id));
    const requirements = catalogue.requirements.filter((r) => inEither.has(r.id));
    const comparison = compareAnswers(requirements, await effectiveAnswers(db, catalogue, before), await effectiveAnswers(db, catalogue, after));
    const head = (row: typeof before) => ({ reference: row.reference, title: String(row.title), status: row.status });
    return { before: head(before), after: head(after), ...comparison };
  });

  app.get(`${path}/heatmap`, {
    config: { access: access.read },
    schema: { operationId: 'assessment-heatmap', tags, summary: 'Results counted by clause group and by process, with maturity, for a heatmap', params: RecordKey, response: { 200: HeatmapView, ...problems } },
  }, async (request) => {
    const assessment = await getRecord(db, assessmentRecord, request.params.key);
    const snapshot = await snapshotOf(db, catalogue, assessment);
    const heatmap = heatmapOf(catalogue, snapshot.requirements, snapshot.answers);
    const levels = new Map((await maturityOf(db, catalogue, assessment)).processes.map((p) => [p.process, p.level]));
    return {
      assessment: assessmentSummary(catalogue, snapshot),
      overall: heatmap.overall,
      byClause: heatmap.byClause,
      byProcess: heatmap.byProcess.map((p) => ({ ...p, maturity: levels.get(p.id) ?? null })),
    };
  });

  app.get(`${path}/evidence`, {
    config: { access: access.read },
    schema: {
      operationId: 'assessment-evidence-index', tags, summary: 'The evidence index: every cited item mapped to its requirement and result',
      params: RecordKey,
      response: { 200: Type.Object({ items: Type.Array(Type.Object({ requirementId: Type.String(), clause: Type.String(), title: Type.String(), result: Type.String(), carriedFrom: Type.Union([Type.String(), Type.Null()]), evidence: Evidence })) }), ...problems },
    },
  }, async (request) => {
    const snapshot = await snapshotOf(db, catalogue, await getRecord(db, assessmentRecord, request.params.key));
    return {
      items: snapshot.requirements.flatMap((r) => {
        const a = snapshot.answers.get(r.id);
        return (a?.evidence ?? []).map((evidence) => ({ requirementId: r.id, clause: r.clause, title: r.title, result: a!.result, carriedFrom: a!.carriedFrom, evidence }));
      }),
    };
  });

  app.get('/api/assessment-kinds', {
    config: { access: access.read },
    schema: {
      operationId: 'list-assessment-kinds', tags, summary: 'Answer results, finding grades and the clauses that cannot be not applicable',
      response: { 200: Type.Object({ results: Type.Array(Type.String()), grades: Type.Array(Type.String()), nonExcludableClauses: Type.Array(Type.String()) }), ...problems },
    },
  }, async () => ({ results: [...answerResults], grades: [...findingGrades], nonExcludableClauses }));
}
