import { describe, expect, it } from 'vitest';
import { servicenowColumns, type ServicenowRow } from './servicenow-format.js';
import { checkRow, incidentFromRows, orderedRows, resolutionTimeOf, type NumberedRow } from './servicenow-incidents.js';

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

/** An incident's audit rows, numbered from line 2 in the order given. */
function rows(...items: Partial<ServicenowRow>[]): NumberedRow[] {
  return items.map((overrides, index) => ({ line: index + 2, row: row({ made_sla: 'true', ...overrides }) }));
}

describe('rebuilding an incident from its audit rows', () => {
  it('leaves the resolution time unknown when the first row is already Resolved with no resolved_at, instead of the opening time', () => {
    const audit = rows(
      { incident_state: 'Resolved', sys_mod_count: '0', opened_at: '29/2/2016 08:56', sys_updated_at: '29/2/2016 08:56', closed_at: '5/3/2016 10:00' },
      { incident_state: 'Closed', sys_mod_count: '1', opened_at: '29/2/2016 08:56', sys_updated_at: '5/3/2016 10:00', closed_at: '5/3/2016 10:00' },
    );
    const incident = incidentFromRows(audit, 'INC-1');
    expect(incident.status).toBe('closed');
    expect(incident.fields).toMatchObject({ resolvedAt: null, resolvedAtUnknown: true, closedAt: '2016-03-05T10:00:00.000Z' });
    expect(resolutionTimeOf(audit)).toEqual({ unknown: true, resolvedInFirstRow: true });
  });

  it('uses the exported resolved_at for the last resolution and leaves an earlier, reopened one unknown', () => {
    const audit = rows(
      { incident_state: 'Active', sys_mod_count: '0', sys_updated_at: '29/2/2016 02:00', resolved_at: '1/3/2016 12:00' },
      { incident_state: 'Resolved', sys_mod_count: '1', sys_updated_at: '29/2/2016 03:00', resolved_at: '1/3/2016 12:00' },
      { incident_state: 'Active', sys_mod_count: '2', reopen_count: '1', sys_updated_at: '29/2/2016 05:00', resolved_at: '1/3/2016 12:00' },
      { incident_state: 'Resolved', sys_mod_count: '3', reopen_count: '1', sys_updated_at: '1/3/2016 12:05', resolved_at: '1/3/2016 12:00' },
    );
    const incident = incidentFromRows(audit, 'INC-2');
    expect(incident.fields).toMatchObject({ resolvedAt: '2016-03-01T12:00:00.000Z', resolvedAtUnknown: false });
    const resolutions = incident.events.filter((e) => e.kind === 'transitioned' && e.data.to === 'resolved').map((e) => (e.data.changes as { field: string; to: unknown }[]).find((c) => c.field === 'resolvedAt')?.to ?? null);
    expect(resolutions).toEqual([null, '2016-03-01T12:00:00.000Z']);
    expect(resolutionTimeOf(audit)).toEqual({ unknown: false, resolvedInFirstRow: false });
  });

  it('puts a misnumbered opening row that shares a sys_mod_count back by its time, so no phantom reopen erases resolved_at (INC0000135)', () => {
    const at = { resolved_at: '29/2/2016 16:17', closed_at: '5/3/2016 17:00' };
    const audit = rows(
      { incident_state: 'Active', sys_mod_count: '7', sys_updated_at: '29/2/2016 09:27', ...at },
      { incident_state: 'Active', sys_mod_count: '1', sys_updated_at: '29/2/2016 11:45', ...at },
      { incident_state: 'Resolved', sys_mod_count: '5', sys_updated_at: '29/2/2016 15:27', ...at },
      { incident_state: 'Resolved', sys_mod_count: '6', sys_updated_at: '29/2/2016 16:17', ...at },
      { incident_state: 'Closed', sys_mod_count: '7', sys_updated_at: '5/3/2016 17:00', ...at },
    );
    expect(orderedRows(audit).map((r) => r.line)).toEqual([2, 3, 4, 5, 6]);
    const incident = incidentFromRows(audit, 'INC-3');
    expect(incident.status).toBe('closed');
    expect(incident.fields).toMatchObject({ resolvedAt: '2016-02-29T16:17:00.000Z', resolvedAtUnknown: false });
    expect(incident.events.filter((e) => e.kind === 'transitioned').map((e) => e.data.to)).toEqual(['in-progress', 'resolved', 'closed']);
  });

  it('orders rows sharing a count open state first, then Resolved, then Closed, whatever their times', () => {
    const audit = rows(
      { incident_state: 'New', sys_mod_count: '0', sys_updated_at: '29/2/2016 01:20' },
      { incident_state: 'Closed', sys_mod_count: '1', sys_updated_at: '29/2/2016 02:00' },
      { incident_state: 'Resolved', sys_mod_count: '1', sys_updated_at: '29/2/2016 02:00' },
      { incident_state: 'Active', sys_mod_count: '1', sys_updated_at: '29/2/2016 02:00' },
    );
    expect(orderedRows(audit).map((r) => r.row.incident_state)).toEqual(['New', 'Active', 'Resolved', 'Closed']);
  });

  it('keeps the SLA outcome ServiceNow exported, as of its last row', () => {
    const audit = rows(
      { incident_state: 'Active', sys_mod_count: '0', made_sla: 'true' },
      { incident_state: 'Resolved', sys_mod_count: '1', made_sla: 'false', resolved_at: '29/2/2016 09:00' },
    );
    const incident = incidentFromRows(audit, 'INC-4');
    expect(incident.fields.importedMadeSla).toBe(false);
    expect(incident.events[0]!.data.fields).toMatchObject({ importedMadeSla: true });
  });
});
