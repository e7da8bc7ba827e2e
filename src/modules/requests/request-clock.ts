import type { Executor } from '../../platform/db/database.js';
import { listHistory, type HistoryEntry } from '../../kernel/history/history.service.js';
import {
  computeSlaClock, createBusinessCalendar, explainClock, timelineFromHistory,
  type BusinessCalendar, type ClockDefinition, type ExplainedClockResult, type HistoryLike, type SlaClockResult,
} from '../../kernel/calendar/index.js';
import { businessCalendars, calendarExists, getCalendar } from '../service-levels/index.js';
import { notStartedStates, pausedStates, stoppedStates } from './service-request.workflow.js';

/** Round the clock, for services without a support calendar. */
const continuous: BusinessCalendar = createBusinessCalendar({
  timeZone: 'UTC',
  workingHours: Object.fromEntries(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((d) => [d, [{ start: '00:00', end: '24:00' }]])),
});

/** The one priority request clocks use: a request model has one target. */
const standard = 'standard';

/**
 * 8.6.2: the fulfilment target as a kernel clock. It runs from submission, or from approval when
 * the model needs one; pauses while the request waits for the requester; stops when fulfilled
 * (and resumes if the requester says it is not done), rejected or cancelled.
 */
export function fulfilmentClockDefinition(targetMinutes: number): ClockDefinition {
  return {
    id: 'fulfilment', name: 'Fulfilment target',
    runsWhile: { kind: 'not', condition: { kind: 'status-in', statuses: notStartedStates } },
    pauseStatuses: pausedStates, stopStatuses: stoppedStates,
    targets: { [standard]: targetMinutes * 60_000 },
  };
}

/** The calendar a request's target is counted on: the service's support calendar if it exists, else round the clock. */
export async function requestCalendar(db: Executor, calendarId: string | null): Promise<BusinessCalendar> {
  if (!calendarId || !(await calendarExists(db, calendarId))) return continuous;
  return (await businessCalendars(db, [calendarId]))[calendarId]!;
}

/** The calendar id a request records: the service's, when that calendar exists. */
export async function usableCalendarId(db: Executor, calendarId: string | null): Promise<string | null> {
  return calendarId && (await calendarExists(db, calendarId)) ? calendarId : null;
}

export interface RequestClockInput {
  recordId: string;
  targetMinutes: number;
  calendarId: string | null;
  /** The status the write is about to give the request, not yet in its history. */
  pendingStatus?: string;
  /** A request not yet written: its first status. */
  created?: boolean;
  /** Keep the segments that explain the clock (for showing it); off for the write path. */
  explain?: boolean;
}

/** The request's fulfilment clock, replayed from its history (plus the write in progress) at `now`. */
export async function requestClock(db: Executor, input: RequestClockInput, now: number): Promise<SlaClockResult> {
  const history: HistoryLike[] = input.created ? [] : (await listHistory(db, input.recordId)).map((e: HistoryEntry) => ({ kind: e.kind, at: e.at, data: e.data }));
  if (input.pendingStatus !== undefined) {
    history.push(input.created
      ? { kind: 'created', at: now, data: { status: input.pendingStatus, fields: {} } }
      : { kind: 'transitioned', at: now, data: { to: input.pendingStatus, changes: [] } });
  }
  const timeline = timelineFromHistory(history);
  if (timeline[0]) timeline[0].priority = standard;
  return computeSlaClock(timeline, fulfilmentClockDefinition(input.targetMinutes), { now, calendar: await requestCalendar(db, input.calendarId), explain: input.explain ?? false });
}

export interface ExplainedRequestClock {
  /** The calendar the target is counted on; null when round the clock. */
  calendar: { id: string; name: string; timeZone: string } | null;
  /** The fulfilment clock, or none when the request has no target. */
  clocks: ExplainedClockResult[];
}

/**
 * 8.6.2: a request's fulfilment clock replayed from its history at `now`, with every pause and
 * stop explained ("paused 2h 10m awaiting requester"), so anyone can see how the due time and
 * the within-target verdict came about.
 */
export async function explainedRequestClock(db: Executor, request: { id: string; targetMinutes: number | null; calendarId: string | null }, now: number): Promise<ExplainedRequestClock> {
  const calendarId = await usableCalendarId(db, request.calendarId);
  const view = calendarId ? await getCalendar(db, calendarId) : null;
  const calendar = view ? { id: view.id, name: view.name, timeZone: view.timeZone } : null;
  if (request.targetMinutes === null) return { calendar, clocks: [] };
  const definition = fulfilmentClockDefinition(request.targetMinutes);
  const result = await requestClock(db, { recordId: request.id, targetMinutes: request.targetMinutes, calendarId, explain: true }, now);
  return { calendar, clocks: [explainClock(result, definition.name ?? definition.id)] };
}
