/** Reading the generated API types (api.generated.ts, `npm run api-types`) by operation. */
import type { operations } from './api.generated';

/** An operation of the Certus API, by its operationId in GET /api/openapi.json. */
export type OperationId = keyof operations;

type Responses<Op extends OperationId> = operations[Op]['responses'];
type Json<T> = T extends { content: { 'application/json': infer Body } } ? Body : never;

/**
 * The JSON body an operation answers with (200 unless another status is named). The routes'
 * schemas are inline, not named components, so the web names the shapes it uses from here.
 */
export type ApiResponse<Op extends OperationId, Status extends keyof Responses<Op> = 200 & keyof Responses<Op>> = Json<Responses<Op>[Status]>;

/** The JSON body an operation takes. */
export type ApiRequestBody<Op extends OperationId> = Json<NonNullable<operations[Op]['requestBody']>>;

/**
 * Every record type's history, comments, links and attachments routes share one schema (the
 * kernel's record-activity.routes.ts); the assessment's, a type every Certus has (compliance),
 * stands for them all.
 */
export type RecordActivity<Kind extends 'history' | 'comments' | 'links' | 'attachments'> = ApiResponse<`${Kind}-assessment`>['items'][number];
