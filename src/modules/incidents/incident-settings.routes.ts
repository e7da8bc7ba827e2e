import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requirePrincipal } from '../../platform/auth/access.plugin.js';
import { Problem } from '../../platform/http/problem.schemas.js';
import type { PriorityMatrix } from './priority-matrix.js';
import { currentMatrix, matrixVersion, replaceMatrix } from './priority-matrix.repository.js';
import { expectedVersion, IfMatchHeaders, setEtag } from '../../platform/http/concurrency.js';

const Priority = Type.Union([Type.Literal('P1'), Type.Literal('P2'), Type.Literal('P3'), Type.Literal('P4')]);
const Row = Type.Object({ high: Priority, medium: Priority, low: Priority }, { additionalProperties: false, description: 'priority by urgency' });
const Matrix = Type.Object({ high: Row, medium: Row, low: Row }, { additionalProperties: false, description: 'matrix[impact][urgency] = priority' });

/** The priority matrix, readable by everyone who works incidents, changed by their managers. */
export async function incidentSettingsRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.certus.database;
  const tags = ['Incidents'];

  app.get('/api/incident-settings/priority-matrix', {
    config: { access: 'incident-settings:read' },
    schema: { operationId: 'get-priority-matrix', tags, summary: 'Impact × urgency → priority', response: { 200: Type.Object({ matrix: Matrix }), 401: Problem, 403: Problem } },
  }, async (_request, reply) => {
    setEtag(reply, await matrixVersion(db));
    return { matrix: await currentMatrix(db) };
  });

  app.put('/api/incident-settings/priority-matrix', {
    config: { access: 'incident-settings:manage' },
    schema: {
      operationId: 'set-priority-matrix', tags, summary: 'Replace the priority matrix (If-Match the ETag read; applies to incidents as their impact or urgency is next set)',
      headers: IfMatchHeaders, body: Type.Object({ matrix: Matrix }, { additionalProperties: false }),
      response: { 200: Type.Object({ matrix: Matrix }), 400: Problem, 401: Problem, 403: Problem, 412: Problem, 428: Problem },
    },
  }, async (request, reply) => {
    const principal = requirePrincipal(request);
    const version = expectedVersion(request);
    const saved = await db.transaction().execute((trx) => replaceMatrix(trx, request.body.matrix satisfies PriorityMatrix, principal.userId, version));
    setEtag(reply, saved.version);
    return { matrix: saved.matrix };
  });
}
