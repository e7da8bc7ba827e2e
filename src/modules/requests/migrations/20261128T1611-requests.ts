import type { ModuleMigration } from '../../../platform/db/migrator.js';
import { createRecordTableV1 } from '../../../kernel/migrations/record-table-v1.js';

/** 8.6.2: request models (the catalogue of what can be requested), service requests and their fulfilment tasks. */
export const requestsMigration: ModuleMigration = {
  name: '20261128T1611-requests',
  async up(db, t) {
    await createRecordTableV1(db, t, 'request_models')
      .addColumn('name', t.text, (c) => c.notNull())
      .addColumn('description', t.text)
      .addColumn('service', t.text, (c) => c.notNull())
      .addColumn('fulfilment_group', t.text)
      .addColumn('fulfilment_target_hours', t.integer)
      .addColumn('approval_required', t.bool)
      .addColumn('approver_id', t.id, (c) => c.references('users.id'))
      .addColumn('form_fields', t.text)
      .addColumn('tasks', t.text)
      .execute();
    await db.schema.createIndex('request_models_service').on('request_models').columns(['service', 'status']).execute();

    await createRecordTableV1(db, t, 'service_requests')
      .addColumn('model', t.text, (c) => c.notNull())
      .addColumn('service', t.text)
      .addColumn('short_description', t.text)
      .addColumn('answers', t.text)
      .addColumn('requester_id', t.id, (c) => c.references('users.id'))
      .addColumn('assignment_group', t.text)
      .addColumn('assignee_id', t.id, (c) => c.references('users.id'))
      .addColumn('approver_id', t.id, (c) => c.references('users.id'))
      .addColumn('approval_decision', t.text)
      .addColumn('approval_reason', t.text)
      .addColumn('decided_by', t.id, (c) => c.references('users.id'))
      .addColumn('decided_at', t.instant)
      .addColumn('target_minutes', t.integer)
      .addColumn('calendar_id', t.text)
      .addColumn('due_at', t.instant)
      .addColumn('fulfilled_at', t.instant)
      .addColumn('closed_at', t.instant)
      .addColumn('fulfilled_within_target', t.bool)
      .addColumn('fulfilment_business_minutes', t.integer)
      .addColumn('reopen_count', t.integer)
      .addColumn('reopen_reason', t.text)
      .addColumn('cancel_reason', t.text)
      .addColumn('satisfaction', t.integer)
      .addColumn('satisfaction_comment', t.text)
      .execute();
    // Lists (my requests, the queue) and KPIs over creation, decision, fulfilment and closure time.
    await db.schema.createIndex('service_requests_created').on('service_requests').columns(['created_at', 'id']).execute();
    await db.schema.createIndex('service_requests_requester').on('service_requests').columns(['requester_id', 'created_at']).execute();
    await db.schema.createIndex('service_requests_status').on('service_requests').columns(['status', 'created_at']).execute();
    await db.schema.createIndex('service_requests_service').on('service_requests').columns(['service', 'created_at']).execute();
    await db.schema.createIndex('service_requests_fulfilled').on('service_requests').column('fulfilled_at').execute();
    await db.schema.createIndex('service_requests_decided').on('service_requests').column('decided_at').execute();
    await db.schema.createIndex('service_requests_closed').on('service_requests').column('closed_at').execute();

    await createRecordTableV1(db, t, 'request_tasks')
      .addColumn('request', t.text, (c) => c.notNull())
      .addColumn('position', t.integer)
      .addColumn('title', t.text, (c) => c.notNull())
      .addColumn('group_name', t.text)
      .addColumn('assignee_id', t.id, (c) => c.references('users.id'))
      .addColumn('skip_reason', t.text)
      .addColumn('completed_at', t.instant)
      .addColumn('completed_by', t.id, (c) => c.references('users.id'))
      .execute();
    await db.schema.createIndex('request_tasks_request').on('request_tasks').columns(['request', 'position']).execute();
  },
};
