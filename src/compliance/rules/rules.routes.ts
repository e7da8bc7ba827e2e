import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Problem } from '../../platform/http/problem.schemas.js';
import { currentCatalogue } from '../catalogue/catalogue.current.js';
import { findRequirements } from '../catalogue/catalogue.queries.js';
import { RuleResultView } from '../assessments/assessment.schemas.js';
import { evaluateRules, rules } from './rules.engine.js';

export const rulesPermission = 'compliance:read' as const;

/** What the rule engine says now, computed from the live records. */
export async function rulesRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.certus.database;
  const catalogue = currentCatalogue();

  app.get('/api/compliance/evaluation', {
    config: { access: rulesPermission },
    schema: {
      operationId: 'evaluate-compliance-rules', tags: ['Compliance rules'],
      summary: 'Evaluate the rules (all, or those of a clause or requirement) against the live records',
      querystring: Type.Object({
        clause: Type.Optional(Type.String({ maxLength: 30, description: 'Only requirements of this clause and those below it' })),
        requirement: Type.Optional(Type.String({ pattern: '^[0-9]+(\\.[0-9]+)*-[0-9]{2}$' })),
      }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          evaluatedAt: Type.String({ format: 'date-time' }),
          rules: Type.Integer({ description: 'How many rules the engine ships' }),
          items: Type.Array(RuleResultView),
        }),
        400: Problem, 401: Problem, 403: Problem,
      },
    },
  }, async (request) => {
    const { clause, requirement } = request.query;
    let ids = clause ? findRequirements(catalogue, { clause }).map((r) => r.id) : undefined;
    if (requirement) ids = (ids ?? [requirement]).filter((id) => id === requirement);
    const now = Date.now();
    const results = await evaluateRules(db, catalogue, ids, now);
    return { evaluatedAt: new Date(now).toISOString(), rules: rules.length, items: [...results.values()] };
  });
}
