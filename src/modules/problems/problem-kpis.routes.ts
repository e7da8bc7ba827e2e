import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Problem } from '../../platform/http/problem.schemas.js';
import { KpiDay, KpiView, kpiPeriodOf } from '../../platform/http/kpi.schemas.js';
import { problemKpis } from './problem.kpis.js';

export const problemKpisPermission = 'problem-kpis:read' as const;

/** Problem KPIs for a period and optionally one service. */
export async function problemKpiRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.certus.database;
  app.get('/api/problem-kpis', {
    config: { access: problemKpisPermission },
    schema: {
      operationId: 'problem-kpis', tags: ['Problems'],
      summary: 'Problem KPIs for a period: opened, closed, closure rate, age of open problems, known errors, root causes, incidents linked',
      querystring: Type.Object({ from: KpiDay, to: KpiDay, service: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Only problems and incidents of this service (reference such as SVC-000001)' })) }, { additionalProperties: false }),
      response: { 200: Type.Object({ from: Type.String(), to: Type.String(), service: Type.Union([Type.String(), Type.Null()]), items: Type.Array(KpiView) }), 400: Problem, 401: Problem, 403: Problem },
    },
  }, async (request) => {
    const { from, to, service } = request.query;
    return { from, to, service: service ?? null, items: await problemKpis(db, { ...kpiPeriodOf(from, to), service }) };
  });
}
