import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type TSchema } from 'typebox';
import { requirePrincipal } from '../../platform/auth/access.plugin.js';
import { expectedVersion, IfMatchHeaders, setEtag } from '../../platform/http/concurrency.js';
import { sendCsv } from '../../platform/http/csv.js';
import { Problem } from '../../platform/http/problem.schemas.js';
import { listRecords, type ListQuery } from './record-list.js';
import { viewOf, type RecordRow } from './record-row.js';
import { createRecord, detailOfView, getRecord, transitionRecord, updateRecord, type RecordInput } from './record.service.js';
import { fieldSchema, recordSchemas } from './record-schemas.js';
import { namedFields, withReferenceTitles } from './reference-titles.js';
import type { RecordTypeRegistry } from './record-registry.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { RecordView } from './record-row.js';
import { permissionsOf, type RecordTypeDefinition } from './record-type.js';

export const RecordKey = Type.Object({
  key: Type.String({ pattern: '^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[A-Za-z]{2,6}-\\d{1,12})$', description: 'Record id (UUID) or reference such as IMP-000012' }),
});

function listQuerySchema(def: RecordTypeDefinition) {
  const filters: Record<string, TSchema> = {};
  for (const [name, field] of Object.entries(def.fields)) {
    if (!field.filterable) continue;
    if (field.kind === 'date' || field.kind === 'instant') {
      filters[`${name}From`] = Type.Optional(field.kind === 'date' ? fieldSchema(field) : Type.String({ description: `${field.label} from (ISO date or date-time)` }));
      filters[`${name}To`] = Type.Optional(field.kind === 'date' ? fieldSchema(field) : Type.String({ description: `${field.label} to (ISO date or date-time)` }));
      continue;
    }
    filters[name] = Type.Optional(field.kind === 'boolean'
      ? Type.Union([Type.Literal('true'), Type.Literal('false')], { description: field.label })
      : Type.String({ description: field.kind === 'enum' ? `${field.label}: one or more of ${(field.options ?? []).map((o) => o.value).join(', ')}, comma-separated` : field.label }));
  }
  return Type.Object({
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 2000 })),
    sort: Type.Optional(Type.String({ maxLength: 60, description: 'Field to sort by; prefix with - for descending. Default -createdAt' })),
    q: Type.Optional(Type.String({ maxLength: 200, description: 'Free text over the reference and text fields' })),
    status: Type.Optional(Type.String({ description: 'Comma-separated states; open / done stand for every state of that category unless the type has a state of that name' })),
    category: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('done')], { description: 'Only states of this category: open work, or finished' })),
    owner: Type.Optional(Type.String({ pattern: '^(me|none|[0-9a-f-]{36})$', description: 'me, none or a user id' })),
    createdFrom: Type.Optional(Type.String({ description: 'ISO date or date-time' })),
    createdTo: Type.Optional(Type.String({ description: 'ISO date or date-time' })),
    count: Type.Optional(Type.Boolean({ description: 'Also return the total number of matching records' })),
    format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])),
    ...filters,
  }, { additionalProperties: false });
}

const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };

/**
 * The standard endpoints of a record type: list (JSON and CSV), create, read, edit, transition.
 * The registry gives the lookups its fields name (a business calendar's name for its id).
 */
