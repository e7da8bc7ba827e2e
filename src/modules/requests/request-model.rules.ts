import { AppError } from '../../platform/http/app-error.js';
import type { DeriveContext } from '../../kernel/records/record-type.js';
import { parsedJson, type FieldValues } from '../../kernel/records/record-row.js';
import { findService } from '../services/index.js';
import { formDefinitionProblems } from './request-answers.js';
import type { FormField } from './request-model.schemas.js';

function changedFields(before: FieldValues, after: FieldValues): string[] {
  return Object.keys(after).filter((k) => (before[k] ?? null) !== (after[k] ?? null));
}

/**
 * A request model's rules: it names a service in the catalogue; its questions are well formed;
 * only a draft changes; publishing needs a live service and, when approval is required, someone
 * to approve (the named approver, or else the service owner).
 */
export async function deriveRequestModel({ trx, before, after, status, previousStatus }: DeriveContext): Promise<FieldValues> {
  if (before && previousStatus !== 'draft') {
    const changed = changedFields(before, after);
    if (changed.length > 0) {
      throw new AppError('conflict', `A ${previousStatus} request model does not change (you changed ${changed.join(', ')}): requests already raised follow it as it is. Retire it and publish a copy instead.`, {
        errors: changed.map((field) => ({ field, reason: `cannot change once the model is ${previousStatus}` })),
      });
    }
    return {};
  }
  const serviceReference = String(after.service ?? '');
  const service = await findService(trx, serviceReference);
  if (!service) throw AppError.validation('service', `names no service in the catalogue ("${serviceReference}"); use a reference such as SVC-000001`);
  const values: FieldValues = {};
  if (service.reference !== after.service) values.service = service.reference;
  const problems = formDefinitionProblems(parsedJson<FormField[]>(after.formFields) ?? []);
  if (problems.length > 0) throw new AppError('validation', problems.map((p) => `${p.field} ${p.reason}`).join('; '), { errors: problems });
  if (status === 'published' && previousStatus !== 'published') {
    if (service.status !== 'live') throw AppError.validation('service', `is ${service.status}; publish request models for live services only`);
    if (after.approvalRequired === true && !after.approverId && !service.serviceOwnerId) {
      throw AppError.validation('approverId', `is needed: approval is required and ${service.reference} has no service owner to approve instead`);
    }
  }
  return values;
}
