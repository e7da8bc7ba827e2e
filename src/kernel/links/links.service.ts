import type { Executor, Trx } from '../../platform/db/database.js';
import type { Principal } from '../../platform/auth/principal.js';
import { AppError } from '../../platform/http/app-error.js';
import { appendHistory } from '../history/history.service.js';
import { newId } from '../../platform/db/ids.js';
import { linkTypes, type LinkType } from './link-types.js';

export interface LinkEnd {
  type: string;
  id: string;
  reference: string;
}

export interface LinkView {
  id: string;
  linkType: LinkType;
  /** How the link reads from the record asked about. */
  label: string;
  direction: 'outgoing' | 'incoming';
  other: { type: string; id: string };
  createdAt: string;
  createdBy: string;
}

/** Links two records; the event goes into both records' histories. */
export async function addLink(trx: Trx, from: LinkEnd, linkType: LinkType, to: LinkEnd, principal: Principal, now = Date.now()): Promise<string> {
  if (from.id === to.id) throw AppError.validation('target', 'a record cannot be linked to itself');
  const existing = await trx.selectFrom('record_links').select('id')
    .where('from_id', '=', from.id).where('link_type', '=', linkType).where('to_id', '=', to.id).executeTakeFirst();
  if (existing) throw new AppError('conflict', `${from.reference} already ${linkTypes.find((l) => l.id === linkType)?.label} ${to.reference}`);
  const id = newId();
  await trx.insertInto('record_links').values({ id, from_type: from.type, from_id: from.id, link_type: linkType, to_type: to.type, to_id: to.id, created_by: principal.userId, created_at: now }).execute();
  const data = { linkId: id, linkType, from: from.reference, to: to.reference };
  await appendHistory(trx, { recordType: from.type, recordId: from.id, kind: 'linked', actorId: principal.userId, at: now, data });
  await appendHistory(trx, { recordType: to.type, recordId: to.id, kind: 'linked', actorId: principal.userId, at: now, data });
  return id;
}

export async function removeLink(trx: Trx, recordId: string, linkId: string, references: (type: string, id: string) => Promise<string>, principal: Principal, now = Date.now()): Promise<void> {
  const link = await trx.selectFrom('record_links').selectAll().where('id', '=', linkId)
    .where((eb) => eb.or([eb('from_id', '=', recordId), eb('to_id', '=', recordId)])).executeTakeFirst();
  if (!link) throw AppError.notFound(`Link ${linkId}`);
  await trx.deleteFrom('record_links').where('id', '=', linkId).execute();
  const data = { linkId, linkType: link.link_type, from: await references(link.from_type, link.from_id), to: await references(link.to_type, link.to_id) };
  await appendHistory(trx, { recordType: link.from_type, recordId: link.from_id, kind: 'unlinked', actorId: principal.userId, at: now, data });
  await appendHistory(trx, { recordType: link.to_type, recordId: link.to_id, kind: 'unlinked', actorId: principal.userId, at: now, data });
}

export async function listLinks(db: Executor, recordId: string): Promise<LinkView[]> {
  const rows = await db.selectFrom('record_links').selectAll()
    .where((eb) => eb.or([eb('from_id', '=', recordId), eb('to_id', '=', recordId)]))
    .orderBy('created_at').execute();
  return rows.map((r) => {
    const outgoing = r.from_id === recordId;
    const type = linkTypes.find((l) => l.id === r.link_type);
    return {
      id: r.id,
      linkType: r.link_type as LinkType,
      label: (outgoing ? type?.label : type?.inverse) ?? r.link_type,
      direction: outgoing ? 'outgoing' : 'incoming',
      other: outgoing ? { type: r.to_type, id: r.to_id } : { type: r.from_type, id: r.from_id },
      createdAt: new Date(r.created_at).toISOString(),
      createdBy: r.created_by,
    };
  });
}
