import type { Executor } from '../../platform/db/database.js';
import type { FormField, TaskTemplate } from './request-model.schemas.js';

/** A request model as the request rules and the portal need it. */
export interface RequestModel {
  id: string;
  reference: string;
  name: string;
  status: string;
  service: string;
  fulfilmentGroup: string | null;
  fulfilmentTargetHours: number | null;
  approvalRequired: boolean;
  approverId: string | null;
  formFields: FormField[];
  tasks: TaskTemplate[];
}

function parsed<T>(text: string | null): T[] {
  return text ? (JSON.parse(text) as T[]) : [];
}

/** The model a reference such as RQM-000001 names, or null. */
export async function findRequestModel(db: Executor, reference: string): Promise<RequestModel | null> {
  if (!/^[A-Za-z]{2,6}-\d{1,12}$/.test(reference.trim())) return null;
  const row = await db.selectFrom('request_models').selectAll().where('reference', '=', reference.trim().toUpperCase()).executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id, reference: row.reference, name: row.name, status: row.status, service: row.service,
    fulfilmentGroup: row.fulfilment_group, fulfilmentTargetHours: row.fulfilment_target_hours,
    approvalRequired: Number(row.approval_required ?? 0) === 1, approverId: row.approver_id,
    formFields: parsed<FormField>(row.form_fields), tasks: parsed<TaskTemplate>(row.tasks),
  };
}
