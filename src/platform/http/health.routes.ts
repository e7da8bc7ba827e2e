import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { pingDatabase } from '../db/database.js';

/** Liveness says the process answers; readiness says it can reach its database. */
export function healthRoutes(isMigrated: () => Promise<boolean>) {
  return async function routes(app: FastifyInstance): Promise<void> {
    const tags = ['Health'];
    app.get('/health/live', {
      config: { access: 'public' },
      schema: { operationId: 'live', tags, summary: 'The process is up', response: { 200: Type.Object({ status: Type.Literal('ok') }) } },
    }, async () => ({ status: 'ok' as const }));

    app.get('/health/ready', {
      config: { access: 'public' },
      schema: { operationId: 'ready', tags, summary: 'The database answers and its schema is current', response: { 200: Type.Object({ status: Type.String(), database: Type.String() }), 503: Type.Object({ status: Type.String(), database: Type.String(), reason: Type.String() }) } },
    }, async (_request, reply) => {
      const database = app.certus.database.dialect;
      try {
        await pingDatabase(app.certus.database.db);
      } catch (error) {
        return reply.status(503).send({ status: 'unavailable', database, reason: `database unreachable: ${error instanceof Error ? error.message : String(error)}` });
      }
      if (!(await isMigrated())) return reply.status(503).send({ status: 'unavailable', database, reason: 'migrations are pending' });
      return { status: 'ready', database };
    });
  };
}
