import type { Principal } from '../../platform/auth/principal.js';
import { roles as roleCatalogue, type Role } from '../../platform/auth/roles.js';
import { AppError, type FieldProblem } from '../../platform/http/app-error.js';
import { stateLabel } from '../workflow/workflow.js';
import type { FieldValues } from './record-row.js';
import type { RecordTypeDefinition } from './record-type.js';

/**
 * The fields one role may give in each kind of write. A list names fields of the type, and
 * `ownerId` for the record's owner.
 */
export interface FieldWrites {
  create?: readonly string[];
  update?: readonly string[];
  /** By the state the transition moves to; a transition not named here may give no field. */
  transitions?: Readonly<Record<string, readonly string[]>>;
  /** User fields the role may set to themselves only, in any write (a requester naming themselves as caller). */
  selfOnly?: readonly string[];
}

/**
 * Per role, what it may write. A staff role left out may give every field a client can write;
 * the requester, left out, may give none. A person holding several roles may give what any of
 * them may.
 */
export type FieldWritePolicy = Partial<Record<Role, FieldWrites>>;

export type RecordWrite = { kind: 'create' } | { kind: 'update'; reference: string } | { kind: 'transition'; reference: string; to: string };

const ownerField = 'ownerId';
const everything = Symbol('every writable field');
type Allowance = Set<string> | typeof everything;

function listFor(writes: FieldWrites, write: RecordWrite): readonly string[] {
  if (write.kind === 'create') return writes.create ?? [];
  if (write.kind === 'update') return writes.update ?? [];
  return writes.transitions?.[write.to] ?? [];
}

/** What the principal's roles together let them give in this write. */
function allowanceOf(def: RecordTypeDefinition, principal: Principal, write: RecordWrite): Allowance {
  // A principal with no role is Certus itself (jobs, the SLA watch); routes let no roleless person in.
  if (principal.roles.length === 0 || principal.roles.includes('administrator')) return everything;
  const allowed = new Set<string>();
  for (const role of principal.roles) {
    const declared = def.fieldWrites?.[role];
    if (!declared) {
      if (role !== 'requester') return everything;
      continue;
    }
    for (const name of listFor(declared, write)) allowed.add(name);
  }
  return allowed;
}

function selfOnlyFor(def: RecordTypeDefinition, principal: Principal): Set<string> {
  return new Set(principal.roles.flatMap((role) => def.fieldWrites?.[role]?.selfOnly ?? []));
}

/** Null, blank and false (a box left unticked) say nothing, so a form that sends them is not refused. */
function holdsValue(value: unknown): boolean {
  return value !== null && value !== undefined && value !== false && !(typeof value === 'string' && value.trim() === '');
}

/**
 * The fields a write gives, in the type's field order with the owner last: on a create those
 * given a value, later those it changes (a form that sends a field back unchanged gives nothing).
 */
export function fieldsGiven(def: RecordTypeDefinition, before: (FieldValues & { ownerId?: string | null }) | null, given: FieldValues & { ownerId?: string | null }): string[] {
  const names = [...Object.keys(def.fields), ownerField].filter((name) => name in given);
  return names.filter((name) => (before ? (given[name] ?? null) !== (before[name] ?? null) : holdsValue(given[name])));
}

function doing(def: RecordTypeDefinition, write: RecordWrite): string {
  const noun = def.label.toLowerCase();
  if (write.kind === 'create') return `creating ${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;
  if (write.kind === 'update') return `changing ${write.reference}`;
  return `moving ${write.reference} to ${stateLabel(def.workflow, write.to).toLowerCase()}`;
}

function roleNames(principal: Principal): string {
  return principal.roles.map((id) => roleCatalogue.find((r) => r.id === id)?.label ?? id).join(', ');
}

/** The fields of a write that the principal's roles may not give, each with the reason. */
export function refusedFieldWrites(def: RecordTypeDefinition, principal: Principal, write: RecordWrite, before: (FieldValues & { ownerId?: string | null }) | null, given: FieldValues & { ownerId?: string | null }): FieldProblem[] {
  const allowance = allowanceOf(def, principal, write);
  if (allowance === everything) return [];
  const selfOnly = selfOnlyFor(def, principal);
  const refused: FieldProblem[] = [];
  for (const field of fieldsGiven(def, before, given)) {
    if (allowance.has(field)) continue;
    if (selfOnly.has(field)) {
      if (given[field] === principal.userId) continue;
      refused.push({ field, reason: `can name only yourself when ${doing(def, write)}` });
      continue;
    }
    refused.push({ field, reason: `is not yours to set when ${doing(def, write)}` });
  }
  return refused;
}

/**
 * 403 naming every field the write gives that the principal's roles may not, before anything
 * is written. The kernel calls it on every create, update and transition a person makes.
 */
export function assertFieldWrites(def: RecordTypeDefinition, principal: Principal, write: RecordWrite, before: (FieldValues & { ownerId?: string | null }) | null, given: FieldValues & { ownerId?: string | null }): void {
  const errors = refusedFieldWrites(def, principal, write, before, given);
  if (errors.length === 0) return;
  const labels = errors.map((e) => (e.field === ownerField ? 'Owner' : def.fields[e.field]?.label ?? e.field));
  throw new AppError('forbidden', `As ${roleNames(principal)} you may not set ${labels.join(', ')} when ${doing(def, write)}. Nothing was saved.`, { errors });
}

/**
 * Checks a type's declaration at start-up: every name is a field a client can write in that
 * kind of write, every transition named exists, and a role restricted by it that may create
 * can still give the fields a create requires.
 */
export function assertFieldWritePolicy(def: RecordTypeDefinition): void {
  const policy = def.fieldWrites;
  if (!policy) return;
  const fail = (message: string) => { throw new Error(`${def.type} field writes: ${message}`); };
  const writable = (name: string, inTransition: boolean, onCreate = false) => {
    if (name === ownerField) return;
    const field = def.fields[name];
    if (!field) fail(`${name} is not a field`);
    else if (field.readOnly) fail(`${name} is read-only`);
    else if (field.transitionOnly && !inTransition) fail(`${name} is set only in transitions`);
    else if (field.notOnCreate && onCreate) fail(`${name} is not given when creating`);
  };
  for (const [role, writes] of Object.entries(policy) as [Role, FieldWrites][]) {
    for (const name of writes.create ?? []) writable(name, false, true);
    for (const name of writes.update ?? []) writable(name, false);
    for (const [to, names] of Object.entries(writes.transitions ?? {})) {
      if (!def.workflow.transitions.some((t) => t.to === to)) fail(`no transition moves to ${to}`);
      for (const name of names) writable(name, true);
    }
    for (const name of writes.selfOnly ?? []) {
      if (def.fields[name]?.kind !== 'user') fail(`${name} in selfOnly is not a user field`);
    }
    if (def.access.create.includes(role)) {
      const missing = Object.entries(def.fields).filter(([name, f]) => f.required && !f.readOnly && !f.transitionOnly && !(writes.create ?? []).includes(name));
      if (missing.length > 0) fail(`${role} may create but not give the required ${missing.map(([n]) => n).join(', ')}`);
    }
  }
}
