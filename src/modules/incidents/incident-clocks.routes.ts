import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requirePrincipal } from '../../platform/auth/access.plugin.js';
import { Problem } from '../../platform/http/problem.schemas.js';
import { ExplainedClock } from '../../kernel/calendar/clock.schemas.js';
import { RecordKey } from '../../kernel/records/record.routes.js';
import { getRecord } from '../../kernel/records/record.service.js';
import { incidentRecord } from './incident.record.js';
import { incidentClocks } from './incident-clocks.js';

/** The clocks of one incident, recomputed from its history and explained. */
export async function incidentClockRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.certus.database;
  app.get('/api/incidents/:key/clocks', {
    config: { access: 'incidents:read' },
    schema: {
      operationId: 'incident-clocks', tags: ['Incidents'], summary: 'SLA, OLA and underpinning-contract clocks of an incident, replayed from its history', params: RecordKey,
      response: { 200: Type.Object({ sla: Type.Union([Type.Object({ reference: Type.String(), title: Type.String() }), Type.Null()]), clocks: Type.Array(ExplainedClock) }), 400: Problem, 401: Problem, 403: Problem, 404: Problem },
    },
  }, async (request) => {
    const row = await getRecord(db, incidentRecord, request.params.key, requirePrincipal(request));
    return incidentClocks(db, { id: row.id, service: (row.service as string | null) ?? null });
  });
}
