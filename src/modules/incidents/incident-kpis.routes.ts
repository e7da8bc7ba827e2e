import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Problem } from '../../platform/http/problem.schemas.js';
import { KpiDay as Day, KpiView as Kpi, kpiPeriodOf } from '../../platform/http/kpi.schemas.js';
import { exportedSla, incidentKpis, unknownDurations } from './incident.kpis.js';

const ExcludedUnknownDuration = Type.Object({
  count: Type.Integer({ minimum: 0, description: 'Resolved or closed incidents left out of the duration KPIs because their resolution time is unknown' }),
  definition: Type.String(),
});
const ExportedSla = Type.Object({
  source: Type.String({ description: 'Where the figure comes from: the exporting tool, never a Certus clock' }),
  met: Type.Integer({ minimum: 0 }),
  total: Type.Integer({ minimum: 0 }),
  percent: Type.Union([Type.Number(), Type.Null()]),
  definition: Type.String(),
}, { description: 'SLA attainment of imported incidents as the source exported it; kept apart from Certus\' clock-based attainment' });
/** Incident KPIs for a period and optionally one service. */
export async function incidentKpiRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.certus.database;
  app.get('/api/incident-kpis', {
    config: { access: 'incident-kpis:read' },
    schema: {
      operationId: 'incident-kpis', tags: ['Incidents'], summary: 'Incident KPIs for a period: counts, resolution times, first-contact resolution, reassignment, reopening, major incidents',
      querystring: Type.Object({ from: Day, to: Day, service: Type.Optional(Type.String({ maxLength: 200 })), serviceDeskGroup: Type.Optional(Type.String({ maxLength: 100 })) }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          from: Type.String(), to: Type.String(), service: Type.Union([Type.String(), Type.Null()]), items: Type.Array(Kpi),
          excludedUnknownDuration: ExcludedUnknownDuration,
          exportedSla: Type.Union([ExportedSla, Type.Null()]),
          notes: Type.Array(Type.String(), { description: 'What a reader must know to read the figures, in plain words' }),
        }), 400: Problem, 401: Problem, 403: Problem },
    },
  }, async (request) => {
    const { from, to, service, serviceDeskGroup } = request.query;
    const { from: fromMs, to: toMs } = kpiPeriodOf(from, to);
    const period = { from: fromMs, to: toMs, service };
    // Three independent reads: none waits for another.
    const [items, excluded, sla] = await Promise.all([incidentKpis(db, period, serviceDeskGroup), unknownDurations(db, period), exportedSla(db, period)]);
    const notes = [...(excluded.count ? [excluded.definition] : []), ...(sla ? [sla.definition] : [])];
    return { from, to, service: service ?? null, items, excludedUnknownDuration: excluded, exportedSla: sla, notes };
  });
}
