import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requirePrincipal } from '../../platform/auth/access.plugin.js';
import { expectedVersion, IfMatchHeaders, setEtag } from '../../platform/http/concurrency.js';
import { Problem } from '../../platform/http/problem.schemas.js';
import { currentCatalogue } from '../catalogue/catalogue.current.js';
import { Evidence, EvidenceInput, maxEvidencePerAnswer } from '../assessments/evidence.js';
import { readinessHistory, readinessItem, readinessOf, readinessStates, saveReadiness } from './readiness.service.js';

const Nullable = <T extends ReturnType<typeof Type.String>>(s: T) => Type.Union([s, Type.Null()]);
const State = Type.Enum(readinessStates);
const ReadinessItemView = Type.Object({
  id: Type.String(), title: Type.String(), requirements: Type.Array(Type.String()), clauses: Type.Array(Type.String()), phases: Type.Array(Type.String()),
  state: State, notes: Nullable(Type.String()), evidence: Type.Array(Evidence),
  answeredBy: Nullable(Type.String()), answeredByName: Nullable(Type.String()), answeredAt: Nullable(Type.String({ format: 'date-time' })),
  version: Type.Integer({ description: 'Send it back as If-Match; 0 before the first answer' }),
  signals: Type.Array(Type.Object({
    requirementId: Type.String(), outcome: Type.Enum(['conformant', 'partial', 'nonconformant', 'not-evaluable']), explanation: Type.String(), evidence: Type.Array(Type.String()),
  }), { description: 'What the rules say now about the item\'s requirements' }),
}, { title: 'Readiness item' });
const ItemParams = Type.Object({ itemId: Type.String({ pattern: '^[A-Za-z]{3}-\\d{2}$', examples: ['RDY-05'] }) });
const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };

export const readinessPermissions = { read: 'readiness:read', update: 'readiness:update' } as const;

/** The pre-certification readiness checklist, answered once for the whole organisation. */
export async function readinessRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const { database: { db }, permissions } = app.certus;
  const catalogue = currentCatalogue();
  const tags = ['Readiness'];

  app.get('/api/readiness', {
    config: { access: readinessPermissions.read },
    schema: {
      operationId: 'list-readiness', tags, summary: 'Every readiness checklist item with its state, who answered, when, and the evidence',
      response: { 200: Type.Object({ items: Type.Array(ReadinessItemView), totals: Type.Record(Type.String(), Type.Integer()), percentDone: Type.Integer() }), ...problems },
    },
  }, async () => readinessOf(db, catalogue));

  app.get('/api/readiness/:itemId', {
    config: { access: readinessPermissions.read },
    schema: { operationId: 'get-readiness-item', tags, summary: 'One readiness item (ETag = its version)', params: ItemParams, response: { 200: ReadinessItemView, ...problems } },
  }, async (request, reply) => {
    const item = await readinessItem(db, catalogue, request.params.itemId);
    setEtag(reply, item.version);
    return item;
  });

  app.put('/api/readiness/:itemId', {
    config: { access: readinessPermissions.update },
    schema: {
      operationId: 'save-readiness-item', tags, summary: 'Set an item\'s state, notes and evidence; If-Match carries its version ("0" before the first answer)',
      params: ItemParams, headers: IfMatchHeaders,
      body: Type.Object({
        state: State,
        notes: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
        evidence: Type.Optional(Type.Array(EvidenceInput, { maxItems: maxEvidencePerAnswer })),
      }, { additionalProperties: false }),
      response: { 200: ReadinessItemView, ...problems, 409: Problem, 412: Problem, 428: Problem },
    },
  }, async (request, reply) => {
    const principal = requirePrincipal(request);
    const version = expectedVersion(request);
    const saved = await db.transaction().execute((trx) => saveReadiness(trx, { catalogue, permissions }, principal, request.params.itemId, version, request.body));
    setEtag(reply, saved.version);
    return saved;
  });

  app.get('/api/readiness/:itemId/history', {
    config: { access: readinessPermissions.read },
    schema: {
      operationId: 'readiness-item-history', tags, summary: 'Every change to a readiness item, hash-chained like record history', params: ItemParams,
      response: {
        200: Type.Object({ items: Type.Array(Type.Object({ seq: Type.Integer(), kind: Type.String(), actorId: Type.Union([Type.String(), Type.Null()]), actorName: Type.Union([Type.String(), Type.Null()]), at: Type.String(), data: Type.Record(Type.String(), Type.Unknown()), hash: Type.String() })) }),
        ...problems,
      },
    },
  }, async (request) => readinessHistory(db, catalogue, request.params.itemId));
}
