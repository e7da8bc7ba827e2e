import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requirePrincipal } from '../../platform/auth/access.plugin.js';
import { Problem } from '../../platform/http/problem.schemas.js';
import { KpiDay as Day, KpiView as Kpi, kpiPeriodOf } from '../../platform/http/kpi.schemas.js';
import { RecordKey } from '../../kernel/records/record.routes.js';
import { recordSchemas } from '../../kernel/records/record-schemas.js';
import { detailOf, getRecord } from '../../kernel/records/record.service.js';
import type { RecordRow } from '../../kernel/records/record-row.js';
import { requestCatalogue } from './request-catalogue.js';
import { FormFields } from './request-model.schemas.js';
import { requestKpis } from './request.kpis.js';
import { requestTaskRecord } from './request-task.record.js';
import { serviceRequestRecord } from './service-request.record.js';

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
    const { from: fromMs, to: toMs } = kpiPeriodOf(from, to);
    return { from, to, service: service ?? null, items: await requestKpis(db, { from: fromMs, to: toMs, service }) };
  });
}
