import type { Executor, Trx } from '../../platform/db/database.js';
import type { Principal } from '../../platform/auth/principal.js';
import { AppError } from '../../platform/http/app-error.js';
import { appendHistory } from '../history/history.service.js';
import { chooseTransition, missingRequiredFields, transitionsFrom } from '../workflow/workflow.js';
import { newId } from '../../platform/db/ids.js';
import { nextReference } from './references.js';
import { Value } from 'typebox/value';
import { fieldProblems } from '../../platform/http/problem.js';
import { columnsFor, fieldValuesOf, findRecord, jsonText, recordTables, viewOf, type FieldValue, type FieldValues, type RecordRow, type RecordView } from './record-row.js';
import { inReadScope, type FieldDefinition, type RecordTypeDefinition } from './record-type.js';
import { assertFieldWrites } from './field-writes.js';

export interface FieldChange {
  field: string;
  from: FieldValue;
  to: FieldValue;
}

export interface RecordInput {
  ownerId?: string | null;
  [field: string]: unknown;
}

/** The record, if it exists and the principal's read scope includes it; 404 otherwise. */
export async function getRecord(db: Executor, def: RecordTypeDefinition, idOrReference: string, principal?: Principal): Promise<RecordRow> {
  const row = await findRecord(db, def, idOrReference);
  if (!row || (principal && !inReadScope(def, principal, row))) throw AppError.notFound(`${def.label} ${idOrReference}`);
  return row;
}

/** Runs the type's derive hook and keeps only the derived fields it may set. */
async function derived(trx: Trx, def: RecordTypeDefinition, principal: Principal, recordId: string, before: FieldValues | null, after: FieldValues, status: string, previousStatus: string | null, ownerId: string | null, now: number): Promise<FieldValues> {
  if (!def.hooks?.derive) return {};
  const values = await def.hooks.derive({ trx, principal, recordId, before, after, status, previousStatus, ownerId, now });
  for (const name of Object.keys(values)) {
    if (!def.fields[name]) throw new Error(`${def.type}: derive set unknown field ${name}`);
  }
  return values;
}

export function detailOf(def: RecordTypeDefinition, row: RecordRow, principal: Principal) {
  return detailOfView(def, viewOf(def, row), principal);
}

/** A record as the API shows it, with the transitions open from its status and whether the user may make them. */
export function detailOfView(def: RecordTypeDefinition, view: RecordView, principal: Principal) {
  const admin = principal.roles.includes('administrator');
  return {
    ...view,
    allowedTransitions: transitionsFrom(def.workflow, view.status).map((t) => ({
      to: t.to,
      label: t.label,
      requires: t.requires ?? [],
      permitted: admin || t.roles.some((r) => principal.roles.includes(r)),
    })),
  };
}

async function assertActiveUser(db: Executor, field: string, userId: string | null | undefined): Promise<void> {
  if (!userId) return;
  const user = await db.selectFrom('users').select(['active']).where('id', '=', userId).executeTakeFirst();
  if (!user) throw AppError.validation(field, 'names no known user');
  if (!user.active) throw AppError.validation(field, 'names a deactivated user');
}

/** A reference field must name a record of its target type that exists, in one of the states the field allows. */
async function assertReferenced(db: Executor, field: string, definition: FieldDefinition, target: RecordTypeDefinition, reference: string): Promise<void> {
  const noun = /^[A-Z]{2}/.test(target.label) ? target.label : target.label.toLowerCase();
  if (!new RegExp(`^${target.prefix}-\\d{1,12}$`).test(reference)) throw AppError.validation(field, `must be a ${noun} reference such as ${target.prefix}-000001`);
  const found = await recordTables(db).selectFrom(target.table).select(['id', 'status']).where('reference', '=', reference).executeTakeFirst();
  if (!found) throw AppError.validation(field, `names ${reference}, which is not a ${noun} on record`);
  const allowed = definition.targetStates;
  if (allowed && !allowed.includes(found.status)) {
    const label = (id: string) => (target.workflow.states.find((s) => s.id === id)?.label ?? id).toLowerCase();
    throw AppError.validation(field, `names ${reference}, whose status is ${label(found.status)}; choose a ${allowed.map(label).join(' or ')} ${noun}`);
  }
}

/**
 * Owner, user and reference fields must name someone or something that exists. A reference
 * kept as it was (`current`, on an update or transition) is not checked again.
 */
async function assertNamedTargets(db: Executor, def: RecordTypeDefinition, values: Record<string, unknown>, current: FieldValues | null = null): Promise<void> {
  await assertActiveUser(db, 'ownerId', values.ownerId as string | null | undefined);
  for (const [name, field] of Object.entries(def.fields)) {
    const value = values[name];
    if (field.kind === 'user' && typeof value === 'string') await assertActiveUser(db, name, value);
    if (field.kind === 'reference' && field.target && typeof value === 'string' && value !== current?.[name]) await assertReferenced(db, name, field, field.target, value);
  }
}

