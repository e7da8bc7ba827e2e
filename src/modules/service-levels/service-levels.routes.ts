import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requirePrincipal } from '../../platform/auth/access.plugin.js';
import { expectedVersion, IfMatchHeaders, setEtag } from '../../platform/http/concurrency.js';
import { Problem } from '../../platform/http/problem.schemas.js';
import { RecordKey } from '../../kernel/records/record.routes.js';
import { agreementWarnings } from './agreement-warnings.js';
import { clockDefinitionsFor } from './clock-definitions.js';
import {
  Calendar, CalendarHistory, CalendarKey, CalendarListQuery, CalendarPage, CreateCalendarBody, Preview, PreviewQuery, UpdateCalendarBody,
} from './calendar.schemas.js';
import { calendarHistory, createCalendar, getCalendar, listCalendars, previewCalendar, updateCalendar } from './calendar.service.js';

const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };

const Warning = Type.Object({
  kind: Type.Union([Type.Literal('tighter-target'), Type.Literal('different-calendar')]),
  sla: Type.String(), underpinning: Type.String(),
  priority: Type.Union([Type.String(), Type.Null()]), measure: Type.Union([Type.String(), Type.Null()]),
  slaMinutes: Type.Union([Type.Integer(), Type.Null()]), underpinningMinutes: Type.Union([Type.Integer(), Type.Null()]),
  message: Type.String(),
});

const ClocksQuery = Type.Object({
  service: Type.String({ pattern: '^[A-Za-z]{2,6}-\\d{1,12}$', description: 'Service reference, e.g. SVC-000001' }),
  customer: Type.Optional(Type.String({ pattern: '^[A-Za-z]{2,6}-\\d{1,12}$', description: 'Customer reference, e.g. CUS-000001' })),
}, { additionalProperties: false });

const Clocks = Type.Object({
  sla: Type.Union([Type.Object({ id: Type.String(), reference: Type.String(), title: Type.String(), calendarId: Type.String() }), Type.Null()]),
  clocks: Type.Array(Type.Record(Type.String(), Type.Unknown())),
  calendarIds: Type.Array(Type.String()),
});

/** Business calendars as configuration, agreement warnings and the clocks agreements imply. */
export async function serviceLevelsRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.certus.database;
  const tags = ['Service levels'];

  app.get('/api/calendars', {
    config: { access: 'calendars:read' },
    schema: { operationId: 'list-calendars', tags, summary: 'Business calendars, by id', querystring: CalendarListQuery, response: { 200: CalendarPage, ...problems } },
  }, async (request) => listCalendars(db, request.query));

  app.post('/api/calendars', {
    config: { access: 'calendars:write' },
    schema: { operationId: 'create-calendar', tags, summary: 'Create a business calendar (checked before it is stored)', body: CreateCalendarBody, response: { 201: Calendar, ...problems, 409: Problem } },
  }, async (request, reply) => {
    const principal = requirePrincipal(request);
    const { id, ...input } = request.body;
    const created = await db.transaction().execute((trx) => createCalendar(trx, principal, id, input));
    setEtag(reply, created.version);
    reply.header('location', `/api/calendars/${created.id}`);
    return reply.status(201).send(created);
  });

  app.get('/api/calendars/:id', {
    config: { access: 'calendars:read' },
    schema: { operationId: 'get-calendar', tags, summary: 'Read a business calendar', params: CalendarKey, response: { 200: Calendar, ...problems } },
  }, async (request, reply) => {
    const calendar = await getCalendar(db, request.params.id);
    setEtag(reply, calendar.version);
    return calendar;
  });

  app.put('/api/calendars/:id', {
    config: { access: 'calendars:write' },
    schema: {
      operationId: 'update-calendar', tags, summary: 'Replace a business calendar\'s name and definition (If-Match required)',
      params: CalendarKey, headers: IfMatchHeaders, body: UpdateCalendarBody, response: { 200: Calendar, ...problems, 412: Problem, 428: Problem },
    },
  }, async (request, reply) => {
    const principal = requirePrincipal(request);
    const version = expectedVersion(request);
    const updated = await db.transaction().execute((trx) => updateCalendar(trx, principal, request.params.id, version, request.body));
    setEtag(reply, updated.version);
    return updated;
  });

  app.get('/api/calendars/:id/preview', {
    config: { access: 'calendars:read' },
    schema: {
      operationId: 'preview-calendar', tags, summary: 'Business time and working intervals between two instants, and when a target would fall due',
      params: CalendarKey, querystring: PreviewQuery, response: { 200: Preview, ...problems },
    },
  }, async (request) => previewCalendar(db, request.params.id, request.query));

  app.get('/api/calendars/:id/history', {
    config: { access: 'calendars:read' },
    schema: { operationId: 'list-calendar-history', tags, summary: 'Every change to a business calendar, oldest first', params: CalendarKey, response: { 200: CalendarHistory, ...problems } },
  }, async (request) => ({ items: await calendarHistory(db, request.params.id) }));

  app.get('/api/slas/:key/warnings', {
    config: { access: 'slas:read' },
    schema: {
      operationId: 'list-sla-warnings', tags, summary: 'SLA targets that the OLAs and underpinning contracts behind it cannot support',
      params: RecordKey, response: { 200: Type.Object({ items: Type.Array(Warning) }), ...problems },
    },
  }, async (request) => ({ items: await agreementWarnings(db, request.params.key) }));

  app.get('/api/service-levels/clocks', {
    config: { access: 'slas:read' },
    schema: {
      operationId: 'get-service-clocks', tags, summary: 'The clocks a ticket on this service (and customer) would carry: the SLA in force and its OLAs and contracts',
      querystring: ClocksQuery, response: { 200: Clocks, ...problems },
    },
  }, async (request) => {
    const result = await clockDefinitionsFor(db, request.query.service, request.query.customer);
    return { sla: result.sla, clocks: result.clocks.map((c) => ({ ...c })), calendarIds: Object.keys(result.calendars) };
  });
}
