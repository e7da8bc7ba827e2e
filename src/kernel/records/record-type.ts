import type { Role } from '../../platform/auth/roles.js';
import type { Workflow } from '../workflow/workflow.js';

/**
 * How a field is stored and shown. `date` is a calendar date (YYYY-MM-DD text); `instant` a
 * moment, stored as epoch milliseconds and shown as ISO 8601 UTC; `boolean` is stored 0/1.
 */
export type FieldKind = 'text' | 'longText' | 'enum' | 'date' | 'instant' | 'integer' | 'boolean' | 'user';

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
  help?: string;
  filterable?: boolean;
  sortable?: boolean;
  /** Set only through a transition's required fields, never by a plain edit. */
  transitionOnly?: boolean;
}

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
  access: { read: Role[]; create: Role[]; update: Role[] };
}

export function columnOf(name: string, field: FieldDefinition): string {
  return field.column ?? name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

export function permissionsOf(def: RecordTypeDefinition) {
  return {
    read: `${def.plural}:read`,
    create: `${def.plural}:create`,
    update: `${def.plural}:update`,
  } as const;
}