/** The given field values plus the owner, when the input names one. */
function withOwner(given: FieldValues, input: RecordInput): FieldValues & { ownerId?: string | null } {
  return 'ownerId' in input ? { ...given, ownerId: (input.ownerId as string | null | undefined) ?? null } : given;
}

function fieldInput(def: RecordTypeDefinition, input: Record<string, unknown>, system = false): FieldValues {
  const values: FieldValues = {};
  for (const name of Object.keys(def.fields)) {
    if (name in input && (system || !def.fields[name]!.readOnly)) {
      const v = input[name];
      const field = def.fields[name]!;
      if (typeof v === 'string' && v.trim() === '' && !field.required) values[name] = null;
      // One spelling per instant, so that an unchanged value never reads as a change.
      else if (field.kind === 'instant' && typeof v === 'string') values[name] = new Date(v).toISOString();
      else if (field.kind === 'json') values[name] = v === null || v === undefined ? null : checkedJson(name, field, v);
      // References are written in capitals (SVC-000001); one spelling, whatever was typed.
      else if (field.kind === 'reference' && typeof v === 'string') values[name] = v.trim().toUpperCase();
      else values[name] = v as FieldValue;
    }
  }
  return values;
}

/** A `json` field's value checked against its schema (400 naming the path inside it) and turned into canonical text. */
function checkedJson(name: string, field: FieldDefinition, value: unknown): string {
  if (field.schema) {
    const issues = Value.Errors(field.schema, value).map((e) => ({ ...e, instancePath: `/${name}${e.instancePath}` }));
    if (issues.length > 0) {
      const errors = fieldProblems(issues, 'body');
      throw new AppError('validation', errors.map((e) => `${e.field} ${e.reason}`).join('; '), { errors });
    }
  }
  return jsonText(value);
}

async function initialStatusOf(trx: Trx, def: RecordTypeDefinition, principal: Principal, values: FieldValues): Promise<string> {
  if (!def.hooks?.initialStatus) return def.workflow.initial;
  const status = await def.hooks.initialStatus({ trx, principal, values });
  if (!def.workflow.states.some((s) => s.id === status)) throw new Error(`${def.type}: initialStatus chose unknown state ${status}`);
  return status;
}

function requiredBlank(def: RecordTypeDefinition, values: FieldValues): void {
  for (const [name, field] of Object.entries(def.fields)) {
    if (!field.required || !(name in values)) continue;
    const v = values[name];
    if (v === null || (typeof v === 'string' && v.trim() === '')) throw AppError.validation(name, 'is required and cannot be blank');
  }
}

/**
 * Creates a record. `system` lets Certus itself (a job, an import) set read-only fields that no
 * client may send; the API never passes it.
 */
export async function createRecord(trx: Trx, def: RecordTypeDefinition, principal: Principal, input: RecordInput, now = Date.now(), options: { system?: boolean } = {}): Promise<RecordView> {
  const given = fieldInput(def, input, options.system === true);
  if (!options.system) assertFieldWrites(def, principal, { kind: 'create' }, null, withOwner(given, input));
  requiredBlank(def, given);
  await assertNamedTargets(trx, def, { ...input, ...given });
  const ownerId = input.ownerId ?? null;
  const id = newId();
  const status = await initialStatusOf(trx, def, principal, given);
  const values = { ...given, ...(await derived(trx, def, principal, id, null, given, status, null, ownerId, now)) };
  const reference = await nextReference(trx, def.prefix);
  const row: RecordRow = {
    id,
    reference,
    status,
    owner_id: ownerId,
    created_by: principal.userId,
    created_at: now,
    updated_by: principal.userId,
    updated_at: now,
    version: 1,
    ...columnsFor(def, values),
  };
  await recordTables(trx).insertInto(def.table).values(row).execute();
  await appendHistory(trx, {
    recordType: def.type, recordId: id, kind: 'created', actorId: principal.userId, at: now,
    data: { reference, status: row.status, ownerId: row.owner_id, fields: fieldValuesOf(def, row) },
  }, { first: true });
  const view = viewOf(def, row);
  await def.hooks?.afterWrite?.({ trx, principal, record: view, kind: 'created', changes: [] });
  return view;
}

function changesBetween(before: FieldValues & { ownerId?: string | null }, after: FieldValues & { ownerId?: string | null }): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const [field, to] of Object.entries(after)) {
    const from = before[field] ?? null;
    const next = to ?? null;
    if (from !== next) changes.push({ field, from, to: next });
  }
  return changes;
}

