import { describe, expect, it } from 'vitest';
import type { RecordType } from '../shared/types';
import { editableFields } from './fields';

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
