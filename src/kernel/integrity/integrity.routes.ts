import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AppError } from '../../platform/http/app-error.js';
import { Problem } from '../../platform/http/problem.schemas.js';
import type { RecordTypeRegistry } from '../records/record-registry.js';
import { latestCheckpoint, makeCheckpoint } from './checkpoint.service.js';
import { Checkpoint, CheckpointOutcome } from './integrity.schemas.js';

/** Checkpoints on demand, and the latest one's hash to keep outside the database. */
export function integrityRoutes(registry: RecordTypeRegistry) {
  return async function routes(base: FastifyInstance): Promise<void> {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    const { database, config } = app.certus;
    const tags = ['Integrity'];

    app.post('/api/integrity/checkpoints', {
      config: { access: 'checkpoints:make' },
      schema: {
        operationId: 'make-checkpoint', tags, summary: 'Anchor every record\'s chain head, comment and attachment in a new checkpoint now',
        response: { 201: CheckpointOutcome, 403: Problem },
      },
    }, async (_request, reply) => {
      const outcome = await makeCheckpoint(database, registry, { notifyEmail: config.checkpointEmail });
      return reply.status(201).send(outcome);
    });

    app.get('/api/integrity/checkpoints/latest', {
      config: { access: 'checkpoints:read' },
      schema: {
        operationId: 'latest-checkpoint', tags, summary: 'The latest checkpoint: keep its hash elsewhere to prove later that the database was not rewritten',
        response: { 200: Checkpoint, 403: Problem, 404: Problem },
      },
    }, async () => {
      const latest = await latestCheckpoint(database.db);
      if (!latest) throw new AppError('not-found', 'No checkpoint has been made yet: make one with `certus checkpoint` or POST /api/integrity/checkpoints');
      return latest;
    });
  };
}
