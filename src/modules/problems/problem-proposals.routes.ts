import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Problem } from '../../platform/http/problem.schemas.js';
import { problemProposals } from './problem-trends.js';

/** Candidates for problems, from incident trends. */
export async function problemProposalRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.certus.database;
  app.get('/api/problem-proposals', {
    config: { access: 'problems:read' },
    schema: {
      operationId: 'problem-proposals', tags: ['Problems'], summary: 'Services and categories with repeated incidents in a window, and whether an open problem covers them',
      querystring: Type.Object({
        days: Type.Optional(Type.Integer({ minimum: 1, maximum: 365, default: 30 })),
        threshold: Type.Optional(Type.Integer({ minimum: 2, maximum: 1000, default: 3 })),
      }, { additionalProperties: false }),
      response: {
        200: Type.Object({ items: Type.Array(Type.Object({ service: Type.String(), category: Type.String(), count: Type.Integer(), references: Type.Array(Type.String()), lastAt: Type.Number(), openProblem: Type.Union([Type.String(), Type.Null()]) })) }),
        400: Problem, 401: Problem, 403: Problem,
      },
    },
  }, async (request) => ({ items: await problemProposals(db, Date.now(), request.query.days ?? 30, request.query.threshold ?? 3) }));
}
