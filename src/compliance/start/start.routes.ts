import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requirePrincipal } from '../../platform/auth/access.plugin.js';
import { Problem } from '../../platform/http/problem.schemas.js';
import { currentCatalogue } from '../catalogue/catalogue.current.js';
import { StartPage } from './start.schemas.js';
import { startPageFor } from './start.service.js';

export const startPagePermission = 'start-page:read';

/** GET /api/start: the signed-in person's start page, with the sections their roles see. */
export async function startRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const { database, permissions } = app.certus;
  const catalogue = currentCatalogue();
  app.get('/api/start', {
    config: { access: startPagePermission },
    schema: {
      operationId: 'start-page', tags: ['Start'],
      summary: 'The start page for the reader\'s roles: their work and approvals by SLA due time, the SMS overview, the audits and evidence index',
      response: { 200: StartPage, 401: Problem, 403: Problem },
    },
  }, async (request) => startPageFor(database, catalogue, permissions, requirePrincipal(request)));
}
