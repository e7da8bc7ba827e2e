import { AppError } from '../../platform/http/app-error.js';
import type { Executor } from '../../platform/db/database.js';
import type { DeriveContext } from '../../kernel/records/record-type.js';
import type { FieldValues } from '../../kernel/records/record-row.js';
import { nextPosition, tasksBefore, type TaskPlace } from './task-order.js';

async function tasksOf(db: Executor, request: string): Promise<TaskPlace[]> {
  const rows = await db.selectFrom('request_tasks').select(['reference', 'position', 'status']).where('request', '=', request).execute();
  return rows.map((r) => ({ reference: r.reference, position: r.position ?? 0, status: r.status }));
}

/**
 * A fulfilment task's rules: it belongs to a request that is being fulfilled; one added by hand
 * goes last; it is finished only while the request is in fulfilment and after every earlier
 * task is done or skipped.
 */
export async function deriveRequestTask({ trx, principal, before, after, status, previousStatus, now }: DeriveContext): Promise<FieldValues> {
  const values: FieldValues = {};
  const reference = String(after.request ?? '').trim().toUpperCase();
  const request = await trx.selectFrom('service_requests').select(['reference', 'status']).where('reference', '=', reference).executeTakeFirst();
  if (!before) {
    if (!request) throw AppError.validation('request', `names no service request ("${reference}")`);
    if (['fulfilled', 'closed', 'rejected', 'cancelled'].includes(request.status)) throw AppError.validation('request', `${request.reference} is ${request.status}; tasks are added to open requests only`);
    values.request = request.reference;
    if (after.position === null || after.position === undefined) values.position = nextPosition(await tasksOf(trx, request.reference));
    return values;
  }
  if (after.request !== before.request) throw AppError.validation('request', 'cannot change; a task stays with its request');
  if (status !== previousStatus && (status === 'done' || status === 'skipped')) {
    if (request?.status !== 'in-fulfilment') {
      throw new AppError('conflict', `${reference} is ${request?.status ?? 'missing'}; its tasks are finished while it is in fulfilment.`);
    }
    const earlier = tasksBefore(await tasksOf(trx, reference), Number(before.position ?? 0));
    if (earlier.length > 0) {
      throw new AppError('conflict', `Tasks are done in order: finish ${earlier.map((t) => t.reference).join(', ')} first (complete or skip).`, { blockedBy: earlier.map((t) => t.reference) });
    }
    values.completedAt = new Date(now).toISOString();
    values.completedBy = principal.userId;
  }
  return values;
}
