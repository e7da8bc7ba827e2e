import type { TSchema } from 'typebox';
import type { Role } from '../../platform/auth/roles.js';
import type { Workflow } from '../workflow/workflow.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { Trx } from '../../platform/db/database.js';
import type { FieldValue, FieldValues, RecordView } from './record-row.js';
import type { FieldWritePolicy } from './field-writes.js';

/**
 * How a field is stored and shown. `date` is a calendar date (YYYY-MM-DD text); `instant` a
 * moment, stored as epoch milliseconds and shown as ISO 8601 UTC; `boolean` is stored 0/1;
 * `reference` names another record by its human reference (SVC-000003) and must name one that
 * exists; `json` a structured value checked against the field's `schema` and stored as JSON text
 * (inside the kernel — history, derive hooks — its value is that canonical text; the API
 * shows and takes the parsed value).
 */
export type FieldKind = 'text' | 'longText' | 'enum' | 'date' | 'instant' | 'integer' | 'boolean' | 'user' | 'reference' | 'json';

export interface FieldDefinition {
  kind: FieldKind;
  label: string;
  /** Column in the type's table; defaults to the field name in snake_case. */
  column?: string;
  required?: boolean;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  options?: { value: string; label: string }[];
  /** For `reference` fields: the record type whose reference the value is. */
  target?: RecordTypeDefinition;
  /**
   * For `reference` fields: the states of the target a newly chosen value must be in (e.g. only
   * live services); pickers offer only these. A value kept from before is not checked again, so
   * retiring the target never locks the records that already name it.
   */
  targetStates?: string[];
  /** For `json` fields: the shape the value must have; also its OpenAPI schema. */
  schema?: TSchema;
  help?: string;
  filterable?: boolean;
  sortable?: boolean;
  /** Set only through a transition's required fields, never by a plain edit. */
  transitionOnly?: boolean;
  /** Never accepted from a client: set by the type's `derive` hook (e.g. priority from impact × urgency). */
  readOnly?: boolean;
  /** Given once the record exists, never when creating it (a review of what happened). */
  notOnCreate?: boolean;
  /** What an empty value stands for, shown in an empty field (a caller defaults to whoever records it). */
  emptyLabel?: string;
  /** An integer that counts minutes (a target in business minutes): entered in minutes, read as hours and minutes. */
  unit?: 'minutes';
  /**
   * For `text` fields holding the id of something that is not a record: the registered
   * FieldLookup (field-lookup.ts) that names it, e.g. `calendar`; shown by name, chosen from a list.
   */
  lookup?: string;
}

export interface DeriveContext {
  trx: Trx;
  principal: Principal;
  /** The record's id (already chosen on create), e.g. to read its history or its children. */
  recordId: string;
  /** Field values before the change; null on create. */
  before: FieldValues | null;
  /** Field values as they will be, before derivation. */
  after: FieldValues;
  /** The status the record will have, and the one it had (null on create). */
  status: string;
  previousStatus: string | null;
  ownerId: string | null;
  /** The instant the write is made at. */
  now: number;
}

export interface AfterWriteContext {
  trx: Trx;
  principal: Principal;
  record: RecordView;
  kind: 'created' | 'updated' | 'transitioned';
  changes: { field: string; from: FieldValue; to: FieldValue }[];
  /** The status before a transition. */
  from?: string;
}

/** Where a type's own rules plug into the kernel's writes, inside the same transaction. */
export interface RecordHooks {
  /** Returns values of derived fields; may throw AppError to refuse the write. */
  derive?(context: DeriveContext): FieldValues | Promise<FieldValues>;
  /**
   * The state a new record starts in when that depends on its values (e.g. a request whose
   * model needs approval); the workflow's initial state when absent. Must name a state.
   */
  initialStatus?(context: { trx: Trx; principal: Principal; values: FieldValues }): string | Promise<string>;
  /** Runs after the row and its history event are written: follow-on work, jobs, notifications. */
  afterWrite?(context: AfterWriteContext): void | Promise<void>;
}

/** Limits which rows a principal may see, e.g. a requester only their own tickets; null for all. */
export type ReadScope = (principal: Principal) => { column: string; equals: string } | null;

/**
 * Everything the kernel needs to store, list, change and show a record type. A module
 * declares one of these and gets create/read/update/transition, comments, links,
 * attachments, history and list/CSV endpoints without writing them again.
 */
export interface RecordTypeDefinition {
  type: string;
  /** URL segment and table name: `improvements` → /api/improvements. */
  plural: string;
  table: string;
  prefix: string;
  label: string;
  labelPlural: string;
  clause: string;
  titleField: string;
  fields: Record<string, FieldDefinition>;
  listFields: string[];
  workflow: Workflow;
  /** Roles that may read, create and edit; the administrator always may, the auditor always reads. */
  access: {
    read: Role[];
    create: Role[];
    update: Role[];
    /** Who may comment; defaults to `update`. */
    comment?: Role[];
    /** Who may ask for transitions (each transition's own roles still apply); defaults to `update`. */
    transition?: Role[];
  };
  hooks?: RecordHooks;
  readScope?: ReadScope;
  /**
   * Which fields each role may give on create, update and each transition (see field-writes.ts):
   * staff roles left out may give every writable field, the requester none.
   */
  fieldWrites?: FieldWritePolicy;
  /**
   * States in which the record's evidence is frozen: no comment or attachment is added or
   * withdrawn (e.g. an approved assessment); `message` says what to do instead.
   */
  frozenIn?: { states: string[]; message: string };
}

/** Whether a principal's read scope lets them see a row. */
export function inReadScope(def: RecordTypeDefinition, principal: Principal, row: Record<string, unknown>): boolean {
  const scope = def.readScope?.(principal);
  return !scope || row[scope.column] === scope.equals;
}

export function columnOf(name: string, field: FieldDefinition): string {
  return field.column ?? name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

export function permissionsOf(def: RecordTypeDefinition) {
  return {
    read: `${def.plural}:read`,
    create: `${def.plural}:create`,
    update: `${def.plural}:update`,
    comment: `${def.plural}:comment`,
    transition: `${def.plural}:transition`,
  } as const;
}
