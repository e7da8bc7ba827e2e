import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { MultipartFile } from '@fastify/multipart';
import { Type } from 'typebox';
import { requirePrincipal } from '../../platform/auth/access.plugin.js';
import { AppError } from '../../platform/http/app-error.js';
import { attachmentDisposition } from '../../platform/http/content-disposition.js';
import { Problem } from '../../platform/http/problem.schemas.js';
import { addComment, listComments } from '../comments/comments.service.js';
import { attachFile, listAttachments, readAttachment, removeAttachment } from '../attachments/attachments.service.js';
import { listHistory, type HistoryKind } from '../history/history.service.js';
import { linkTypeIds, type LinkType } from '../links/link-types.js';
import { addLink, listLinks, removeLink } from '../links/links.service.js';
import { assertEvidenceOpen } from './frozen-evidence.js';
import { findRecord } from './record-row.js';
import type { RecordTypeRegistry } from './record-registry.js';
import { getRecord } from './record.service.js';
import { IsoInstant, Uuid } from './record-schemas.js';
import { RecordKey } from './record.routes.js';
import { inReadScope, permissionsOf, type RecordTypeDefinition } from './record-type.js';
import { isRequesterOnly } from '../../platform/auth/principal.js';

const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };

// Every history kind, so the document names them; `satisfies` keeps the list exactly HistoryKind.
const historyKinds = Object.keys({ created: 0, updated: 0, transitioned: 0, commented: 0, linked: 0, unlinked: 0, attached: 0, detached: 0 } satisfies Record<HistoryKind, 0>) as HistoryKind[];

const HistoryEntry = Type.Object({
  seq: Type.Integer(), kind: Type.Enum(historyKinds), actorId: Type.Union([Uuid, Type.Null()]), actorName: Type.Union([Type.String(), Type.Null()]),
  at: IsoInstant, data: Type.Record(Type.String(), Type.Unknown()), hash: Type.String(),
});
const Comment = Type.Object({ id: Uuid, visibility: Type.Union([Type.Literal('internal'), Type.Literal('public')]), body: Type.String(), authorId: Uuid, authorName: Type.String(), createdAt: IsoInstant });
const Link = Type.Object({
  id: Uuid, linkType: Type.String(), label: Type.String(), direction: Type.Union([Type.Literal('outgoing'), Type.Literal('incoming')]),
  other: Type.Object({ type: Type.String(), id: Uuid, reference: Type.String(), title: Type.String(), status: Type.String() }),
  createdAt: IsoInstant, createdBy: Uuid,
});
const Attachment = Type.Object({ id: Uuid, filename: Type.String(), contentType: Type.String(), size: Type.Integer(), sha256: Type.String(), createdBy: Uuid, createdAt: IsoInstant });

