import { describe, expect, it } from 'vitest';
import type { RecordType } from '../shared/types';
import { editableFields, integerText, withPerson } from './fields';

const incident = {
  fields: [
    { name: 'shortDescription', kind: 'text' },
    { name: 'priority', kind: 'enum', readOnly: true },
    { name: 'resolutionNotes', kind: 'longText', transitionOnly: true },
    { name: 'pirSummary', kind: 'longText', notOnCreate: true },
  ],
} as unknown as RecordType;

describe('the fields a form offers', () => {
  it('leaves out what is given only once the record exists when creating, and keeps it when editing', () => {
    expect(editableFields(incident, true).map((f) => f.name)).toEqual(['shortDescription']);
    expect(editableFields(incident).map((f) => f.name)).toEqual(['shortDescription', 'pirSummary']);
  });
});

describe('an integer field as read', () => {
  it('reads a count of minutes as hours and minutes, and other integers as numbers', () => {
    expect(integerText({ unit: 'minutes' }, 2400)).toBe('40h');
    expect(integerText({ unit: 'minutes' }, 150)).toBe('2h 30m');
    expect(integerText({ unit: null }, 2400)).toBe('2,400');
  });
});

describe('a person picker\'s choices', () => {
  const people = [{ value: 'u1', label: 'Ada Lovelace (you)' }, { value: 'u2', label: 'Grace Hopper' }];
  const personName = (id: string) => (id === 'u9' ? 'Alan Turing' : `User …${id}`);

  it('keeps the current person choosable by name when the directory does not list them', () => {
    expect(withPerson(people, 'u9', personName)).toEqual([...people, { value: 'u9', label: 'Alan Turing' }]);
  });

  it('adds nobody when the person is listed or the field is empty', () => {
    expect(withPerson(people, 'u2', personName)).toBe(people);
    expect(withPerson(people, '', personName)).toBe(people);
  });
});
