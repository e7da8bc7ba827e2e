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

const finalStates = ['resolved', 'closed'];
/** Open states first, then Resolved, then Closed: a tie never steps back out of a resolution. */
const stateRank = (row: ServicenowRow) => { const mapped = stateMap[row.incident_state]; return mapped === 'closed' ? 2 : mapped === 'resolved' ? 1 : 0; };
const timeOf = (row: ServicenowRow) => parseServicenowDate(row.sys_updated_at)!;

/**
 * The audit rows in the order they happened. sys_mod_count numbers the updates, but ServiceNow
 * sometimes gives two rows the same count (5 incidents of the UCI export): the incident's
 * opening row carries the count of a later update. Read by count alone, INC0000135 went
 * Resolved (6) → Active (7, the opening row, 29/2 09:27) → Closed (7): a phantom reopen that
 * erased its real resolved_at. So, deterministically:
 * 1. rows are ordered by sys_mod_count; rows sharing a count by state (open, then Resolved, then
 *    Closed), then by sys_updated_at, then by line;
 * 2. a row sharing its count that is older than the row counted before it is misnumbered: it is
 *    taken out and put back by its sys_updated_at, before the first row that is later than it.
 */
export function orderedRows(rows: NumberedRow[]): NumberedRow[] {
  const counts = new Map<string, number>();
  for (const { row } of rows) counts.set(row.sys_mod_count, (counts.get(row.sys_mod_count) ?? 0) + 1);
  const byCount = [...rows].sort((a, b) => Number(a.row.sys_mod_count) - Number(b.row.sys_mod_count)
    || stateRank(a.row) - stateRank(b.row) || timeOf(a.row) - timeOf(b.row) || a.line - b.line);
  const kept: NumberedRow[] = [];
  const misnumbered: NumberedRow[] = [];
  for (const item of byCount) {
    const before = kept.filter((k) => Number(k.row.sys_mod_count) < Number(item.row.sys_mod_count)).at(-1);
    if (counts.get(item.row.sys_mod_count)! > 1 && before && timeOf(item.row) < timeOf(before.row)) misnumbered.push(item);
    else kept.push(item);
  }
  for (const item of misnumbered) {
    const at = kept.findIndex((k) => timeOf(k.row) > timeOf(item.row));
    kept.splice(at === -1 ? kept.length : at, 0, item);
  }
  return kept;
}

/** The export's made_sla as a boolean; null when it says neither true nor false. */
function madeSlaOf(row: ServicenowRow): boolean | null {
  const value = (row.made_sla ?? '').trim().toLowerCase();
  return value === 'true' ? true : value === 'false' ? false : null;
}

/**
 * Rebuilds one incident and its history from its audit rows (already checked): a created
 * event at the opening time, then one event per update that changed the state or a field.
 * The last state is the record; replaying the events gives exactly that state.
 *
 * A resolution time is never made up. The export's resolved_at is the time of the last
 * resolution; any other resolution (one later reopened, or the last one when resolved_at is
 * empty, as for the 1,543 UCI incidents whose first row is already Resolved) has resolvedAt null
 * and resolvedAtUnknown true, and counts in no duration KPI.
 */
export function incidentFromRows(rows: NumberedRow[], reference: string): ImportedIncident {
  const ordered = orderedRows(rows);
  const first = ordered[0]!.row;
  const last = ordered[ordered.length - 1]!.row;
  const openedAt = parseServicenowDate(first.opened_at)!;
  const resolvedAt = parseServicenowDate(last.resolved_at);
  const closedAt = parseServicenowDate(last.closed_at);
  const closedCode = emptyToNull(last.closed_code);
  const initial = stateOf(first, null);
  let state: State = {
    ...initial, status: 'new', resolutionCode: null, resolutionNotes: null, resolvedAt: null, closedAt: null,
    callerId: null, assigneeId: null, majorIncidentManagerId: null, majorDeclaredAt: null, pirSummary: null, service: null,
    source: 'servicenow', externalId: first.number, resolvedAtUnknown: false, importedMadeSla: madeSlaOf(first),
  };
  const { status: _status, ...createdFields } = state;
  const events: ImportedEvent[] = [{ kind: 'created', at: openedAt, data: { reference, status: 'new', ownerId: null, fields: createdFields, source: 'servicenow' } }];
  // The last time the incident entered resolved or closed from an open state: the resolution
  // the export's resolved_at is the time of.
  let lastResolution = -1;
  let previous = 'new';
  ordered.forEach(({ row }, index) => {
    const mapped = stateMap[row.incident_state] ?? previous;
    if (finalStates.includes(mapped) && !finalStates.includes(previous)) lastResolution = index;
    previous = mapped;
  });
  let at = openedAt;
  for (const [index, { row }] of ordered.entries()) {
    at = Math.max(at, parseServicenowDate(row.sys_updated_at)!);
    const next: State = { ...state, ...stateOf(row, state), shortDescription: state.shortDescription ?? null, description: state.description ?? null, importedMadeSla: madeSlaOf(row) };
    if (finalStates.includes(next.status) && !finalStates.includes(state.status)) {
      const known = index === lastResolution ? resolvedAt : null;
      next.resolvedAt = known === null ? null : new Date(known).toISOString();
      next.resolvedAtUnknown = known === null;
    }
    if (next.status === 'resolved' && state.status !== 'resolved') {
      next.resolutionCode = 'fixed';
      next.resolutionNotes = `Resolved in ServiceNow${closedCode ? ` (closed code: ${closedCode})` : ''}.`;
    }
    if (next.status === 'closed' && state.status !== 'closed') {
      next.closedAt = closedAt === null ? null : new Date(closedAt).toISOString();
      if (!next.resolutionCode) {
        next.resolutionCode = 'fixed';
        next.resolutionNotes = `Closed in ServiceNow${closedCode ? ` (closed code: ${closedCode})` : ''}.`;
      }
    }
    if (finalStates.includes(state.status) && !finalStates.includes(next.status)) {
      next.resolvedAt = null;
      next.resolvedAtUnknown = false;
    }
    const changes = diff(state, next, []);
    const source = { source: 'servicenow', sourceActor: emptyToNull(row.sys_updated_by) };
    if (next.status !== state.status) events.push({ kind: 'transitioned', at, data: { from: state.status, to: next.status, changes, ...source } });
    else if (changes.length) events.push({ kind: 'updated', at, data: { changes, ...source } });
    state = next;
  }
  const { status, ...fields } = state;
  return { externalId: first.number, openedAt, status, fields, events };
}

/**
 * What the check tells of an incident's resolution time without rebuilding it: unknown when it
 * ends resolved or closed and the export gives no resolved_at (the same rule as incidentFromRows),
 * and whether that is because its first row is already Resolved or Closed.
 */
export function resolutionTimeOf(rows: NumberedRow[]): { unknown: boolean; resolvedInFirstRow: boolean } {
  const ordered = orderedRows(rows);
  let status = 'new';
  for (const { row } of ordered) status = stateMap[row.incident_state] ?? status;
  const unknown = finalStates.includes(status) && parseServicenowDate(ordered[ordered.length - 1]!.row.resolved_at) === null;
  return { unknown, resolvedInFirstRow: unknown && finalStates.includes(stateMap[ordered[0]!.row.incident_state] ?? '') };
}
