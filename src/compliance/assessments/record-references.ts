import type { Executor } from '../../platform/db/database.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { PermissionRegistry } from '../../platform/auth/permissions.js';
import { AppError } from '../../platform/http/app-error.js';
import { RecordTypeRegistry } from '../../kernel/records/record-registry.js';
import { findRecord } from '../../kernel/records/record-row.js';
import { permissionsOf } from '../../kernel/records/record-type.js';
import { modules } from '../../modules/registry.js';
import { assessmentRecord } from './assessment.record.js';

let known: RecordTypeRegistry | undefined;

/**
 * The record types a reference may name. The server's own registry is not reachable from a
 * module's routes (app.certus carries no registry), so the compliance engine rebuilds the same
 * set from the process modules plus its own type.
 */
function recordTypes(): RecordTypeRegistry {
  if (!known) {
    known = new RecordTypeRegistry();
    for (const def of [...modules.flatMap((m) => m.recordTypes), assessmentRecord]) known.register(def);
  }
  return known;
}

export interface ResolvedRecord {
  reference: string;
  recordType: string;
  title: string;
  status: string;
  ownerId: string | null;
}

/** Finds a record by reference, without asking who wants it. */
export async function lookUpReference(db: Executor, reference: string): Promise<ResolvedRecord | undefined> {
  const def = recordTypes().typeOfReference(reference);
  if (!def) return undefined;
  const row = await findRecord(db, def, reference.trim());
  if (!row) return undefined;
  return { reference: row.reference, recordType: def.type, title: String(row[def.titleField] ?? ''), status: row.status, ownerId: row.owner_id };
}

/**
 * The same check as GET /api/references/:reference: the record must exist and the user must be
 * allowed to read its type. Failures name the field, so a worksheet can point at the entry.
 */
export async function resolveReference(db: Executor, permissions: PermissionRegistry, principal: Principal, field: string, reference: string): Promise<ResolvedRecord> {
  const def = recordTypes().typeOfReference(reference);
  if (!def) throw AppError.validation(field, `${reference} is not a reference of any record type (such as IMP-000012)`);
  const read = permissionsOf(def).read;
  if (!permissions.has(read) || !permissions.allows(principal.roles, read)) {
    throw AppError.validation(field, `you cannot read ${def.labelPlural.toLowerCase()}, so you cannot cite ${reference}`);
  }
  const found = await lookUpReference(db, reference);
  if (!found) throw AppError.validation(field, `${reference.toUpperCase()} does not exist`);
  return found;
}
