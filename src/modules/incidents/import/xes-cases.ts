import type { FieldValue } from '../../../kernel/records/record-row.js';
import type { XesKind, XesSettings } from './xes-mapping.js';
import type { XesTrace } from './xes-reader.js';
import { finalStatuses, statusMeaning, type StatusMeaning } from './xes-status.js';
import type { ImportedEvent, ImportedIncident, ImportIssue } from './servicenow-incidents.js';

/** One event of a case, checked and read through the mapping. */
export interface CaseEvent {
  line: number;
  at: number;
  activity: string;
  meaning: StatusMeaning;
  impact: Level | null;
  group: string | null;
  product: string | null;
  resource: string | null;
}

/** A trace that checked clean: its reference and its events in time order. */
export interface XesCase {
  reference: string;
  line: number;
  events: CaseEvent[];
}

export type Level = 'major' | 'high' | 'medium' | 'low';
const levels: Record<string, Level> = { major: 'major', high: 'high', medium: 'medium', low: 'low' };
const priorityOfLevel: Record<Level, string> = { major: 'P1', high: 'P2', medium: 'P3', low: 'P4' };
/** Certus's impact has three levels; Volvo's "Major" is its highest. */
const impactOfLevel: Record<Level, string> = { major: 'high', high: 'high', medium: 'medium', low: 'low' };

const xesDate = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * An XES date (xs:dateTime) as epoch milliseconds; NaN when it is not one. With wallClock the
 * offset is ignored and the time is kept as written (as UTC), for logs whose offset is an
 * artefact; a date without an offset is read as UTC.
 */
export function parseXesDate(value: string, wallClock: boolean): number {
  const match = xesDate.exec(value.trim());
  if (!match) return Number.NaN;
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  const local = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Math.floor(Number(fraction ?? 0) * 1000));
  const check = new Date(local);
  if (check.getUTCDate() !== Number(d) || check.getUTCMonth() !== Number(mo) - 1 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return Number.NaN;
  if (wallClock || !zone || zone === 'Z') return local;
  const sign = zone.startsWith('-') ? -1 : 1;
  const offset = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  return local - offset * 60_000;
}

/** A value quoted back in an issue: at most 60 characters of it. */
const quoted = (value: string) => `"${value.length > 60 ? `${value.slice(0, 60)}…` : value}"`;

/** Checks a trace against the mapping; a clean trace becomes a case. */
export function checkTrace(trace: XesTrace, settings: XesSettings): { issues: ImportIssue[]; case: XesCase | null } {
  const { mapping } = settings;
  const issues: ImportIssue[] = [];
  const reference = (trace.attributes[mapping.reference] ?? '').trim();
  const number = reference === '' ? null : reference.slice(0, 100);
  const issue = (line: number, field: string, reason: string) => issues.push({ line, number, field, reason });
  if (reference === '') issue(trace.line, mapping.reference, 'is missing: the trace has no case number');
  else if (reference.length > 100) issue(trace.line, mapping.reference, 'is longer than 100 characters');
  if (trace.events.length === 0) issue(trace.line, 'event', 'the trace has no events');
  const events: CaseEvent[] = [];
  for (const event of trace.events) {
    const a = event.attributes;
    const time = a[mapping.timestamp];
    const at = time === undefined ? Number.NaN : parseXesDate(time, mapping.wallClock);
    if (time === undefined) issue(event.line, mapping.timestamp, 'is missing: the event has no time');
    else if (Number.isNaN(at)) issue(event.line, mapping.timestamp, `${quoted(time)} is not an XES date (yyyy-mm-ddThh:mm:ss±hh:mm)`);
    let status = a[mapping.status];
    let subStatus = mapping.subStatus === null ? null : (a[mapping.subStatus] ?? null);
    if (status !== undefined && mapping.statusSeparator !== null && subStatus === null) {
      const at = status.indexOf(mapping.statusSeparator);
      if (at > 0) [status, subStatus] = [status.slice(0, at), status.slice(at + mapping.statusSeparator.length)];
    }
    const meaning = status === undefined ? undefined : statusMeaning(settings.kind, settings.recordType, status, subStatus);
    if (status === undefined) issue(event.line, mapping.status, 'is missing: the event has no status');
    else if (meaning === undefined) issue(event.line, mapping.subStatus ?? mapping.status, `${quoted(subStatus === null ? status : `${status} / ${subStatus}`)} is not a status of the ${settings.kind} log`);
    const impactValue = mapping.impact === null ? undefined : a[mapping.impact];
    const impact = impactValue === undefined ? null : (levels[impactValue.trim().toLowerCase()] ?? null);
    if (impactValue !== undefined && impact === null) issue(event.line, mapping.impact!, `${quoted(impactValue)} is not an impact (Major, High, Medium or Low)`);
    const text = (key: string | null) => (key === null ? null : (a[key]?.trim() || null));
    if (meaning !== undefined && !Number.isNaN(at)) {
      events.push({
        line: event.line, at, activity: subStatus === null ? status! : `${status} – ${subStatus}`, meaning, impact,
        group: text(mapping.group), product: text(mapping.product), resource: text(mapping.resource),
      });
    }
  }
  if (issues.length) return { issues, case: null };
  // Events in time order; a log's own order breaks ties.
  events.sort((x, y) => x.at - y.at || x.line - y.line);
  return { issues, case: { reference, line: trace.line, events } };
}

