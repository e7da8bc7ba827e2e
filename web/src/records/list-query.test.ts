import { describe, expect, it } from 'vitest';
import type { RecordType } from '../shared/types';
import { apiListQuery, listFilterKeys, nextSort } from './list-query';

const improvement = {
  plural: 'improvements',
  fields: [
    { name: 'title', kind: 'text', filterable: false },
    { name: 'priority', kind: 'enum', filterable: true },
    { name: 'targetDate', kind: 'date', filterable: true },
  ],
} as unknown as RecordType;

describe('list query', () => {
  it('knows the filter names of a type from its metadata', () => {
    expect(listFilterKeys(improvement)).toEqual(['q', 'status', 'owner', 'createdFrom', 'createdTo', 'sort', 'priority', 'targetDateFrom', 'targetDateTo']);
  });

  it('passes only known filters from the address to the API, with paging', () => {
    const params = new URLSearchParams('priority=high,low&utm=x&q=sla&targetDateTo=2027-01-01');
    expect(apiListQuery(improvement, params, { limit: '25', cursor: null }).toString()).toBe('q=sla&priority=high%2Clow&targetDateTo=2027-01-01&limit=25');
  });

  it('sorts ascending first, then descending', () => {
    expect(nextSort('-createdAt', 'priority')).toBe('priority');
    expect(nextSort('priority', 'priority')).toBe('-priority');
    expect(nextSort('-priority', 'priority')).toBe('priority');
  });
});
