import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../platform/http/app-error.js';
import { Problem } from '../../platform/http/problem.schemas.js';
import { KpiDay as Day, KpiView as Kpi, kpiPeriodOf } from '../../platform/http/kpi.schemas.js';
import { slaDashboard } from './sla-dashboard.js';

const Percent = Type.Union([Type.Number({ description: 'percent, one decimal' }), Type.Null()]);
const Hours = Type.Union([Type.Number({ description: 'business hours' }), Type.Null()]);
const figures = {
  resolved: Type.Integer({ description: 'incidents resolved under an SLA' }), resolutionMetPercent: Percent, responseMetPercent: Percent,
  attainmentPercent: Percent, breaches: Type.Integer(), meanResolutionHours: Hours,
};
const Month = Type.Object({ month: Type.String({ description: 'YYYY-MM (UTC)' }), ...figures });

/** GET /api/service-level-dashboard: SLA attainment per service and month, and what is at risk now. */
export async function slaDashboardRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const { db, dialect } = app.certus.database;
  app.get('/api/service-level-dashboard', {
    config: { access: 'service-level-dashboard:read' },
    schema: {
      operationId: 'service-level-dashboard', tags: ['Service levels'],
      summary: 'Per service and month: incidents resolved under an SLA, targets met, breaches, mean business resolution time; at risk and breached now; SLA KPIs',
      querystring: Type.Object({ from: Day, to: Day, service: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          from: Type.String(), to: Type.String(), service: Type.Union([Type.String(), Type.Null()]), attainmentTarget: Type.Number(),
          months: Type.Array(Month),
          services: Type.Array(Type.Object({ service: Type.String(), name: Type.Union([Type.String(), Type.Null()]), ...figures, atRiskNow: Type.Integer(), breachedOpenNow: Type.Integer(), months: Type.Array(Month) })),
          atRiskNow: Type.Integer(), breachedOpenNow: Type.Integer(), kpis: Type.Array(Kpi),
        }),
        400: Problem, 401: Problem, 403: Problem,
      },
    },
  }, async (request) => {
    const { from, to, service } = request.query;
    const { from: fromMs, to: toMs } = kpiPeriodOf(from, to);
    if (toMs - fromMs > 5 * 366 * 86_400_000) throw AppError.validation('to', 'must be within five years of from');
    return { from, to, service: service ?? null, ...(await slaDashboard(db, dialect, { from: fromMs, to: toMs, service })) };
  });
}
