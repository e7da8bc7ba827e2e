import type { Kysely } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { RecordColumns } from '../kernel.tables.js';
import { columnOf, type FieldDefinition, type RecordTypeDefinition } from './record-type.js';
import { stateLabel } from '../workflow/workflow.js';

/** A record type's own table seen without its module's typing: kernel columns plus fields. */
export type RecordRow = RecordColumns & Record<string, unknown>;
type DynamicTables = Record<string, RecordRow>;

/**
 * The kernel works on every record type's table by name. Kysely's types cannot know those
 * tables, so the kernel sees them through this one narrow, untyped view; modules keep their
 * typed tables for their own queries.
 */
export function recordTables(db: Executor): Kysely<DynamicTables> {
  return db as unknown as Kysely<DynamicTables>;
}

export type FieldValue = string | number | boolean | null;
export type FieldValues = Record<string, FieldValue>;

export interface RecordView {
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
  /** The name of each record a reference field names, where the reader may read it (see reference-titles.ts). */
  referenceTitles?: Record<string, string>;
  [field: string]: unknown;
}

/** A stored column value as the API shows it. */
export function fromColumn(field: FieldDefinition, raw: unknown): FieldValue {
  if (raw === undefined || raw === null) return null;
  if (field.kind === 'boolean') return Number(raw) === 1;
  if (field.kind === 'instant') return new Date(Number(raw)).toISOString();
  if (field.kind === 'json') return typeof raw === 'string' ? raw : jsonText(raw);
  return raw as string | number;
}

/**
 * JSON with object keys sorted, so that one value always has one spelling: a `json` field's
 * value inside the kernel, compared to spot changes and kept in history.
 */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    : v));
}

/** A `json` field's kernel value (its text) as the parsed value the API shows. */
export function parsedJson<T = unknown>(value: FieldValue | undefined): T | null {
  return typeof value === 'string' ? (JSON.parse(value) as T) : null;
}

/** An API value as it is stored. */
export function toColumn(field: FieldDefinition, value: FieldValue): string | number | null {
  if (value === null) return null;
  if (field.kind === 'boolean') return value ? 1 : 0;
  if (field.kind === 'instant') return Date.parse(String(value));
  if (typeof value === 'string' && field.kind !== 'longText' && field.kind !== 'json') return value.trim();
  return value as string | number;
}

export function fieldValuesOf(def: RecordTypeDefinition, row: RecordRow): FieldValues {
  const values: FieldValues = {};
  for (const [name, field] of Object.entries(def.fields)) values[name] = fromColumn(field, row[columnOf(name, field)]);
  return values;
}

export function viewOf(def: RecordTypeDefinition, row: RecordRow): RecordView {
  return {
    id: row.id,
    reference: row.reference,
    type: def.type,
    status: row.status,
    statusLabel: stateLabel(def.workflow, row.status),
    ownerId: row.owner_id,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
    updatedBy: row.updated_by,
    updatedAt: new Date(row.updated_at).toISOString(),
    version: row.version,
    ...apiValuesOf(def, row),
  };
}

/** Field values as the API shows them: `json` fields parsed. */
function apiValuesOf(def: RecordTypeDefinition, row: RecordRow): Record<string, unknown> {
  const values: Record<string, unknown> = fieldValuesOf(def, row);
  for (const [name, field] of Object.entries(def.fields)) {
    if (field.kind === 'json') values[name] = parsedJson(values[name] as FieldValue);
  }
  return values;
}

export function columnsFor(def: RecordTypeDefinition, values: FieldValues): Record<string, string | number | null> {
  const columns: Record<string, string | number | null> = {};
  for (const [name, value] of Object.entries(values)) {
    const field = def.fields[name];
    if (field) columns[columnOf(name, field)] = toColumn(field, value);
  }
  return columns;
}

export async function findRecord(db: Executor, def: RecordTypeDefinition, idOrReference: string): Promise<RecordRow | undefined> {
  const column = /^[A-Za-z]{2,6}-\d+$/.test(idOrReference) ? 'reference' : 'id';
  const key = column === 'reference' ? idOrReference.toUpperCase() : idOrReference;
  const row = await recordTables(db).selectFrom(def.table).selectAll().where(column, '=', key).executeTakeFirst();
  return row as RecordRow | undefined;
}