/** First event to last, in milliseconds. */
export const throughputOf = (c: XesCase) => c.events[c.events.length - 1]!.at - c.events[0]!.at;

export const sourceOf = (kind: XesKind) => `xes:${kind}`;

type State = Record<string, FieldValue> & { status: string };

function diff(before: State, after: State) {
  return Object.keys(after).filter((k) => k !== 'status' && (before[k] ?? null) !== (after[k] ?? null))
    .map((field) => ({ field, from: before[field] ?? null, to: after[field] ?? null }));
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Volvo's "Completed" is the end of the work: a case completed straight into Closed was resolved then. */
const closingResolves = (kind: XesKind) => kind === 'bpic2013-incidents' || kind === 'bpic2013-problems';

/** The history of a case: a created event at its first event's time, then one event per log event. */
function historyOf(c: XesCase, settings: XesSettings, initial: State, apply: (state: State, event: CaseEvent) => State): { events: ImportedEvent[]; state: State } {
  const source = sourceOf(settings.kind);
  const { status: _status, ...createdFields } = initial;
  const events: ImportedEvent[] = [{ kind: 'created', at: c.events[0]!.at, data: { reference: '', status: initial.status, ownerId: null, fields: createdFields, source } }];
  let state = initial;
  for (const event of c.events) {
    const next = apply(state, event);
    const changes = diff(state, next);
    const data = { changes, source, sourceActor: event.resource, activity: event.activity, ...(event.group ? { group: event.group } : {}) };
    events.push(next.status !== state.status
      ? { kind: 'transitioned', at: event.at, data: { from: state.status, to: next.status, ...data } }
      : { kind: 'updated', at: event.at, data });
    state = next;
  }
  return { events, state };
}

const describe = (c: XesCase, settings: XesSettings, what: string) => {
  const first = c.events[0]!;
  return [
    `Imported from the ${what} of an XES event log (${settings.kind}), case ${c.reference}.`,
    `Product: ${first.product ?? 'not in the log'}; first group: ${first.group ?? 'not in the log'}.`,
  ].join('\n');
};

/**
 * Rebuilds an incident from a case. Its times come from the events: resolved when it enters
 * Resolved (or, for Volvo, Completed straight into Closed), closed when it enters Closed. Where
 * the log says only that it closed (Rabobank's activities), the resolution time is unknown.
 */
export function incidentFromCase(c: XesCase, reference: string, settings: XesSettings): ImportedIncident {
  const first = c.events[0]!;
  const level = first.impact ?? 'medium';
  const source = sourceOf(settings.kind);
  const initial: State = {
    status: 'new', shortDescription: `Incident ${c.reference}${first.product ? ` (${first.product})` : ''}`.slice(0, 200), description: describe(c, settings, 'incidents'),
    category: 'other', configurationItem: first.product, impact: impactOfLevel[level], urgency: 'medium', priority: priorityOfLevel[level],
    assignmentGroup: first.group, supplier: null, reassignmentCount: 0, reopenCount: 0, resolutionCode: null, resolutionNotes: null,
    resolvedAt: null, closedAt: null, resolvedAtUnknown: false, importedMadeSla: null, callerId: null, assigneeId: null,
    majorIncidentManagerId: null, majorDeclaredAt: null, pirSummary: null, service: null, major: false, source, externalId: c.reference,
  };
  const { events, state } = historyOf(c, settings, initial, (previous, event) => {
    const status = event.meaning === 'keep' ? previous.status : event.meaning;
    const next: State = { ...previous, status };
    if (event.group && previous.assignmentGroup && event.group !== previous.assignmentGroup) next.reassignmentCount = Number(previous.reassignmentCount) + 1;
    if (event.group) next.assignmentGroup = event.group;
    if (event.product) next.configurationItem = event.product;
    if (event.impact) {
      next.impact = impactOfLevel[event.impact];
      next.priority = priorityOfLevel[event.impact];
    }
    const wasFinal = finalStatuses.includes(previous.status);
    if (!wasFinal && finalStatuses.includes(status)) {
      const resolvedNow = status === 'resolved' || closingResolves(settings.kind);
      next.resolvedAt = resolvedNow ? iso(event.at) : null;
      next.resolvedAtUnknown = !resolvedNow;
      const cancelled = /cancel/i.test(event.activity);
      next.resolutionCode = cancelled ? 'withdrawn' : 'fixed';
      next.resolutionNotes = `${cancelled ? 'Cancelled' : status === 'resolved' ? 'Resolved' : 'Closed'} in the source log (${event.activity}).`;
    }
    if (status === 'closed' && previous.status !== 'closed') next.closedAt = iso(event.at);
    if (wasFinal && !finalStatuses.includes(status)) {
      next.resolvedAt = null;
      next.resolvedAtUnknown = false;
      next.closedAt = null;
      next.reopenCount = Number(previous.reopenCount) + 1;
    }
    return next;
  });
  events[0]!.data.reference = reference;
  const { status, ...fields } = state;
  return { externalId: c.reference, openedAt: first.at, status, fields, events };
}

/** Rebuilds a problem from a case: closed when it enters Closed; the log gives no root cause. */
export function problemFromCase(c: XesCase, reference: string, settings: XesSettings): ImportedIncident {
  const first = c.events[0]!;
  const initial: State = {
    status: 'new', title: `Problem ${c.reference}${first.product ? ` (${first.product})` : ''}`.slice(0, 200), description: describe(c, settings, 'problems'),
    service: null, category: 'other', priority: priorityOfLevel[first.impact ?? 'medium'], rootCause: null, workaround: null, knownError: null,
    closureReason: null, closureJustification: null, closedAt: null, recurrences: null, lastRecurrenceAt: null,
    source: sourceOf(settings.kind), externalId: c.reference,
  };
  const { events, state } = historyOf(c, settings, initial, (previous, event) => {
    const status = event.meaning === 'keep' ? previous.status : event.meaning;
    const next: State = { ...previous, status };
    if (event.impact) next.priority = priorityOfLevel[event.impact];
    if (status === 'closed' && previous.status !== 'closed') next.closedAt = iso(event.at);
    if (previous.status === 'closed' && status !== 'closed') next.closedAt = null;
    return next;
  });
  events[0]!.data.reference = reference;
  const { status, ...fields } = state;
  return { externalId: c.reference, openedAt: first.at, status, fields, events };
}
