import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requirePrincipal } from '../../platform/auth/access.plugin.js';
import { Problem } from '../../platform/http/problem.schemas.js';
import { ExplainedClock } from '../../kernel/calendar/clock.schemas.js';
import { RecordKey } from '../../kernel/records/record.routes.js';
import { getRecord } from '../../kernel/records/record.service.js';
import { explainedRequestClock } from './request-clock.js';
import { serviceRequestRecord } from './service-request.record.js';

const RequestClocks = Type.Object({
  calendar: Type.Union([
    Type.Object({ id: Type.String(), name: Type.String(), timeZone: Type.String() }),
    Type.Null(),
  ], { description: "The service's support calendar the target is counted on; null when round the clock" }),
  clocks: Type.Array(ExplainedClock, { description: 'The fulfilment clock; empty when the request has no target' }),
});

/** A service request's fulfilment clock, replayed from its history and explained. */
export async function requestClockRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.certus.database;
  app.get('/api/service-requests/:key/clocks', {
    config: { access: 'service-requests:read' },
    schema: {
      operationId: 'service-request-clocks', tags: ['Service requests'], params: RecordKey,
      summary: "A request's fulfilment clock, replayed from its history: due time, business time used, pauses and their reasons",
      response: { 200: RequestClocks, 400: Problem, 401: Problem, 403: Problem, 404: Problem },
    },
  }, async (request) => {
    // Through getRecord, so a requester sees the clocks of their own requests only.
    const row = await getRecord(db, serviceRequestRecord, request.params.key, requirePrincipal(request));
    return explainedRequestClock(db, {
      id: row.id, targetMinutes: (row.target_minutes as number | null) ?? null, calendarId: (row.calendar_id as string | null) ?? null,
    }, Date.now());
  });
}