export function recordRoutes(def: RecordTypeDefinition, registry: Pick<RecordTypeRegistry, 'lookupOf'>) {
  return async function routes(base: FastifyInstance): Promise<void> {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    const { db } = app.certus.database;
    const permission = permissionsOf(def);
    const schemas = recordSchemas(def);
    const tags = [def.labelPlural];
    const path = `/api/${def.plural}`;
    // Each reference or lookup column is followed by the name of what it names (serviceName, calendarIdName).
    const references = new Set(namedFields(def, (field) => registry.lookupOf(field)));
    const column = (name: string) => ({ header: name, value: (v: RecordView) => v[name] ?? '' });
    const csvColumns = [
      ...['reference', 'status'].map(column),
      ...Object.keys(def.fields).flatMap((name) => (references.has(name)
        ? [column(name), { header: `${name}Name`, value: (v: RecordView) => v.referenceTitles?.[name] ?? '' }]
        : [column(name)])),
      ...['ownerId', 'createdAt', 'updatedAt'].map(column),
    ];
    const named = (principal: Principal, views: RecordView[]) => withReferenceTitles(db, def, principal, {
      allows: (permission) => app.certus.permissions.allows(principal.roles, permission),
      lookupOf: (field) => registry.lookupOf(field),
      readPermission: (target) => permissionsOf(target).read,
    }, views);
    const namedOne = async (principal: Principal, view: RecordView) => (await named(principal, [view]))[0]!;

    app.get(path, {
      config: { access: permission.read },
      schema: {
        operationId: `list-${def.plural}`, tags, summary: `List ${def.labelPlural.toLowerCase()}`,
        querystring: listQuerySchema(def),
        response: { 200: Type.Object({ items: Type.Array(schemas.record), nextCursor: Type.Union([Type.String(), Type.Null()]), total: Type.Union([Type.Integer(), Type.Null()]) }), ...problems },
      },
    }, async (request, reply) => {
      const principal = requirePrincipal(request);
      const query = request.query as ListQuery & { format?: string; count?: boolean };
      if (query.format === 'csv' || request.headers.accept === 'text/csv') {
        async function* pages() {
          let cursor: string | undefined;
          do {
            const page = await listRecords(db, def, principal, { ...query, cursor, limit: 1000 });
            const views = await named(principal, page.rows.map((row: RecordRow) => viewOf(def, row)));
            yield views.map((v) => csvColumns.map((c) => c.value(v)));
            cursor = page.nextCursor ?? undefined;
          } while (cursor);
        }
        return sendCsv(reply, `${def.plural}.csv`, csvColumns.map((c) => c.header), pages());
      }
      const page = await listRecords(db, def, principal, query, query.count === true);
      return { items: await named(principal, page.rows.map((row) => viewOf(def, row))), nextCursor: page.nextCursor, total: page.total };
    });

    app.post(path, {
      config: { access: permission.create },
      schema: { operationId: `create-${def.type}`, tags, summary: `Create a ${def.label.toLowerCase()}`, body: schemas.create, response: { 201: schemas.detail, ...problems } },
    }, async (request, reply) => {
      const principal = requirePrincipal(request);
      const created = await db.transaction().execute((trx) => createRecord(trx, def, principal, request.body as RecordInput));
      setEtag(reply, created.version);
      reply.header('location', `${path}/${created.id}`);
      return reply.status(201).send(detailOfView(def, await namedOne(principal, created), principal));
    });

    app.get(`${path}/:key`, {
      config: { access: permission.read },
      schema: { operationId: `get-${def.type}`, tags, summary: `Read a ${def.label.toLowerCase()}`, params: RecordKey, response: { 200: schemas.detail, ...problems } },
    }, async (request, reply) => {
      const principal = requirePrincipal(request);
      const row = await getRecord(db, def, request.params.key, principal);
      setEtag(reply, row.version);
      return detailOfView(def, await namedOne(principal, viewOf(def, row)), principal);
    });

    app.patch(`${path}/:key`, {
      config: { access: permission.update },
      schema: { operationId: `update-${def.type}`, tags, summary: `Change a ${def.label.toLowerCase()}`, params: RecordKey, headers: IfMatchHeaders, body: schemas.update, response: { 200: schemas.detail, ...problems, 409: Problem, 412: Problem, 428: Problem } },
    }, async (request, reply) => {
      const principal = requirePrincipal(request);
      const version = expectedVersion(request);
      const updated = await db.transaction().execute((trx) => updateRecord(trx, def, principal, request.params.key, version, request.body as RecordInput));
      setEtag(reply, updated.version);
      return detailOfView(def, await namedOne(principal, updated), principal);
    });

    app.post(`${path}/:key/transitions`, {
      config: { access: permission.transition },
      schema: { operationId: `transition-${def.type}`, tags, summary: `Move a ${def.label.toLowerCase()} to another state`, params: RecordKey, headers: IfMatchHeaders, body: schemas.transition, response: { 200: schemas.detail, ...problems, 409: Problem, 412: Problem, 428: Problem } },
    }, async (request, reply) => {
      const principal = requirePrincipal(request);
      const version = expectedVersion(request);
      const { to, fields } = request.body as { to: string; fields?: Record<string, unknown> };
      const updated = await db.transaction().execute((trx) => transitionRecord(trx, def, principal, request.params.key, version, to, fields));
      setEtag(reply, updated.version);
      return detailOfView(def, await namedOne(principal, updated), principal);
    });
  };
}
