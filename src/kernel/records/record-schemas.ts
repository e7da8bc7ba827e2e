import { Type, type TSchema } from 'typebox';
import { uuidPattern } from '../../platform/db/ids.js';
import type { FieldDefinition, RecordTypeDefinition } from './record-type.js';

export const Uuid = Type.String({ pattern: uuidPattern, description: 'UUIDv7' });
export const IsoInstant = Type.String({ format: 'date-time', description: 'ISO 8601 instant, UTC' });
export const CalendarDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', format: 'date', description: 'Calendar date YYYY-MM-DD' });

/** What the `integer` column type holds on both databases (PostgreSQL's 4-byte integer). */
export const integerColumnRange = { minimum: -2_147_483_648, maximum: 2_147_483_647 };

export const kernelFieldNames = ['id', 'reference', 'type', 'status', 'statusLabel', 'ownerId', 'createdBy', 'createdAt', 'updatedBy', 'updatedAt', 'version', 'allowedTransitions'];

export function fieldSchema(field: FieldDefinition): TSchema {
  const description = field.help ?? field.label;
  switch (field.kind) {
    case 'text':
      return Type.String({ minLength: field.required ? 1 : 0, maxLength: field.maxLength ?? 200, description, title: field.label });
    case 'longText':
      return Type.String({ minLength: field.required ? 1 : 0, maxLength: field.maxLength ?? 20000, description, title: field.label });
    case 'enum':
      return Type.Union((field.options ?? []).map((o) => Type.Literal(o.value)), { description, title: field.label });
    case 'date':
      return Type.String({ ...CalendarDate, description, title: field.label });
    case 'instant':
      return Type.String({ ...IsoInstant, description, title: field.label });
    case 'integer':
      // Integer fields are 32-bit columns on PostgreSQL; a larger number is refused here, not there.
      return Type.Integer({ minimum: field.minimum ?? integerColumnRange.minimum, maximum: field.maximum ?? integerColumnRange.maximum, description, title: field.label });
    case 'boolean':
      return Type.Boolean({ description, title: field.label });
    case 'user':
      return Type.String({ pattern: uuidPattern, description, title: field.label });
    case 'reference':
      if (!field.target) throw new Error(`reference field ${field.label} has no target`);
      // The form is checked with the record's existence, so the reason can name the type wanted.
      return Type.String({ minLength: 1, maxLength: 20, description: `${description} (a ${field.target.label} reference such as ${field.target.prefix}-000001)`, title: field.label });
    case 'json':
      if (!field.schema) throw new Error(`json field ${field.label} has no schema`);
      return field.schema;
  }
}

function nullable(schema: TSchema): TSchema {
  return Type.Union([schema, Type.Null()]);
}

const TransitionOption = Type.Object({
  to: Type.String(),
  label: Type.String(),
  requires: Type.Array(Type.String()),
  permitted: Type.Boolean({ description: 'Whether the signed-in user holds a role that may make it' }),
});

export function recordSchemas(def: RecordTypeDefinition) {
  const entries = Object.entries(def.fields);
  const output: Record<string, TSchema> = {};
  const create: Record<string, TSchema> = {};
  const update: Record<string, TSchema> = {};
  const transitionFields: Record<string, TSchema> = {};
  for (const [key, field] of entries) {
    output[key] = nullable(fieldSchema(field));
    if (field.readOnly) continue;
    transitionFields[key] = Type.Optional(nullable(fieldSchema(field)));
    if (field.transitionOnly) continue;
    if (!field.notOnCreate) create[key] = field.required ? fieldSchema(field) : Type.Optional(nullable(fieldSchema(field)));
    update[key] = Type.Optional(field.required ? fieldSchema(field) : nullable(fieldSchema(field)));
  }
  // A lookup field (a business calendar's id) is named too, when its lookup is registered.
  const references = entries.filter(([, field]) => field.kind === 'reference' || field.lookup !== undefined);
  const titles: Record<string, TSchema> = references.length === 0 ? {} : {
    referenceTitles: Type.Optional(Type.Object(Object.fromEntries(references.map(([key, field]) => [key, Type.Optional(Type.String({ description: `Name of the ${field.target?.label ?? field.lookup ?? 'record'} named by ${field.label}` }))])), {
      description: 'The name of each record a reference field names, and of what a lookup field names by id (a calendar), where you may read it: shown beside its reference, or instead of the id',
    })),
  };
  const record = Type.Object({
    id: Uuid,
    reference: Type.String({ examples: [`${def.prefix}-000001`] }),
    type: Type.Literal(def.type),
    status: Type.String(),
    statusLabel: Type.String(),
    ownerId: Type.Union([Uuid, Type.Null()]),
    createdBy: Uuid,
    createdAt: IsoInstant,
    updatedBy: Uuid,
    updatedAt: IsoInstant,
    version: Type.Integer(),
    ...output,
    ...titles,
  }, { title: def.label });
  return {
    record,
    detail: Type.Object({ ...record.properties, allowedTransitions: Type.Array(TransitionOption) }, { title: `${def.label} with its allowed transitions` }),
    create: Type.Object({ ownerId: Type.Optional(Type.Union([Uuid, Type.Null()])), ...create }, { additionalProperties: false, title: `New ${def.label.toLowerCase()}` }),
    update: Type.Object({ ownerId: Type.Optional(Type.Union([Uuid, Type.Null()])), ...update }, { additionalProperties: false, minProperties: 1, title: `Changes to a ${def.label.toLowerCase()}` }),
    transition: Type.Object({
      to: Type.String({ minLength: 1, description: 'The state to move to' }),
      fields: Type.Optional(Type.Object(transitionFields, { additionalProperties: false })),
    }, { additionalProperties: false }),
  };
}
