import { describe, expect, it } from 'vitest';
import type { RecordType } from '../shared/types';
import { apiListQuery, listFilterKeys, nextSort, statusChange, statusOptions, statusSelection } from './list-query';

const improvement = {
  plural: 'improvements',
  fields: [
    { name: 'title', kind: 'text', filterable: false },
    { name: 'priority', kind: 'enum', filterable: true },
    { name: 'targetDate', kind: 'date', filterable: true },
  ],
} as unknown as RecordType;
const improvement2 = { states: [{ id: 'proposed', label: 'Proposed' }] } as unknown as RecordType;

describe('list query', () => {
  it('knows the filter names of a type from its metadata', () => {
    expect(listFilterKeys(improvement)).toEqual(['q', 'status', 'category', 'owner', 'createdFrom', 'createdTo', 'sort', 'priority', 'targetDateFrom', 'targetDateTo']);
  });

  it('passes only known filters from the address to the API, with paging', () => {
    const params = new URLSearchParams('priority=high,low&utm=x&q=sla&targetDateTo=2027-01-01');
    expect(apiListQuery(improvement, params, { limit: '25', cursor: null }).toString()).toBe('q=sla&priority=high%2Clow&targetDateTo=2027-01-01&limit=25');
  });

  it('offers each status choice once, even for a type with states named open and done', () => {
    const task = { states: [{ id: 'open', label: 'To do' }, { id: 'done', label: 'Done' }, { id: 'skipped', label: 'Skipped' }] } as unknown as RecordType;
    const values = statusOptions(task).map((o) => o.value);
    expect(new Set(values).size).toBe(values.length);
    expect(values).toEqual(['category:open', 'category:done', 'open', 'done', 'skipped']);
  });

  it('reads and writes the status choice as a state or a category', () => {
    const task = { states: [{ id: 'open', label: 'To do' }] } as unknown as RecordType;
    expect(statusSelection(task, new URLSearchParams('status=open'))).toBe('open');
    expect(statusSelection(improvement2, new URLSearchParams('status=open'))).toBe('category:open');
    expect(statusSelection(task, new URLSearchParams('category=done'))).toBe('category:done');
    expect(statusChange('category:open')).toEqual({ status: null, category: 'open' });
    expect(statusChange('open')).toEqual({ status: 'open', category: null });
    expect(statusChange(null)).toEqual({ status: null, category: null });
  });

  it('sorts ascending first, then descending', () => {
    expect(nextSort('-createdAt', 'priority')).toBe('priority');
    expect(nextSort('priority', 'priority')).toBe('-priority');
    expect(nextSort('-priority', 'priority')).toBe('priority');
  });
});
