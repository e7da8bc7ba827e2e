import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../platform/http/app-error.js';
import { Problem } from '../../platform/http/problem.schemas.js';
import { incidentKpis } from './incident.kpis.js';

const Kpi = Type.Object({
  id: Type.String(), name: Type.String(), value: Type.Union([Type.Number(), Type.Null()]), unit: Type.String(),
  numerator: Type.Union([Type.Number(), Type.Null()]), denominator: Type.Union([Type.Number(), Type.Null()]), definition: Type.String(),
});

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD (UTC)' });

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
    const fromMs = Date.parse(`${from}T00:00:00Z`);
    const toMs = Date.parse(`${to}T00:00:00Z`) + 86_400_000;
    if (Number.isNaN(fromMs)) throw AppError.validation('from', 'is not a date');
    if (Number.isNaN(toMs)) throw AppError.validation('to', 'is not a date');
    if (toMs <= fromMs) throw AppError.validation('to', 'must not be before from');
    return { from, to, service: service ?? null, items: await incidentKpis(db, { from: fromMs, to: toMs, service }, serviceDeskGroup) };
  });
}
