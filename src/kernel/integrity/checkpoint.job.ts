import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../../platform/config/config.js';
import type { JobHandler } from '../../platform/jobs/job-runner.js';
import type { RecordTypeRegistry } from '../records/record-registry.js';
import { makeCheckpoint } from './checkpoint.service.js';
import { recordName } from './integrity-problem.js';

export const checkpointJobKind = 'integrity.checkpoint';
export const checkpointScheduleName = 'integrity-checkpoint';

/**
 * The periodic checkpoint (CERTUS_CHECKPOINT_INTERVAL_MINUTES). It makes one only when something
 * changed since the last, so a quiet system does not fill the chain (or the inbox) with copies;
 * running twice after a crash is therefore harmless.
 */
export function checkpointJob(registry: RecordTypeRegistry, config: Pick<Config, 'checkpointEmail'>, log?: FastifyBaseLogger): JobHandler {
  return async (_payload, { database, now }) => {
    const outcome = await makeCheckpoint(database, registry, { now, onlyIfChanged: true, notifyEmail: config.checkpointEmail });
    if (outcome.created) log?.info({ seq: outcome.checkpoint.seq, hash: outcome.checkpoint.hash }, 'integrity checkpoint made');
    for (const item of outcome.withheld) log?.warn({ kind: item.kind, id: item.itemId }, `integrity checkpoint did not anchor ${recordName(item)}: ${item.reason}`);
  };
}
