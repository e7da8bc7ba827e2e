import type { Grants } from '../../platform/auth/permissions.js';
import { assertWorkflow } from '../workflow/workflow.js';
import { assertFieldWritePolicy } from './field-writes.js';
import { permissionsOf, type RecordTypeDefinition } from './record-type.js';
import type { FieldLookup } from './field-lookup.js';

const referencePattern = /^([A-Z]{2,6})-(\d{1,12})$/;

function repeatedValue(values: string[]): string | undefined {
  return values.find((v, i) => values.indexOf(v) !== i);
}

/** All record types the running server knows, by type name and by reference prefix. */
export class RecordTypeRegistry {
  private readonly byType = new Map<string, RecordTypeDefinition>();
  private readonly byPrefix = new Map<string, RecordTypeDefinition>();
  private readonly lookups = new Map<string, FieldLookup>();

  /**
   * A lookup fields may name (`lookup: 'calendar'`). A field naming one no module registered
   * stays plain text: a test may assemble the services module without the calendars' module.
   */
  registerLookup(lookup: FieldLookup): void {
    if (this.lookups.has(lookup.id)) throw new Error(`lookup ${lookup.id} registered twice`);
    this.lookups.set(lookup.id, lookup);
  }

  /** The registered lookup a field names, if any. */
  lookupOf(field: { lookup?: string }): FieldLookup | undefined {
    return field.lookup === undefined ? undefined : this.lookups.get(field.lookup);
  }

  register(def: RecordTypeDefinition): void {
    if (!/^[A-Z]{2,6}$/.test(def.prefix)) throw new Error(`${def.type}: prefix ${def.prefix} must be 2–6 capital letters`);
    if (this.byType.has(def.type)) throw new Error(`record type ${def.type} registered twice`);
    if (this.byPrefix.has(def.prefix)) throw new Error(`reference prefix ${def.prefix} registered twice`);
    const names = Object.keys(def.fields);
    if (!names.includes(def.titleField)) throw new Error(`${def.type}: title field ${def.titleField} is not a field`);
    const repeatedState = repeatedValue(def.workflow.states.map((st) => st.id));
    if (repeatedState !== undefined) throw new Error(`${def.type}: state ${repeatedState} declared twice`);
    assertWorkflow(def.type, def.workflow, names);
    const unknownFrozen = def.frozenIn?.states.find((state) => !def.workflow.states.some((st) => st.id === state));
    if (unknownFrozen !== undefined) throw new Error(`${def.type}: evidence frozen in state ${unknownFrozen}, which its workflow does not have`);
    assertFieldWritePolicy(def);
    for (const [name, field] of Object.entries(def.fields)) {
      if (field.kind === 'json' && !field.schema) throw new Error(`${def.type}: json field ${name} needs a schema`);
      const repeated = repeatedValue((field.options ?? []).map((o) => o.value));
      if (repeated !== undefined) throw new Error(`${def.type}: enum field ${name} offers ${repeated} twice`);
      if (field.kind === 'reference' && !field.target) throw new Error(`${def.type}: reference field ${name} needs a target record type`);
      const unknownState = field.targetStates?.find((state) => !field.target?.workflow.states.some((s) => s.id === state));
      if (unknownState !== undefined) throw new Error(`${def.type}: reference field ${name} allows state ${unknownState}, which ${field.target?.type ?? 'its target'} does not have`);
    }
    this.byType.set(def.type, def);
    this.byPrefix.set(def.prefix, def);
  }

  get(type: string): RecordTypeDefinition | undefined {
    return this.byType.get(type);
  }

  all(): RecordTypeDefinition[] {
    return [...this.byType.values()];
  }

  /** The type a human reference such as IMP-000012 belongs to. */
  typeOfReference(reference: string): RecordTypeDefinition | undefined {
    const match = referencePattern.exec(reference.trim().toUpperCase());
    return match ? this.byPrefix.get(match[1]!) : undefined;
  }

  grants(): Grants {
    const grants: Grants = {};
    for (const def of this.byType.values()) {
      const p = permissionsOf(def);
      grants[p.read] = def.access.read;
      grants[p.create] = def.access.create;
      grants[p.update] = def.access.update;
      grants[p.comment] = def.access.comment ?? def.access.update;
      grants[p.transition] = def.access.transition ?? def.access.update;
    }
    return grants;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every record type the server knows, for routes that resolve references. */
    recordTypes: RecordTypeRegistry;
  }
}
