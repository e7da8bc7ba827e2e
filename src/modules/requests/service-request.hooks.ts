import type { AfterWriteContext } from '../../kernel/records/record-type.js';
import { createRecord } from '../../kernel/records/record.service.js';
import { findRequestModel } from './request-model.queries.js';
import { requestTaskRecord } from './request-task.record.js';

/**
 * 8.6.2: when fulfilment first starts, the model's tasks become the request's own task records,
 * in order, each with a history of its own.
 */
export async function createTasksOnStart({ trx, principal, record, kind, from }: AfterWriteContext): Promise<void> {
  if (kind !== 'transitioned' || record.status !== 'in-fulfilment' || (from !== 'submitted' && from !== 'approved')) return;
  const existing = await trx.selectFrom('request_tasks').select('id').where('request', '=', record.reference).executeTakeFirst();
  if (existing) return;
  const model = await findRequestModel(trx, String(record.model));
  const at = Date.parse(record.updatedAt);
  for (const [i, task] of (model?.tasks ?? []).entries()) {
    await createRecord(trx, requestTaskRecord, principal, {
      request: record.reference, position: i + 1, title: task.title, group: task.group ?? (record.assignmentGroup as string | null) ?? null,
    }, at, { system: true });
  }
}
