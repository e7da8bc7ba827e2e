import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requirePrincipal } from '../../platform/auth/access.plugin.js';
import { expectedVersion, IfMatchHeaders, setEtag } from '../../platform/http/concurrency.js';
import { Problem } from '../../platform/http/problem.schemas.js';
import { escalationRecipients, escalationTriggers, type EscalationSettings } from './escalation.js';
import { currentEscalation, replaceEscalation } from './escalation-settings.repository.js';

// Shapes only: the reasons a value is wrong are given by escalationProblems, naming the field.
const Level = Type.Object({
  when: Type.String({ description: escalationTriggers.join(' | ') }),
  percent: Type.Optional(Type.Number({ description: 'for "elapsed": share of the target used, in percent' })),
  notify: Type.Array(Type.String({ description: escalationRecipients.join(' | ') }), { maxItems: 10 }),
}, { additionalProperties: false });
const Settings = Type.Object({
  levels: Type.Array(Level, { maxItems: 10 }),
  groupAddresses: Type.Record(Type.String({ maxLength: 100 }), Type.String({ maxLength: 200 }), { description: 'e-mail address per assignment group' }),
}, { additionalProperties: false });

/** GET/PUT /api/incident-settings/escalation: the escalation levels, changed with If-Match. */
export async function escalationSettingsRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.certus.database;
  const tags = ['Incidents'];
  app.get('/api/incident-settings/escalation', {
    config: { access: 'incident-settings:read' },
    schema: { operationId: 'get-incident-escalation', tags, summary: 'Escalation levels by SLA clock: at risk, breached, shares of the target, and who is told', response: { 200: Settings, 401: Problem, 403: Problem } },
  }, async (_request, reply) => {
    const current = await currentEscalation(db);
    setEtag(reply, current.version);
    return current.settings;
  });
  app.put('/api/incident-settings/escalation', {
    config: { access: 'incident-settings:manage' },
    schema: {
      operationId: 'set-incident-escalation', tags, summary: 'Replace the escalation levels (If-Match the ETag read); applies from the watch\'s next pass',
      headers: IfMatchHeaders, body: Settings,
      response: { 200: Settings, 400: Problem, 401: Problem, 403: Problem, 412: Problem, 428: Problem },
    },
  }, async (request, reply) => {
    const principal = requirePrincipal(request);
    const version = expectedVersion(request);
    const saved = await db.transaction().execute((trx) => replaceEscalation(trx, request.body as EscalationSettings, version, principal.userId));
    setEtag(reply, saved.version);
    return saved.settings;
  });
}
