import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requirePrincipal } from '../platform/auth/access.plugin.js';
import { AppError } from '../platform/http/app-error.js';
import { Problem } from '../platform/http/problem.schemas.js';
import { linkTypes } from './links/link-types.js';
import { findRecord } from './records/record-row.js';
import { verifyIntegrity } from './integrity/integrity-verify.js';
import { IntegrityReport } from './integrity/integrity.schemas.js';
import type { RecordTypeRegistry } from './records/record-registry.js';
import { inReadScope, permissionsOf, type FieldKind } from './records/record-type.js';
import type { MenuEntry } from './module.js';
import type { FieldLookup } from './records/field-lookup.js';

// Every field kind, so the document names them (the web's generated types read them as a union);
// `satisfies` keeps the list exactly FieldKind.
const fieldKinds = Object.keys({ text: 0, longText: 0, enum: 0, date: 0, instant: 0, integer: 0, boolean: 0, user: 0, reference: 0, json: 0 } satisfies Record<FieldKind, 0>) as FieldKind[];

const FieldMeta = Type.Object({
  name: Type.String(), kind: Type.Enum(fieldKinds), label: Type.String(), required: Type.Boolean(), help: Type.Union([Type.String(), Type.Null()]),
  maxLength: Type.Union([Type.Integer(), Type.Null()]), options: Type.Array(Type.Object({ value: Type.String(), label: Type.String() })),
  filterable: Type.Boolean(), sortable: Type.Boolean(), transitionOnly: Type.Boolean(), readOnly: Type.Boolean(),
  notOnCreate: Type.Boolean({ description: 'Given once the record exists, never in the create form' }),
  emptyLabel: Type.Union([Type.String(), Type.Null()], { description: 'What an empty value stands for, shown in an empty field' }),
  unit: Type.Union([Type.Literal('minutes'), Type.Null()], { description: 'An integer counting minutes: read it as hours and minutes' }),
  target: Type.Union([Type.Object({ type: Type.String(), plural: Type.String(), prefix: Type.String(), label: Type.String(), titleField: Type.String() }), Type.Null()], { description: 'For a reference field: the record type it names' }),
  targetStates: Type.Union([Type.Array(Type.String()), Type.Null()], { description: 'For a reference field: the states a newly chosen record must be in (null: any)' }),
  lookup: Type.Union([Type.Object({
    id: Type.String(), label: Type.String(),
    listPath: Type.String({ description: 'GET it (with ?limit=) for { items: { id, name }[] }: what may be chosen' }),
    pagePath: Type.Union([Type.String(), Type.Null()], { description: 'The web page of one, :id standing for its id' }),
  }), Type.Null()], { description: 'For a text field holding the id of something that is not a record (a business calendar): show its name from referenceTitles, choose it from listPath' }),
});

const RecordTypeMeta = Type.Object({
  type: Type.String(), plural: Type.String(), prefix: Type.String(), label: Type.String(), labelPlural: Type.String(), clause: Type.String(),
  titleField: Type.String(), listFields: Type.Array(Type.String()), fields: Type.Array(FieldMeta),
  states: Type.Array(Type.Object({ id: Type.String(), label: Type.String(), category: Type.Union([Type.Literal('open'), Type.Literal('done')]) })),
  transitions: Type.Array(Type.Object({ from: Type.Array(Type.String()), to: Type.String(), label: Type.String(), roles: Type.Array(Type.String()), requires: Type.Array(Type.String()) })),
  initialState: Type.String(),
  permissions: Type.Object({ read: Type.Boolean(), create: Type.Boolean(), update: Type.Boolean(), comment: Type.Boolean(), transition: Type.Boolean() }),
});

function lookupMeta(lookup: FieldLookup | undefined) {
  return lookup ? { id: lookup.id, label: lookup.label, listPath: lookup.listPath, pagePath: lookup.pagePath } : null;
}

const Page = Type.Object({ label: Type.String(), path: Type.String(), group: Type.String(), description: Type.Union([Type.String(), Type.Null()]) });

