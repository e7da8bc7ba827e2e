import type { ApiResponse } from '../shared/api-schema';
import type { RecordData } from '../shared/types';

/**
 * Shapes of the request API (GET /api/openapi.json, tag "Service requests"): aliases of the
 * generated types (../shared/api.generated.ts, `npm run api-types`).
 */
export type CatalogueService = ApiResponse<'request-catalogue'>['services'][number];
export type CatalogueModel = CatalogueService['models'][number];
export type FormField = CatalogueModel['formFields'][number];
export type FormFieldKind = FormField['kind'];
export type TaskTemplate = NonNullable<RequestModelRecord['tasks']>[number];
export type AnswerValue = NonNullable<ServiceRequest['answers']>[string];

/** Record types: the API's shape of each, with RecordData's by-name access the record pages use. */
export type ServiceRequest = RecordData & ApiResponse<'get-service-request'>;
export type RequestTask = RecordData & ApiResponse<'get-request-task'>;
export type RequestModelRecord = RecordData & ApiResponse<'get-request-model'>;

export { isRequesterOnly } from '../shared/requester';
