import { describe, expect, it } from 'vitest';
import type { RecordType } from '../shared/types';
import { groupRecordTypes } from './navigation';

function recordType(type: string, clause: string, read = true): RecordType {
  return {
    type,
    plural: `${type}s`,
    prefix: type.slice(0, 3).toUpperCase(),
    label: type,
    labelPlural: `${type}s`,
    clause,
    titleField: 'title',
    listFields: [],
    initialState: 'new',
    fields: [],
    states: [],
    transitions: [],
    permissions: { read, create: read, update: read, comment: read, transition: read },
  };
}

describe('groupRecordTypes', () => {
  it('places each type under its clause in the order of the standard', () => {
    const groups = groupRecordTypes([
      recordType('improvement', '10.2'),
      recordType('incident', '8.6.1'),
      recordType('risk', '6.1'),
      recordType('audit', '9.2'),
      recordType('change', '8.5.1'),
      recordType('sla', '8.3.3'),
    ]);
    expect(groups.map((g) => [g.group.id, g.types.map((t) => t.type)])).toEqual([
      ['context', ['risk']],
      ['relationship', ['sla']],
      ['design', ['change']],
      ['resolution', ['incident']],
      ['evaluation', ['audit']],
      ['improvement', ['improvement']],
    ]);
  });

  it('shows a record list a module places itself once, in the module\'s section', () => {
    const listPage = { label: 'Assessments', path: '/records/assessments', group: 'compliance', description: null };
    const groups = groupRecordTypes([recordType('assessment', '9.2'), recordType('improvement', '10.2')], [listPage]);
    expect(groups.map((g) => [g.group.id, g.types.map((t) => t.type), g.pages.map((p) => p.label)])).toEqual([
      ['improvement', ['improvement'], []],
      ['compliance', [], ['Assessments']],
    ]);
  });

  it('hides types the person may not read', () => {
    expect(groupRecordTypes([recordType('incident', '8.6.1', false)])).toEqual([]);
  });

  it('sorts by clause numerically within a group', () => {
    const [group] = groupRecordTypes([recordType('b', '8.7.10'), recordType('a', '8.7.2')]);
    expect(group?.types.map((t) => t.clause)).toEqual(['8.7.2', '8.7.10']);
  });

  it('does not mistake clause 10 for clause 1', () => {
    const [group] = groupRecordTypes([recordType('nonconformity', '10.1')]);
    expect(group?.group.id).toBe('improvement');
  });

  it('places the modules\' pages in the section they name, after its record lists, and leaves the top ones out', () => {
    const page = (label: string, group: string) => ({ label, path: `/${label}`, group, description: null });
    const groups = groupRecordTypes([recordType('incident', '8.6.1')], [page('kpis', 'resolution'), page('calendars', 'relationship'), page('queue', 'work'), page('readiness', 'compliance')]);
    expect(groups.map((g) => [g.group.id, g.types.map((t) => t.type), g.pages.map((p) => p.label)])).toEqual([
      ['relationship', [], ['calendars']],
      ['resolution', ['incident'], ['kpis']],
      ['compliance', [], ['readiness']],
    ]);
  });

  it('puts types without a clause number under compliance', () => {
    const [group] = groupRecordTypes([recordType('requirement', 'compliance')]);
    expect(group?.group.id).toBe('compliance');
  });
});
