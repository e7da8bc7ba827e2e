import { describe, expect, it } from 'vitest';
import { servicenowColumns, type ServicenowRow } from './servicenow-format.js';
import { checkRow } from './servicenow-incidents.js';

function row(overrides: Partial<ServicenowRow> = {}): ServicenowRow {
  const blank = Object.fromEntries(servicenowColumns.map((c) => [c, '?'])) as ServicenowRow;
  return {
    ...blank, number: 'INC0000045', incident_state: 'New', reassignment_count: '0', reopen_count: '0', sys_mod_count: '0',
    opened_at: '29/2/2016 01:16', sys_updated_at: '29/2/2016 01:23', impact: '2 - Medium', urgency: '2 - Medium', priority: '3 - Moderate',
    ...overrides,
  };
}

describe('checking a ServiceNow audit row', () => {
  it('accepts a well-formed row', () => {
    expect(checkRow({ line: 2, row: row() })).toEqual([]);
  });

  it('refuses a NUL character in any column, naming it, since PostgreSQL cannot store one', () => {
    const issues = checkRow({ line: 7, row: row({ location: 'Location 143\u0000', cmdb_ci: '\u0000' }) });
    expect(issues.map((i) => [i.line, i.field])).toEqual([[7, 'location'], [7, 'cmdb_ci']]);
    expect(issues[0]!.reason).toBe('holds a NUL character, which no text field may');
  });
});
