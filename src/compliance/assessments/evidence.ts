import { Type, type Static } from 'typebox';
import type { Executor } from '../../platform/db/database.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { PermissionRegistry } from '../../platform/auth/permissions.js';
import { AppError } from '../../platform/http/app-error.js';
import { uuidPattern } from '../../platform/db/ids.js';
import { resolveReference } from './record-references.js';

export const maxEvidencePerAnswer = 50;

export const EvidenceInput = Type.Union([
  Type.Object({ kind: Type.Literal('record'), reference: Type.String({ pattern: '^[A-Za-z]{2,6}-\\d{1,12}$', description: 'A record reference such as IMP-000003' }) }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('attachment'), attachmentId: Type.String({ pattern: uuidPattern, description: 'An attachment of this assessment (or, for readiness, of any record)' }) }, { additionalProperties: false }),
  Type.Object({
    kind: Type.Literal('document'),
    title: Type.String({ minLength: 1, maxLength: 200 }),
    location: Type.String({ minLength: 1, maxLength: 1000, description: 'Where the document is kept: a URL, a path or a shelf mark' }),
  }, { additionalProperties: false }),
], { title: 'Evidence reference' });
export type EvidenceInput = Static<typeof EvidenceInput>;

export const Evidence = Type.Union([
  Type.Object({ kind: Type.Literal('record'), reference: Type.String(), recordType: Type.String(), title: Type.String() }),
  Type.Object({ kind: Type.Literal('attachment'), attachmentId: Type.String(), filename: Type.String() }),
  Type.Object({ kind: Type.Literal('document'), title: Type.String(), location: Type.String() }),
], { title: 'Evidence' });
export type Evidence = Static<typeof Evidence>;

/** A one-line label for lists, exports and history. */
export function evidenceLabel(e: Evidence): string {
  switch (e.kind) {
    case 'record': return `${e.reference} ${e.title}`.trim();
    case 'attachment': return `attachment ${e.filename}`;
    case 'document': return `${e.title} (${e.location})`;
  }
}

/**
 * Checks each cited item exists and may be cited by this user, and keeps what a reader needs to
 * recognise it (title, filename) with the citation.
 */
export async function resolveEvidence(
  db: Executor, permissions: PermissionRegistry, principal: Principal, items: EvidenceInput[], attachmentsOf: string | null,
): Promise<Evidence[]> {
  if (items.length > maxEvidencePerAnswer) throw AppError.validation('evidence', `cite at most ${maxEvidencePerAnswer} items`);
  const resolved: Evidence[] = [];
  for (const [i, item] of items.entries()) {
    const field = `evidence/${i}`;
    if (item.kind === 'record') {
      const record = await resolveReference(db, permissions, principal, field, item.reference);
      resolved.push({ kind: 'record', reference: record.reference, recordType: record.recordType, title: record.title });
    } else if (item.kind === 'attachment') {
      let query = db.selectFrom('record_attachments').select(['id', 'filename']).where('id', '=', item.attachmentId).where('removed_at', 'is', null);
      if (attachmentsOf) query = query.where('record_id', '=', attachmentsOf);
      const attachment = await query.executeTakeFirst();
      if (!attachment) throw AppError.validation(field, attachmentsOf ? 'names no current attachment of this assessment; attach the file to the assessment first' : 'names no current attachment');
      resolved.push({ kind: 'attachment', attachmentId: attachment.id, filename: attachment.filename });
    } else {
      if (item.title.trim() === '' || item.location.trim() === '') throw AppError.validation(field, 'a document needs a title and a location');
      resolved.push({ kind: 'document', title: item.title.trim(), location: item.location.trim() });
    }
  }
  return resolved;
}
