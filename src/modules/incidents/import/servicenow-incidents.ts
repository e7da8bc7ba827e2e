import type { FieldValue } from '../../../kernel/records/record-row.js';
import type { HistoryKind } from '../../../kernel/history/history.service.js';
import { emptyToNull, levelOf, lostState, parseServicenowDate, priorityOfServicenow, stateMap, type ServicenowRow } from './servicenow-format.js';

export interface ImportIssue {
  line: number;
  number: string | null;
  field: string;
  reason: string;
}

export interface ImportedEvent {
  kind: HistoryKind;
  at: number;
  data: Record<string, unknown>;
}

export interface ImportedIncident {
  externalId: string;
  openedAt: number;
  status: string;
  fields: Record<string, FieldValue>;
  events: ImportedEvent[];
}

export interface NumberedRow {
  line: number;
  row: ServicenowRow;
}

type State = Record<string, FieldValue> & { status: string };

/** The incident's fields as one audit row states them. */
function stateOf(row: ServicenowRow, previous: State | null): State {
  const state = stateMap[row.incident_state] ?? previous?.status ?? 'new';
  const category = [emptyToNull(row.category), emptyToNull(row.subcategory), emptyToNull(row.u_symptom)].filter(Boolean).join(' / ');
  return {
    status: state,
    shortDescription: `${category || 'Incident'} (${row.number})`,
    description: [
      `Imported from ServiceNow ${row.number}.`,
      `Caller: ${emptyToNull(row.caller_id) ?? 'unknown'}; opened by: ${emptyToNull(row.opened_by) ?? 'unknown'}; contact: ${emptyToNull(row.contact_type) ?? 'unknown'}; location: ${emptyToNull(row.location) ?? 'unknown'}.`,
      `Category: ${category || 'none'}.`,
    ].join('\n'),
    category: 'other',
    configurationItem: emptyToNull(row.cmdb_ci),
    impact: levelOf(row.impact) ?? 'medium',
    urgency: levelOf(row.urgency) ?? 'medium',
    priority: priorityOfServicenow(row.priority) ?? 'P3',
    assignmentGroup: emptyToNull(row.assignment_group),
    supplier: emptyToNull(row.vendor),
    reassignmentCount: Number(row.reassignment_count),
    reopenCount: Number(row.reopen_count),
    major: false,
  };
}

/** Row-level checks: everything a row must hold to be imported. */
export function checkRow({ line, row }: NumberedRow): ImportIssue[] {
  const issues: ImportIssue[] = [];
  const number = emptyToNull(row.number);
  const issue = (field: string, reason: string) => issues.push({ line, number, field, reason });
  // PostgreSQL cannot store a NUL character and SQLite would: refuse it in the check, alike on both.
  for (const [field, value] of Object.entries(row)) {
    if (typeof value === 'string' && value.includes('\u0000')) issue(field, 'holds a NUL character, which no text field may');
  }
  if (!number || !/^[A-Z]{2,6}\d{4,12}$/.test(number)) issue('number', `"${(row.number ?? '').replaceAll('\u0000', '\\0')}" is not an incident number`);
  if (!(row.incident_state in stateMap) && row.incident_state !== lostState) issue('incident_state', `"${row.incident_state}" is not a known state`);
  for (const field of ['reassignment_count', 'reopen_count', 'sys_mod_count'] as const) {
    if (!/^\d+$/.test(row[field] ?? '')) issue(field, `"${row[field] ?? ''}" is not a whole number`);
  }
  for (const field of ['opened_at', 'sys_updated_at'] as const) {
    const at = parseServicenowDate(row[field]);
    if (at === null || Number.isNaN(at)) issue(field, `"${row[field] ?? ''}" is not a date (d/m/yyyy HH:MM)`);
  }
  for (const field of ['resolved_at', 'closed_at'] as const) {
    if (Number.isNaN(parseServicenowDate(row[field]))) issue(field, `"${row[field]}" is not a date (d/m/yyyy HH:MM)`);
  }
  if (emptyToNull(row.impact) && !levelOf(row.impact)) issue('impact', `"${row.impact}" is not 1 - High, 2 - Medium or 3 - Low`);
  if (emptyToNull(row.urgency) && !levelOf(row.urgency)) issue('urgency', `"${row.urgency}" is not 1 - High, 2 - Medium or 3 - Low`);
  if (emptyToNull(row.priority) && !priorityOfServicenow(row.priority)) issue('priority', `"${row.priority}" is not a ServiceNow priority`);
  return issues;
}