/** Metadata that lets a client render any record type and the modules' pages, reference look-up and integrity check. */
export function kernelRoutes(registry: RecordTypeRegistry, pages: MenuEntry[] = []) {
  return async function routes(base: FastifyInstance): Promise<void> {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    const { database, database: { db }, permissions } = app.certus;
    const tags = ['Records'];

    app.get('/api/record-types', {
      config: { access: 'authenticated' },
      schema: { operationId: 'list-record-types', tags, summary: 'Every record type: fields, states, transitions and what you may do', response: { 200: Type.Object({ items: Type.Array(RecordTypeMeta), linkTypes: Type.Array(Type.Object({ id: Type.String(), label: Type.String(), inverse: Type.String() })), pages: Type.Array(Page, { description: 'The modules\' pages this person may open, for the navigation' }) }) } },
    }, async (request) => {
      const principal = requirePrincipal(request);
      return {
        linkTypes: linkTypes.map((l) => ({ ...l })),
        pages: pages.filter((p) => permissions.allows(principal.roles, p.permission)).map((p) => ({ label: p.label, path: p.path, group: p.group, description: p.description ?? null })),
        items: registry.all().map((def) => {
          const p = permissionsOf(def);
          return {
            type: def.type, plural: def.plural, prefix: def.prefix, label: def.label, labelPlural: def.labelPlural, clause: def.clause,
            titleField: def.titleField, listFields: def.listFields, initialState: def.workflow.initial,
            fields: Object.entries(def.fields).map(([name, f]) => ({
              name, kind: f.kind, label: f.label, required: f.required ?? false, help: f.help ?? null, maxLength: f.maxLength ?? null,
              options: f.options ?? [], filterable: f.filterable ?? false, sortable: f.sortable ?? false, transitionOnly: f.transitionOnly ?? false, readOnly: f.readOnly ?? false,
              notOnCreate: f.notOnCreate ?? false, emptyLabel: f.emptyLabel ?? null, unit: f.unit ?? null,
              target: f.target ? { type: f.target.type, plural: f.target.plural, prefix: f.target.prefix, label: f.target.label, titleField: f.target.titleField } : null,
              targetStates: f.targetStates ?? null,
              lookup: lookupMeta(registry.lookupOf(f)),
            })),
            states: def.workflow.states.map((s) => ({ ...s })),
            transitions: def.workflow.transitions.map((t) => ({ from: t.from, to: t.to, label: t.label, roles: t.roles, requires: t.requires ?? [] })),
            permissions: { read: permissions.allows(principal.roles, p.read), create: permissions.allows(principal.roles, p.create), update: permissions.allows(principal.roles, p.update), comment: permissions.allows(principal.roles, p.comment), transition: permissions.allows(principal.roles, p.transition) },
          };
        }),
      };
    });

    app.get('/api/references/:reference', {
      config: { access: 'authenticated' },
      schema: {
        operationId: 'resolve-reference', tags, summary: 'Find the record behind a reference such as IMP-000012',
        params: Type.Object({ reference: Type.String({ pattern: '^[A-Za-z]{2,6}-\\d{1,12}$' }) }),
        response: { 200: Type.Object({ type: Type.String(), plural: Type.String(), id: Type.String(), reference: Type.String(), title: Type.String(), status: Type.String() }), 403: Problem, 404: Problem },
      },
    }, async (request) => {
      const principal = requirePrincipal(request);
      const def = registry.typeOfReference(request.params.reference);
      if (!def) throw AppError.notFound(`Record ${request.params.reference}`);
      if (!permissions.allows(principal.roles, permissionsOf(def).read)) throw new AppError('forbidden', `You cannot read ${def.labelPlural.toLowerCase()}.`);
      const row = await findRecord(db, def, request.params.reference);
      if (!row || !inReadScope(def, principal, row)) throw AppError.notFound(`Record ${request.params.reference}`);
      return { type: def.type, plural: def.plural, id: row.id, reference: row.reference, title: String(row[def.titleField] ?? ''), status: row.status };
    });

    app.get('/api/integrity', {
      config: { access: 'integrity:read' },
      schema: {
        operationId: 'verify-history', tags, summary: 'Re-walk every record\'s hash chain, comment and file, and check them against the latest checkpoint',
        response: { 200: IntegrityReport },
      },
    }, async () => verifyIntegrity(database, registry));
  };
}
