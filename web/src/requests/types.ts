import type { RecordData } from '../shared/types';

/** Shapes of the request API (see GET /api/openapi.json, tag "Service requests"). */
export type FormFieldKind = 'text' | 'longText' | 'enum' | 'date' | 'boolean';

export interface FormField {
  key: string;
  label: string;
  kind: FormFieldKind;
  required: boolean;
  options?: string[];
  help?: string;
}

export interface TaskTemplate {
  title: string;
  group?: string;
}

export interface CatalogueModel {
  reference: string;
  name: string;
  description: string | null;
  approvalRequired: boolean;
  fulfilmentTargetHours: number | null;
  formFields: FormField[];
}

export interface CatalogueService {
  reference: string;
  name: string;
  models: CatalogueModel[];
}

export type AnswerValue = string | boolean | null;

export interface ServiceRequest extends RecordData {
  model: string;
  service: string | null;
  shortDescription: string | null;
  answers: Record<string, AnswerValue> | null;
  requesterId: string | null;
  approverId: string | null;
  approvalDecision: string | null;
  decidedAt: string | null;
  dueAt: string | null;
  fulfilledAt: string | null;
  closedAt: string | null;
  fulfilledWithinTarget: boolean | null;
  satisfaction: number | null;
}

export interface RequestTask extends RecordData {
  request: string;
  position: number;
  title: string;
  group: string | null;
  assigneeId: string | null;
  completedAt: string | null;
}

export interface RequestModelRecord extends RecordData {
  name: string;
  description: string | null;
  service: string;
  fulfilmentGroup: string | null;
  fulfilmentTargetHours: number | null;
  approvalRequired: boolean | null;
  approverId: string | null;
  formFields: FormField[] | null;
  tasks: TaskTemplate[] | null;
}

export { isRequesterOnly } from '../shared/requester';
