import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Problem } from '../../platform/http/problem.schemas.js';
import { KpiDay as Day, KpiView as Kpi, kpiPeriodOf } from '../../platform/http/kpi.schemas.js';
import { incidentKpis } from './incident.kpis.js';



/** Incident KPIs for a period and optionally one service. */
export async function incidentKpiRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.certus.database;
  app.get('/api/incident-kpis', {
    config: { access: 'incident-kpis:read' },
    schema: {
      operationId: 'incident-kpis', tags: ['Incidents'], summary: 'Incident KPIs for a period: counts, resolution times, first-contact resolution, reassignment, reopening, major incidents',
      querystring: Type.Object({ from: Day, to: Day, service: Type.Optional(Type.String({ maxLength: 200 })), serviceDeskGroup: Type.Optional(Type.String({ maxLength: 100 })) }, { additionalProperties: false }),
      response: { 200: Type.Object({ from: Type.String(), to: Type.String(), service: Type.Union([Type.String(), Type.Null()]), items: Type.Array(Kpi) }), 400: Problem, 401: Problem, 403: Problem },
    },
  }, async (request) => {
    const { from, to, service, serviceDeskGroup } = request.query;
    const { from: fromMs, to: toMs } = kpiPeriodOf(from, to);
    return { from, to, service: service ?? null, items: await incidentKpis(db, { from: fromMs, to: toMs, service }, serviceDeskGroup) };
  });
}