/** Writes changed columns only if the version still matches; 412 otherwise. */
async function writeIfCurrent(trx: Trx, def: RecordTypeDefinition, row: RecordRow, expectedVersion: number, columns: Record<string, string | number | null>, principal: Principal, now: number): Promise<RecordRow> {
  const updated = await recordTables(trx).updateTable(def.table)
    .set({ ...columns, updated_by: principal.userId, updated_at: now, version: row.version + 1 })
    .where('id', '=', row.id)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
  if (!updated) {
    throw new AppError('precondition-failed', `${row.reference} was changed by someone else (now version ${row.version}, you sent ${expectedVersion}). Reload it and apply your change again.`, { currentVersion: row.version });
  }
  return updated as RecordRow;
}

function assertVersion(row: RecordRow, expectedVersion: number): void {
  if (row.version !== expectedVersion) {
    throw new AppError('precondition-failed', `${row.reference} was changed by someone else (now version ${row.version}, you sent ${expectedVersion}). Reload it and apply your change again.`, { currentVersion: row.version });
  }
}

export async function updateRecord(trx: Trx, def: RecordTypeDefinition, principal: Principal, idOrReference: string, expectedVersion: number, input: RecordInput, now = Date.now(), options: { system?: boolean } = {}): Promise<RecordView> {
  const row = await getRecord(trx, def, idOrReference, principal);
  assertVersion(row, expectedVersion);
  const given = fieldInput(def, input, options.system === true);
  const current = fieldValuesOf(def, row);
  if (!options.system) assertFieldWrites(def, principal, { kind: 'update', reference: row.reference }, { ...current, ownerId: row.owner_id }, withOwner(given, input));
  requiredBlank(def, given);
  await assertNamedTargets(trx, def, { ...input, ...given }, current);
  const ownerId = 'ownerId' in input ? (input.ownerId as string | null) ?? null : row.owner_id;
  const values = { ...given, ...(await derived(trx, def, principal, row.id, current, { ...current, ...given }, row.status, row.status, ownerId, now)) };
  const before = { ...current, ownerId: row.owner_id };
  const after: FieldValues = { ...values };
  if ('ownerId' in input) after.ownerId = ownerId;
  const changes = changesBetween(before, after);
  if (changes.length === 0) return viewOf(def, row);
  const columns = columnsFor(def, values);
  if ('ownerId' in input) columns.owner_id = ownerId;
  const updated = await writeIfCurrent(trx, def, row, expectedVersion, columns, principal, now);
  await appendHistory(trx, { recordType: def.type, recordId: row.id, kind: 'updated', actorId: principal.userId, at: now, data: { changes } });
  const view = viewOf(def, updated);
  await def.hooks?.afterWrite?.({ trx, principal, record: view, kind: 'updated', changes });
  return view;
}

export async function transitionRecord(trx: Trx, def: RecordTypeDefinition, principal: Principal, idOrReference: string, expectedVersion: number, to: string, fields: Record<string, unknown> = {}, now = Date.now()): Promise<RecordView> {
  const row = await getRecord(trx, def, idOrReference, principal);
  assertVersion(row, expectedVersion);
  const transition = chooseTransition(def.workflow, row.reference, row.status, to, principal.roles);
  const given = fieldInput(def, fields);
  const before = fieldValuesOf(def, row);
  assertFieldWrites(def, principal, { kind: 'transition', reference: row.reference, to: transition.to }, before, given);
  requiredBlank(def, given);
  await assertNamedTargets(trx, def, { ...fields, ...given }, before);
  const values = { ...given, ...(await derived(trx, def, principal, row.id, before, { ...before, ...given }, transition.to, row.status, row.owner_id, now)) };
  const missing = missingRequiredFields(transition, { ...before, ...values });
  if (missing.length > 0) {
    throw new AppError('validation', `To ${transition.label.toLowerCase()} ${row.reference}, fill in: ${missing.join(', ')}.`, {
      errors: missing.map((field) => ({ field, reason: `is required to ${transition.label.toLowerCase()}` })),
    });
  }
  const changes = changesBetween(before, values);
  const updated = await writeIfCurrent(trx, def, row, expectedVersion, { ...columnsFor(def, values), status: transition.to }, principal, now);
  await appendHistory(trx, {
    recordType: def.type, recordId: row.id, kind: 'transitioned', actorId: principal.userId, at: now,
    data: { from: row.status, to: transition.to, changes },
  });
  const view = viewOf(def, updated);
  await def.hooks?.afterWrite?.({ trx, principal, record: view, kind: 'transitioned', changes, from: row.status });
  return view;
}
