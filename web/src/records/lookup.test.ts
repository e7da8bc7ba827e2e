import { describe, expect, it } from 'vitest';
import { lookupOptions, lookupPage, type FieldLookup } from './lookup';

const calendar: FieldLookup = { id: 'calendar', label: 'business calendar', listPath: '/api/calendars', pagePath: '/calendars/:id' };

describe('a lookup field\'s choices', () => {
  it('offers each calendar by its name, and tells apart two that share one by their ids', () => {
    const items = [{ id: 'london', name: 'Office hours' }, { id: 'leeds', name: 'Office hours' }, { id: '24x7', name: 'Round the clock' }];
    expect(lookupOptions(items, null)).toEqual([
      { value: 'london', label: 'Office hours (london)' },
      { value: 'leeds', label: 'Office hours (leeds)' },
      { value: '24x7', label: 'Round the clock' },
    ]);
  });

  it('keeps the current value choosable by the name the record gave it, or its id when it has none', () => {
    expect(lookupOptions([{ id: '24x7', name: 'Round the clock' }], 'old-hours', 'Old office hours')[0]).toEqual({ value: 'old-hours', label: 'Old office hours' });
    expect(lookupOptions([], 'gone')).toEqual([{ value: 'gone', label: 'gone' }]);
    expect(lookupOptions([{ id: '24x7', name: 'Round the clock' }], '24x7', 'Stale name')).toEqual([{ value: '24x7', label: 'Round the clock' }]);
  });

  it('links to the page of what it names', () => {
    expect(lookupPage(calendar, 'london-business-hours')).toBe('/calendars/london-business-hours');
    expect(lookupPage({ ...calendar, pagePath: null }, 'x')).toBeNull();
  });
});
