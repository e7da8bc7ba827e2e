/**
 * Shapes of the Certus API as the web app uses them: aliases of the types generated from the
 * server's OpenAPI document (api.generated.ts, `npm run api-types`), so a route's schema and the
 * web cannot drift apart unnoticed. What the API does not define stays written by hand, saying why.
 */
import type { ApiResponse, RecordActivity } from './api-schema';

export type Session = ApiResponse<'get-session'>;
export type SessionUser = Session['user'];

export type RecordTypesResponse = ApiResponse<'list-record-types'>;
export type RecordType = RecordTypesResponse['items'][number];
export type FieldMeta = RecordType['fields'][number];
export type FieldKind = FieldMeta['kind'];
export type FieldOption = FieldMeta['options'][number];
/** For a reference field: the record type it names. */
export type ReferenceTarget = NonNullable<FieldMeta['target']>;
export type StateMeta = RecordType['states'][number];
export type TransitionMeta = RecordType['transitions'][number];
export type LinkTypeMeta = RecordTypesResponse['linkTypes'][number];
/** A module's page this person may open; `group` is `work` (beside Start), a navigation group id (`resolution` …) or `compliance`. */
export type PageMeta = RecordTypesResponse['pages'][number];

/** A field's value as forms and filters hold it (UI state, not an API shape). */
export type FieldValue = string | number | boolean | null;

/** A transition the record's state allows; every record type's detail answers with the kernel's same shape. */
export type AllowedTransition = ApiResponse<'get-assessment'>['allowedTransitions'][number];

/**
 * A record of any type. Written by hand: the API types each record type's fields separately
 * (GET /api/<plural>/{key} per type), while the web's record pages read any type's fields by name
 * from its metadata. The kernel's fields are the ones every type's schema shares.
 */
export interface RecordData {
  id: string;
  reference: string;
  type: string;
  status: string;
  statusLabel: string;
  ownerId: string | null;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
  version: number;
  allowedTransitions?: AllowedTransition[];
  /** The name of each record a reference field names, where the reader may see it. */
  referenceTitles?: Record<string, string>;
  [field: string]: unknown;
}

/** A page of records of any type (by hand, as RecordData is). */
export interface RecordPage {
  items: RecordData[];
  nextCursor: string | null;
  total: number | null;
}

export type HistoryEvent = RecordActivity<'history'>;
export type Comment = RecordActivity<'comments'>;
export type RecordLink = RecordActivity<'links'>;
export type Attachment = RecordActivity<'attachments'>;

/** A personal API token; `token`, the secret, only in the answer that created it. */
export type ApiToken = ApiResponse<'list-api-tokens'>['items'][number] & Partial<Pick<ApiResponse<'create-api-token', 201>, 'token'>>;

export type Role = ApiResponse<'list-roles'>['items'][number];

export type UserSummary = ApiResponse<'get-user'>;

/** An active person, from GET /api/people (readable by everyone signed in; roles only for staff). */
export type Person = ApiResponse<'list-people'>['items'][number];

export type ResolvedReference = ApiResponse<'resolve-reference'>;
