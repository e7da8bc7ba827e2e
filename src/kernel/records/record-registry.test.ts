import { describe, expect, it } from 'vitest';
import { assemble } from '../../certus.js';
import { RecordTypeRegistry } from './record-registry.js';
import type { RecordTypeDefinition } from './record-type.js';

function noteType(overrides: Partial<RecordTypeDefinition> = {}): RecordTypeDefinition {
  return {
    type: 'note', plural: 'notes', table: 'notes', prefix: 'NOTE', label: 'Note', labelPlural: 'Notes', clause: '7.5',
    titleField: 'title', listFields: ['title'],
    workflow: { initial: 'open', states: [{ id: 'open', label: 'Open', category: 'open' }, { id: 'done', label: 'Done', category: 'done' }], transitions: [] },
    access: { read: ['sms-manager'], create: ['sms-manager'], update: ['sms-manager'] },
    fields: { title: { kind: 'text', label: 'Title', required: true }, kind: { kind: 'enum', label: 'Kind', options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }] } },
    ...overrides,
  };
}

describe('the record type registry', () => {
  it('refuses an enum field that offers a value twice, which a page could not show', () => {
    const def = noteType();
    def.fields.kind!.options = [{ value: 'a', label: 'A' }, { value: 'a', label: 'Also A' }];
    expect(() => new RecordTypeRegistry().register(def)).toThrow('enum field kind offers a twice');
  });

  it('refuses a workflow that declares a state twice', () => {
    const def = noteType();
    def.workflow.states.push({ id: 'open', label: 'Open again', category: 'open' });
    expect(() => new RecordTypeRegistry().register(def)).toThrow('state open declared twice');
  });

  it('refuses evidence frozen in a state the workflow does not have', () => {
    const def = noteType({ frozenIn: { states: ['approved'], message: 'Start another.' } });
    expect(() => new RecordTypeRegistry().register(def)).toThrow('evidence frozen in state approved, which its workflow does not have');
  });

  it('holds no repeated option or state in any type Certus registers', () => {
    for (const def of assemble().registry.all()) {
      const states = def.workflow.states.map((s) => s.id);
      expect(new Set(states).size, def.type).toBe(states.length);
      for (const [name, field] of Object.entries(def.fields)) {
        const values = (field.options ?? []).map((o) => o.value);
        expect(new Set(values).size, `${def.type}.${name}`).toBe(values.length);
      }
    }
  });
});