/** History, comments, links and attachments of one record type's records. */
export function recordActivityRoutes(def: RecordTypeDefinition, registry: RecordTypeRegistry) {
  return async function routes(base: FastifyInstance): Promise<void> {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    const { db } = app.certus.database;
    const { permissions, config } = app.certus;
    const permission = permissionsOf(def);
    const tags = [def.labelPlural];
    const path = `/api/${def.plural}/:key`;

    app.get(`${path}/history`, {
      config: { access: permission.read },
      schema: { operationId: `history-${def.type}`, tags, summary: 'The record\'s append-only history', params: RecordKey, response: { 200: Type.Object({ items: Type.Array(HistoryEntry) }), ...problems } },
    }, async (request) => {
      const row = await getRecord(db, def, request.params.key, requirePrincipal(request));
      const entries = await listHistory(db, row.id);
      const actorIds = [...new Set(entries.map((e) => e.actorId).filter((a): a is string => a !== null))];
      const names = new Map((actorIds.length ? await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', actorIds).execute() : []).map((u) => [u.id, u.display_name]));
      return { items: entries.map((e) => ({ ...e, at: new Date(e.at).toISOString(), actorName: e.actorId ? names.get(e.actorId) ?? null : null })) };
    });

    app.get(`${path}/comments`, {
      config: { access: permission.read },
      schema: { operationId: `comments-${def.type}`, tags, summary: 'Comments and work notes', params: RecordKey, response: { 200: Type.Object({ items: Type.Array(Comment) }), ...problems } },
    }, async (request) => {
      const row = await getRecord(db, def, request.params.key, requirePrincipal(request));
      const principal = requirePrincipal(request);
      return { items: await listComments(db, row.id, !isRequesterOnly(principal)) };
    });

    app.post(`${path}/comments`, {
      config: { access: permission.comment },
      schema: {
        operationId: `comment-${def.type}`, tags, summary: 'Add a comment (public) or work note (internal)', params: RecordKey,
        body: Type.Object({ body: Type.String({ minLength: 1, maxLength: 20000 }), visibility: Type.Optional(Type.Union([Type.Literal('internal'), Type.Literal('public')], { description: 'internal (staff only) by default for staff; requesters write public comments only' })) }, { additionalProperties: false }),
        response: { 201: Comment, ...problems, 409: Problem },
      },
    }, async (request, reply) => {
      const principal = requirePrincipal(request);
      if (request.body.body.trim() === '') throw AppError.validation('body', 'cannot be blank');
      // Requesters write to the people handling their ticket; internal notes are the staff's.
      const visibility = request.body.visibility ?? (isRequesterOnly(principal) ? 'public' : 'internal');
      if (visibility === 'internal' && isRequesterOnly(principal)) throw new AppError('forbidden', 'Requesters write public comments; internal work notes are for staff.');
      const comment = await db.transaction().execute(async (trx) => {
        const row = await getRecord(trx, def, request.params.key, requirePrincipal(request));
        assertEvidenceOpen(def, row, 'add a comment to');
        return addComment(trx, def.type, row.id, principal, visibility, request.body.body);
      });
      return reply.status(201).send(comment);
    });

    app.get(`${path}/links`, {
      config: { access: permission.read },
      schema: { operationId: `links-${def.type}`, tags, summary: 'Links to other records', params: RecordKey, response: { 200: Type.Object({ items: Type.Array(Link) }), ...problems } },
    }, async (request) => {
      const row = await getRecord(db, def, request.params.key, requirePrincipal(request));
      const links = await listLinks(db, row.id);
      const items = [];
      for (const link of links) {
        const otherDef = registry.get(link.other.type);
        const other = otherDef ? await findRecord(db, otherDef, link.other.id) : undefined;
        if (!otherDef || !other || !inReadScope(otherDef, requirePrincipal(request), other)) continue;
        items.push({ ...link, other: { ...link.other, reference: other.reference, title: String(other[otherDef.titleField] ?? ''), status: other.status } });
      }
      return { items };
    });

    app.post(`${path}/links`, {
      config: { access: permission.update },
      schema: {
        operationId: `link-${def.type}`, tags, summary: 'Link this record to another', params: RecordKey,
        body: Type.Object({ linkType: Type.Union(linkTypeIds.map((l) => Type.Literal(l))), target: Type.String({ minLength: 3, maxLength: 40, description: 'Reference of the other record, e.g. INC-000123' }) }, { additionalProperties: false }),
        response: { 201: Type.Object({ id: Uuid }), ...problems, 409: Problem },
      },
    }, async (request, reply) => {
      const principal = requirePrincipal(request);
      const targetDef = registry.typeOfReference(request.body.target);
      if (!targetDef) throw AppError.validation('target', `"${request.body.target}" is not a reference Certus knows`);
      if (!permissions.allows(principal.roles, permissionsOf(targetDef).read)) throw new AppError('forbidden', `You cannot read ${targetDef.labelPlural.toLowerCase()}, so you cannot link to one.`);
      const id = await db.transaction().execute(async (trx) => {
        const from = await getRecord(trx, def, request.params.key, requirePrincipal(request));
        const to = await findRecord(trx, targetDef, request.body.target);
        if (!to || !inReadScope(targetDef, principal, to)) throw AppError.validation('target', `${request.body.target} does not exist`);
        return addLink(trx, { type: def.type, id: from.id, reference: from.reference }, request.body.linkType as LinkType, { type: targetDef.type, id: to.id, reference: to.reference }, principal);
      });
      return reply.status(201).send({ id });
    });

    app.delete(`${path}/links/:linkId`, {
      config: { access: permission.update },
      schema: { operationId: `unlink-${def.type}`, tags, summary: 'Remove a link', params: Type.Object({ ...RecordKey.properties, linkId: Uuid }), response: { 204: Type.Null(), ...problems } },
    }, async (request, reply) => {
      const principal = requirePrincipal(request);
      await db.transaction().execute(async (trx) => {
        const row = await getRecord(trx, def, request.params.key, requirePrincipal(request));
        const referenceOf = async (type: string, id: string) => {
          const d = registry.get(type);
          return (d ? (await findRecord(trx, d, id))?.reference : undefined) ?? id;
        };
        await removeLink(trx, row.id, request.params.linkId, referenceOf, principal);
      });
      return reply.status(204).send(null);
    });

    app.get(`${path}/attachments`, {
      config: { access: permission.read },
      schema: { operationId: `attachments-${def.type}`, tags, summary: 'Attached files', params: RecordKey, response: { 200: Type.Object({ items: Type.Array(Attachment) }), ...problems } },
    }, async (request) => {
      const row = await getRecord(db, def, request.params.key, requirePrincipal(request));
      return { items: await listAttachments(db, row.id) };
    });

    app.post(`${path}/attachments`, {
      config: { access: permission.update },
      schema: { operationId: `attach-${def.type}`, tags, summary: 'Attach a file (multipart/form-data, field "file")', params: RecordKey, consumes: ['multipart/form-data'], response: { 201: Attachment, ...problems, 409: Problem, 413: Problem, 415: Problem } },
    }, async (request, reply) => {
      const principal = requirePrincipal(request);
      if (!request.isMultipart()) throw new AppError('unsupported-media-type', 'Send the file as multipart/form-data in a field named "file"');
      let file: MultipartFile | undefined;
      try {
        file = await request.file({ limits: { fileSize: config.maxAttachmentBytes, files: 1 } });
      } catch (error) {
        throw AppError.validation('file', error instanceof Error ? error.message : 'could not be read');
      }
      if (!file || file.fieldname !== 'file') throw AppError.validation('file', 'is required (multipart field "file")');
      const content = await file.toBuffer().catch(() => { throw new AppError('payload-too-large', `The file is larger than ${config.maxAttachmentBytes} bytes`, { errors: [{ field: 'file', reason: `exceeds ${config.maxAttachmentBytes} bytes` }] }); });
      const attachment = await db.transaction().execute(async (trx) => {
        const row = await getRecord(trx, def, request.params.key, requirePrincipal(request));
        assertEvidenceOpen(def, row, 'attach a file to');
        return attachFile(trx, def.type, row.id, { filename: file.filename, contentType: file.mimetype, content }, { maxBytes: config.maxAttachmentBytes, allowedTypes: config.attachmentTypes }, principal);
      });
      return reply.status(201).send(attachment);
    });

    app.get(`${path}/attachments/:attachmentId/content`, {
      config: { access: permission.read },
      schema: { operationId: `download-${def.type}-attachment`, tags, summary: 'Download an attached file', params: Type.Object({ ...RecordKey.properties, attachmentId: Uuid }) },
    }, async (request, reply) => {
      const row = await getRecord(db, def, request.params.key, requirePrincipal(request));
      const file = await readAttachment(db, row.id, request.params.attachmentId);
      return reply.type(file.contentType)
        .header('content-disposition', attachmentDisposition(file.filename))
        .header('x-content-type-options', 'nosniff')
        .header('etag', `"${file.sha256}"`)
        .send(file.content);
    });

    app.delete(`${path}/attachments/:attachmentId`, {
      config: { access: permission.update },
      schema: { operationId: `detach-${def.type}`, tags, summary: 'Withdraw an attached file (kept in the history)', params: Type.Object({ ...RecordKey.properties, attachmentId: Uuid }), response: { 204: Type.Null(), ...problems, 409: Problem } },
    }, async (request, reply) => {
      const principal = requirePrincipal(request);
      await db.transaction().execute(async (trx) => {
        const row = await getRecord(trx, def, request.params.key, requirePrincipal(request));
        assertEvidenceOpen(def, row, 'withdraw a file from');
        await removeAttachment(trx, def.type, row.id, request.params.attachmentId, principal);
      });
      return reply.status(204).send(null);
    });
  };
}
