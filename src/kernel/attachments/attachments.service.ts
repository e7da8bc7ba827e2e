import { createHash } from 'node:crypto';
import type { Executor, Trx } from '../../platform/db/database.js';
import type { Principal } from '../../platform/auth/principal.js';
import { AppError } from '../../platform/http/app-error.js';
import { appendHistory } from '../history/history.service.js';
import { newId } from '../../platform/db/ids.js';

export interface AttachmentView {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  createdBy: string;
  createdAt: string;
}

export interface AttachmentLimits {
  maxBytes: number;
  allowedTypes: string[];
}

/**
 * Stores a file by its SHA-256: the same bytes attached twice are kept once. The blob lives in
 * the database, so every server process sees it and backups include it.
 */
export async function attachFile(trx: Trx, recordType: string, recordId: string, file: { filename: string; contentType: string; content: Buffer }, limits: AttachmentLimits, principal: Principal, now = Date.now()): Promise<AttachmentView> {
  const contentType = file.contentType.split(';')[0]!.trim().toLowerCase();
  if (!limits.allowedTypes.includes(contentType)) {
    throw new AppError('unsupported-media-type', `Files of type ${contentType} cannot be attached; allowed: ${limits.allowedTypes.join(', ')}`, { errors: [{ field: 'file', reason: `type ${contentType} is not allowed` }] });
  }
  if (file.content.length === 0) throw AppError.validation('file', 'is empty');
  if (file.content.length > limits.maxBytes) throw new AppError('payload-too-large', `The file is larger than ${limits.maxBytes} bytes`, { errors: [{ field: 'file', reason: `exceeds ${limits.maxBytes} bytes` }] });
  const filename = file.filename.replace(/[\\/\r\n"]/g, '_').slice(0, 255) || 'file';
  const sha256 = createHash('sha256').update(file.content).digest('hex');
  await trx.insertInto('attachment_blobs').values({ sha256, size: file.content.length, content: file.content })
    .onConflict((oc) => oc.column('sha256').doNothing()).execute();
  const id = newId();
  await trx.insertInto('record_attachments').values({ id, record_type: recordType, record_id: recordId, sha256, filename, content_type: contentType, size: file.content.length, created_by: principal.userId, created_at: now, removed_at: null }).execute();
  await appendHistory(trx, { recordType, recordId, kind: 'attached', actorId: principal.userId, at: now, data: { attachmentId: id, filename, contentType, size: file.content.length, sha256 } });
  return { id, filename, contentType, size: file.content.length, sha256, createdBy: principal.userId, createdAt: new Date(now).toISOString() };
}

export async function listAttachments(db: Executor, recordId: string): Promise<AttachmentView[]> {
  const rows = await db.selectFrom('record_attachments').selectAll().where('record_id', '=', recordId).where('removed_at', 'is', null).orderBy('created_at').execute();
  return rows.map((r) => ({ id: r.id, filename: r.filename, contentType: r.content_type, size: r.size, sha256: r.sha256, createdBy: r.created_by, createdAt: new Date(r.created_at).toISOString() }));
}

export async function readAttachment(db: Executor, recordId: string, attachmentId: string) {
  const row = await db.selectFrom('record_attachments').innerJoin('attachment_blobs', 'attachment_blobs.sha256', 'record_attachments.sha256')
    .select(['filename', 'content_type', 'content', 'record_attachments.sha256'])
    .where('record_attachments.id', '=', attachmentId).where('record_id', '=', recordId).where('removed_at', 'is', null).executeTakeFirst();
  if (!row) throw AppError.notFound(`Attachment ${attachmentId}`);
  return { filename: row.filename, contentType: row.content_type, content: Buffer.from(row.content), sha256: row.sha256 };
}

/** Removing keeps the blob and the history: evidence is withdrawn, never erased. */
export async function removeAttachment(trx: Trx, recordType: string, recordId: string, attachmentId: string, principal: Principal, now = Date.now()): Promise<void> {
  const row = await trx.selectFrom('record_attachments').select(['filename', 'sha256']).where('id', '=', attachmentId).where('record_id', '=', recordId).where('removed_at', 'is', null).executeTakeFirst();
  if (!row) throw AppError.notFound(`Attachment ${attachmentId}`);
  await trx.updateTable('record_attachments').set({ removed_at: now }).where('id', '=', attachmentId).execute();
  await appendHistory(trx, { recordType, recordId, kind: 'detached', actorId: principal.userId, at: now, data: { attachmentId, filename: row.filename, sha256: row.sha256 } });
}