function diff(before: State, after: State, skip: string[]) {
  return Object.keys(after).filter((k) => k !== 'status' && !skip.includes(k) && (before[k] ?? null) !== (after[k] ?? null))
    .map((field) => ({ field, from: before[field] ?? null, to: after[field] ?? null }));
}

/**
 * Rebuilds one incident and its history from its audit rows (already checked): a created
 * event at the opening time, then one event per update that changed the state or a field.
 * The last state is the record; replaying the events gives exactly that state.
 */
export function incidentFromRows(rows: NumberedRow[], reference: string): ImportedIncident {
  const ordered = [...rows].sort((a, b) => Number(a.row.sys_mod_count) - Number(b.row.sys_mod_count) || parseServicenowDate(a.row.sys_updated_at)! - parseServicenowDate(b.row.sys_updated_at)!);
  const first = ordered[0]!.row;
  const openedAt = parseServicenowDate(first.opened_at)!;
  const resolvedAt = parseServicenowDate(ordered[ordered.length - 1]!.row.resolved_at);
  const closedAt = parseServicenowDate(ordered[ordered.length - 1]!.row.closed_at);
  const closedCode = emptyToNull(ordered[ordered.length - 1]!.row.closed_code);
  const initial = stateOf(first, null);
  let state: State = {
    ...initial, status: 'new', resolutionCode: null, resolutionNotes: null, resolvedAt: null, closedAt: null,
    callerId: null, assigneeId: null, majorIncidentManagerId: null, majorDeclaredAt: null, pirSummary: null, service: null,
    source: 'servicenow', externalId: first.number,
  };
  const { status: _status, ...createdFields } = state;
  const events: ImportedEvent[] = [{ kind: 'created', at: openedAt, data: { reference, status: 'new', ownerId: null, fields: createdFields, source: 'servicenow' } }];
  // The export's resolved_at is the last resolution; earlier ones take the time of their row.
  const statuses = ordered.map(({ row }) => row.incident_state);
  let lastResolution = -1;
  let previous = 'new';
  statuses.forEach((raw, index) => {
    const mapped = stateMap[raw] ?? previous;
    if (mapped === 'resolved' && previous !== 'resolved') lastResolution = index;
    previous = mapped;
  });
  let at = openedAt;
  for (const [index, { row }] of ordered.entries()) {
    at = Math.max(at, parseServicenowDate(row.sys_updated_at)!);
    const next: State = { ...state, ...stateOf(row, state), shortDescription: state.shortDescription ?? null, description: state.description ?? null };
    if (next.status === 'resolved' && state.status !== 'resolved') {
      next.resolvedAt = new Date(index === lastResolution && resolvedAt !== null ? resolvedAt : at).toISOString();
      next.resolutionCode = 'fixed';
      next.resolutionNotes = `Resolved in ServiceNow${closedCode ? ` (closed code: ${closedCode})` : ''}.`;
    }
    if (next.status === 'closed' && state.status !== 'closed') {
      next.closedAt = new Date(closedAt ?? at).toISOString();
      if (!next.resolutionCode) {
        next.resolutionCode = 'fixed';
        next.resolutionNotes = `Closed in ServiceNow${closedCode ? ` (closed code: ${closedCode})` : ''}.`;
      }
    }
    if (state.status === 'resolved' && next.status !== 'resolved' && next.status !== 'closed') next.resolvedAt = null;
    const changes = diff(state, next, []);
    const source = { source: 'servicenow', sourceActor: emptyToNull(row.sys_updated_by) };
    if (next.status !== state.status) events.push({ kind: 'transitioned', at, data: { from: state.status, to: next.status, changes, ...source } });
    else if (changes.length) events.push({ kind: 'updated', at, data: { changes, ...source } });
    state = next;
  }
  const { status, ...fields } = state;
  return { externalId: first.number, openedAt, status, fields, events };
}
