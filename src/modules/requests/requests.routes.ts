import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requirePrincipal } from '../../platform/auth/access.plugin.js';
import { AppError } from '../../platform/http/app-error.js';
import { Problem } from '../../platform/http/problem.schemas.js';
import { RecordKey } from '../../kernel/records/record.routes.js';
import { recordSchemas } from '../../kernel/records/record-schemas.js';
import { detailOf, getRecord } from '../../kernel/records/record.service.js';
import type { RecordRow } from '../../kernel/records/record-row.js';
import { requestCatalogue } from './request-catalogue.js';
import { FormFields } from './request-model.schemas.js';
import { requestKpis } from './request.kpis.js';
import { requestTaskRecord } from './request-task.record.js';
import { serviceRequestRecord } from './service-request.record.js';

const Kpi = Type.Object({
  id: Type.String(), name: Type.String(), value: Type.Union([Type.Number(), Type.Null()]), unit: Type.String(),
  numerator: Type.Union([Type.Number(), Type.Null()]), denominator: Type.Union([Type.Number(), Type.Null()]), definition: Type.String(),
});
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD (UTC)' });
const CatalogueModel = Type.Object({
  reference: Type.String(), name: Type.String(), description: Type.Union([Type.String(), Type.Null()]),
  approvalRequired: Type.Boolean(), fulfilmentTargetHours: Type.Union([Type.Integer(), Type.Null()]), formFields: FormFields,
});
const problems = { 400: Problem, 401: Problem, 403: Problem };

/** The request catalogue for the portal, a request's fulfilment tasks, and request KPIs. */
export async function requestRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.certus.database;
  const tags = ['Service requests'];

  app.get('/api/request-catalogue', {
    config: { access: 'request-models:read' },
    schema: {
      operationId: 'request-catalogue', tags, summary: 'Published request models by live service: what can be requested, and the questions each asks',
      querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 100, description: 'Words to find in the model or service name and description' })) }, { additionalProperties: false }),
      response: { 200: Type.Object({ services: Type.Array(Type.Object({ reference: Type.String(), name: Type.String(), models: Type.Array(CatalogueModel) })) }), ...problems },
    },
  }, async (request) => ({ services: await requestCatalogue(db, request.query.q) }));

  const taskSchemas = recordSchemas(requestTaskRecord);
  app.get('/api/service-requests/:key/tasks', {
    config: { access: 'service-requests:read' },
    schema: {
      operationId: 'service-request-tasks', tags, summary: "A request's fulfilment tasks, in order, with the steps open to you", params: RecordKey,
      response: { 200: Type.Object({ items: Type.Array(taskSchemas.detail) }), ...problems, 404: Problem },
    },
  }, async (request) => {
    const principal = requirePrincipal(request);
    const row = await getRecord(db, serviceRequestRecord, request.params.key, principal);
    const tasks = await db.selectFrom('request_tasks').selectAll().where('request', '=', row.reference).orderBy('position').execute();
    return { items: tasks.map((task) => detailOf(requestTaskRecord, task as unknown as RecordRow, principal)) };
  });

  app.get('/api/request-kpis', {
    config: { access: 'request-kpis:read' },
    schema: {
      operationId: 'request-kpis', tags, summary: 'Service request KPIs for a period: raised, fulfilled, within target, fulfilment and approval times, rejection, satisfaction',
      querystring: Type.Object({ from: Day, to: Day, service: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false }),
      response: { 200: Type.Object({ from: Type.String(), to: Type.String(), service: Type.Union([Type.String(), Type.Null()]), items: Type.Array(Kpi) }), ...problems },
    },
  }, async (request) => {
    const { from, to, service } = request.query;
    const fromMs = Date.parse(`${from}T00:00:00Z`);
    const toMs = Date.parse(`${to}T00:00:00Z`) + 86_400_000;
    if (Number.isNaN(fromMs)) throw AppError.validation('from', 'is not a date');
    if (Number.isNaN(toMs)) throw AppError.validation('to', 'is not a date');
    if (toMs <= fromMs) throw AppError.validation('to', 'must not be before from');
    return { from, to, service: service ?? null, items: await requestKpis(db, { from: fromMs, to: toMs, service }) };
  });
}
