import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requirePrincipal } from '../../platform/auth/access.plugin.js';
import { AppError } from '../../platform/http/app-error.js';
import { Problem } from '../../platform/http/problem.schemas.js';
import { sendCsv } from '../../platform/http/csv.js';
import { incidentQueue, queueCsvColumns, queueCsvPages } from './incident-queue.js';
import { priorities } from './priority-matrix.js';
import { Instant } from '../../kernel/calendar/clock.schemas.js';

const Millis = Type.Union([Type.Number({ description: 'business milliseconds' }), Type.Null()]);
const Clock = Type.Object({
  clockId: Type.String(), name: Type.String(), kind: Type.String({ description: 'sla, ola or contract' }), status: Type.String({ description: 'running, paused, stopped or inactive' }),
  pauseReason: Type.Union([Type.String({ description: 'the status that pauses it, e.g. awaiting-caller' }), Type.Null()]),
  targetMillis: Millis, dueAt: Instant, atRiskAt: Instant, remainingMillis: Millis, percentUsed: Type.Union([Type.Number(), Type.Null()]),
  atRisk: Type.Boolean(), breached: Type.Boolean(), breachedAt: Instant,
});
const Item = Type.Object({
  id: Type.String(), reference: Type.String(), shortDescription: Type.String(), status: Type.String(), priority: Type.String(),
  service: Type.Union([Type.String(), Type.Null()]), sla: Type.Union([Type.String(), Type.Null()]),
  assignmentGroup: Type.Union([Type.String(), Type.Null()]), assigneeId: Type.Union([Type.String(), Type.Null()]), createdAt: Type.Number(),
  escalationLevel: Type.Integer({ description: 'highest escalation level reached; 0 for none' }),
  clock: Type.Union([Clock, Type.Null()], { description: 'the lead clock: the running resolution clock due first, else the SLA resolution clock' }),
});

/** GET /api/incident-queue: open incidents in order of their SLA clocks, for agents. */
export async function incidentQueueRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.certus.database;
  app.get('/api/incident-queue', {
    config: { access: 'incident-queue:read' },
    schema: {
      operationId: 'incident-queue', tags: ['Incidents'], summary: 'Open incidents with their lead SLA clock: due time, time left, at risk, breached',
      querystring: Type.Object({
        assignmentGroup: Type.Optional(Type.String({ maxLength: 100 })),
        assigneeId: Type.Optional(Type.String({ maxLength: 100, description: '"me" or a user id' })),
        priority: Type.Optional(Type.String({ maxLength: 20, description: 'one or more priorities, comma-separated: P1,P2' })),
        atRisk: Type.Optional(Type.Boolean({ description: 'only incidents at risk now (with breached=true: at risk or breached)' })),
        breached: Type.Optional(Type.Boolean({ description: 'only incidents whose lead clock has breached' })),
        sort: Type.Optional(Type.Union([Type.Literal('due'), Type.Literal('priority'), Type.Literal('created')], { default: 'due' })),
        cursor: Type.Optional(Type.String({ maxLength: 500 })),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
        format: Type.Optional(Type.Literal('csv', { description: 'the whole filtered queue as CSV' })),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(Item), nextCursor: Type.Union([Type.String(), Type.Null()]), now: Type.Number() }), 400: Problem, 401: Problem, 403: Problem },
    },
  }, async (request, reply) => {
    const q = request.query;
    const wanted = q.priority?.split(',').map((p) => p.trim().toUpperCase()).filter(Boolean);
    const unknown = wanted?.find((p) => !(priorities as readonly string[]).includes(p));
    if (unknown !== undefined) throw AppError.validation('priority', `${unknown} is not one of ${priorities.join(', ')}`);
    const filters = {
      assignmentGroup: q.assignmentGroup, assigneeId: q.assigneeId === 'me' ? requirePrincipal(request).userId : q.assigneeId,
      priorities: wanted, atRisk: q.atRisk, breached: q.breached, sort: q.sort ?? 'due',
    } as const;
    if (q.format === 'csv') return sendCsv(reply, 'incident-queue.csv', queueCsvColumns, queueCsvPages(db, filters));
    return incidentQueue(db, { ...filters, cursor: q.cursor, limit: q.limit ?? 50 });
  });
}
