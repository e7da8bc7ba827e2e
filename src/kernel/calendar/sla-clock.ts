import { AppError } from '../../platform/http/app-error.js';
import { businessPosition, instantAtBusinessPosition, type BusinessCalendar } from './business-calendar.js';
import { compileClock, type ClockDefinition, type CompiledClock, type RunCondition, type TimelineEvent } from './clock-definition.js';
import { formatDuration } from './duration-text.js';

/**
 * An SLA clock computed from a ticket's timeline (8.3.3: service levels are monitored against
 * targets). The computation is a pure fold over the events, so the same history always gives
 * the same figures, and a change of priority or SLA is simply a recomputation.
 *
 * Breach rule: a target is breached when the clock is running at the due instant, i.e. the
 * earliest instant at which the business time used reaches the target. A ticket resolved at
 * exactly that instant has met it; one resolved on the Saturday after a Friday-18:00 due time
 * has breached it, although no working time passed in between.
 */

export type ClockState = 'running' | 'paused' | 'stopped' | 'inactive';
export type ClockStatus = ClockState | 'not-applicable';

export interface ClockSegment {
  state: ClockState;
  from: number;
  to: number;
  /** Business time inside the segment (by the clock's calendar). */
  businessMillis: number;
  wallMillis: number;
  /** Why paused / stopped / inactive: the status, or the run condition that did not hold. */
  reason: string | null;
  /** The priority in force, shown when the clock is computed `from-change`. */
  priority: string | null;
  /** e.g. `running 2h 10m`, `paused 2h 10m awaiting customer`. */
  text: string;
}

export interface SlaClockResult {
  clockId: string;
  status: ClockStatus;
  /** The priority whose target applies now. */
  priority: string | null;
  targetMillis: number | null;
  /** Business time the clock has run in the current cycle. */
  elapsedMillis: number;
  /** Business time spent paused in the current cycle. */
  pausedMillis: number;
  pausedWallMillis: number;
  /** Business time left on the target; zero, not negative, once it is used up (see `explainClock`). */
  remainingMillis: number | null;
  percentUsed: number | null;
  /** When running: the instant the target is (or was) reached. */
  dueAt: number | null;
  atRisk: boolean;
  /** The instant the at-risk threshold was (or, when running, will be) reached. */
  atRiskAt: number | null;
  breached: boolean;
  breachedAt: number | null;
  stoppedAt: number | null;
  /** Measurements so far: more than one after a reopen under the `restart` policy. */
  cycles: number;
  breachedInEarlierCycle: boolean;
  segments: ClockSegment[];
}

export interface SlaClockOptions {
  /** Evaluate as at this instant; later events are ignored. */
  now: number;
  calendar: BusinessCalendar;
  /** Skip the explanation segments (for bulk evaluation). Default true. */
  explain?: boolean;
}

export interface SlaClocksOptions {
  now: number;
  /** The calendar for definitions without a calendarId. */
  calendar: BusinessCalendar;
  calendars?: Readonly<Record<string, BusinessCalendar>>;
  explain?: boolean;
}

interface TicketState {
  status: string | null;
  priority: string | null;
  slaId: string | null;
  assignmentGroup: string | null;
  supplierHeld: boolean;
  supplier: string | null;
}

function conditionHolds(condition: RunCondition, ticket: TicketState): boolean {
  switch (condition.kind) {
    case 'always': return true;
    case 'ola': return ticket.assignmentGroup === condition.group;
    case 'supplier': return ticket.supplierHeld && (condition.supplier === undefined || ticket.supplier === condition.supplier);
    case 'status-in': return ticket.status !== null && condition.statuses.includes(ticket.status);
    case 'all': return condition.of.every((inner) => conditionHolds(inner, ticket));
    case 'any': return condition.of.some((inner) => conditionHolds(inner, ticket));
    case 'not': return !conditionHolds(condition.condition, ticket);
  }
}

function inactiveReason(condition: RunCondition): string {
  switch (condition.kind) {
    case 'ola': return `not assigned to ${condition.group}`;
    case 'supplier': return condition.supplier === undefined ? 'not held by a supplier' : `not held by ${condition.supplier}`;
    default: return 'run condition not met';
  }
}

const humanised = new Map<string, string>();

/** `awaiting-customer` → `awaiting customer`; memoised, as a handful of statuses recur millions of times. */
function humanise(status: string): string {
  let text = humanised.get(status);
  if (text === undefined) {
    text = status.replace(/[-_]/g, ' ');
    if (humanised.size < 10_000) humanised.set(status, text);
  }
  return text;
}

function segmentText(segment: ClockSegment): string {
  const reason = segment.reason === null ? '' : ` ${humanise(segment.reason)}`;
  const priority = segment.priority === null ? '' : ` (${segment.priority})`;
  if (segment.state === 'stopped') return `stopped${reason ? `:${reason}` : ''}${priority}`;
  if (segment.state === 'inactive') return `inactive ${formatDuration(segment.wallMillis)}${reason}`;
  return `${segment.state} ${formatDuration(segment.businessMillis)}${reason}${priority}`;
}

function applyEvent(ticket: TicketState, event: TimelineEvent): void {
  if (event.status !== undefined) ticket.status = event.status;
  if (event.priority !== undefined) ticket.priority = event.priority;
  if (event.slaId !== undefined) ticket.slaId = event.slaId;
  if (event.assignmentGroup !== undefined) ticket.assignmentGroup = event.assignmentGroup;
  if (event.supplierHeld !== undefined) ticket.supplierHeld = event.supplierHeld;
  if (event.supplier !== undefined) ticket.supplier = event.supplier;
}

function emptyResult(clockId: string, status: ClockStatus, priority: string | null, target: number | null): SlaClockResult {
  return {
    clockId, status, priority, targetMillis: target, elapsedMillis: 0, pausedMillis: 0, pausedWallMillis: 0,
    remainingMillis: target, percentUsed: target === null ? null : 0, dueAt: null, atRisk: false, atRiskAt: null,
    breached: false, breachedAt: null, stoppedAt: null, cycles: 0, breachedInEarlierCycle: false, segments: [],
  };
}

/**
 * The first instant in a running segment [from, to) (to included when the segment is still
 * open at `now`) at which the business time used reaches `target`, or null.
 */
function crossing(calendar: BusinessCalendar, target: number, usedAtFrom: number, fromPosition: number, toPosition: number, from: number, to: number, open: boolean): number | null {
  const remaining = target - usedAtFrom;
  if (remaining <= 0) return from;
  if (toPosition - fromPosition < remaining) return null;
  const at = instantAtBusinessPosition(calendar, fromPosition + remaining, from);
  return at < to || (open && at <= to) ? at : null;
}

/** Computes one clock over one ticket's timeline. */
export function computeSlaClock(timeline: readonly TimelineEvent[], definition: ClockDefinition, options: SlaClockOptions): SlaClockResult {
  const clock = compileClock(definition);
  return evaluate(timeline, clock, options.calendar, options.now, options.explain ?? true);
}

/**
 * Computes several clocks over one timeline: the customer SLA's response and resolution, an OLA
 * per resolver group, an underpinning contract per supplier.
 */
export function computeSlaClocks(timeline: readonly TimelineEvent[], definitions: readonly ClockDefinition[], options: SlaClocksOptions): SlaClockResult[] {
  return definitions.map((definition) => {
    let calendar = options.calendar;
    if (definition.calendarId !== undefined) {
      const named = options.calendars?.[definition.calendarId];
      if (!named) throw new AppError('validation', `Clock "${definition.id}" uses calendar "${definition.calendarId}", which was not supplied`, { errors: [{ field: 'calendarId', reason: 'unknown calendar' }] });
      calendar = named;
    }
    return evaluate(timeline, compileClock(definition), calendar, options.now, options.explain ?? true);
  });
}

function evaluate(timeline: readonly TimelineEvent[], clock: CompiledClock, calendar: BusinessCalendar, now: number, explain: boolean): SlaClockResult {
  const definition = clock.definition;
  const count = timeline.length;
  let last = -1;
  let finalPriority: string | null = null;
  let finalSla: string | null = null;
  let previousAt = -Infinity;
  for (let i = 0; i < count; i++) {
    const event = timeline[i] as TimelineEvent;
    if (!(event.at >= previousAt)) {
      throw new AppError('validation', `Timeline events must be in time order: event ${i} at ${String(event.at)} comes before ${String(previousAt)}`, { errors: [{ field: `timeline[${i}].at`, reason: 'is out of order' }] });
    }
    previousAt = event.at;
    if (event.at > now) break;
    last = i;
    if (event.priority !== undefined) finalPriority = event.priority;
    if (event.slaId !== undefined) finalSla = event.slaId;
  }
  const retroactive = clock.recompute === 'retroactive';
  const finalTarget = finalPriority === null ? null : clock.targets.get(finalPriority) ?? null;
  if (last < 0) return emptyResult(definition.id, 'inactive', finalPriority, finalTarget);
  if (retroactive && definition.slaId !== undefined && finalSla !== definition.slaId) {
    return emptyResult(definition.id, 'not-applicable', finalPriority, finalTarget);
  }

  const ticket: TicketState = { status: null, priority: null, slaId: null, assignmentGroup: null, supplierHeld: false, supplier: null };
  const segments: ClockSegment[] = [];
  let elapsed = 0;
  let paused = 0;
  let pausedWall = 0;
  let breachedAt: number | null = null;
  let atRiskAt: number | null = null;
  let dueAt: number | null = null;
  let stoppedAt: number | null = null;
  let cycles = 1;
  let breachedEarlier = false;
  let finished = false;
  let responded = false;
  let state: ClockState = 'inactive';
  let reason: string | null = null;
  let target: number | null = finalTarget;

  let i = 0;
  // The business position of the current segment's start: the previous segment's end.
  let carriedPosition = Number.NaN;
  let carriedAt = Number.NaN;
  while (i <= last) {
    const from = (timeline[i] as TimelineEvent).at;
    while (i <= last && (timeline[i] as TimelineEvent).at === from) {
      const event = timeline[i] as TimelineEvent;
      applyEvent(ticket, event);
      if (event.responded === true) responded = true;
      i++;
    }
    const open = i > last;
    const to = open ? now : (timeline[i] as TimelineEvent).at;
    const previousState = state;
    const status = ticket.status;
    if (finished) {
      state = 'stopped';
    } else if ((status !== null && clock.stopStatuses.has(status)) || (definition.stopOnFirstResponse === true && responded)) {
      state = 'stopped';
      reason = definition.stopOnFirstResponse === true && responded ? 'responded' : status;
      if (previousState !== 'stopped') stoppedAt = from;
      if (clock.onReopen === 'stay-stopped') finished = true;
    } else {
      if (previousState === 'stopped') {
        stoppedAt = null;
        if (clock.onReopen === 'restart') {
          breachedEarlier ||= breachedAt !== null;
          elapsed = 0;
          paused = 0;
          pausedWall = 0;
          breachedAt = null;
          atRiskAt = null;
          cycles++;
        }
      }
      if (!retroactive) target = ticket.priority === null ? null : clock.targets.get(ticket.priority) ?? null;
      if (!retroactive && definition.slaId !== undefined && ticket.slaId !== definition.slaId) {
        state = 'inactive';
        reason = `SLA ${definition.slaId} not in force`;
      } else if (!clock.runsAlways && !conditionHolds(clock.runsWhile, ticket)) {
        state = 'inactive';
        reason = inactiveReason(clock.runsWhile);
      } else if (status !== null && clock.pauseStatuses.has(status)) {
        state = 'paused';
        reason = status;
      } else {
        state = 'running';
        reason = null;
      }
    }
    let business = 0;
    if (state === 'running' || state === 'paused' || explain) {
      const fromPosition = carriedAt === from ? carriedPosition : businessPosition(calendar, from);
      const toPosition = to > from ? businessPosition(calendar, to) : fromPosition;
      carriedAt = to;
      carriedPosition = toPosition;
      business = toPosition - fromPosition;
      if (state === 'running') {
        if (target !== null) {
          if (breachedAt === null) breachedAt = crossing(calendar, target, elapsed, fromPosition, toPosition, from, to, open);
          const riskTarget = Math.ceil((target * clock.atRiskPercent) / 100);
          if (atRiskAt === null) atRiskAt = crossing(calendar, riskTarget, elapsed, fromPosition, toPosition, from, to, open);
          if (open) {
            dueAt = breachedAt ?? instantAtBusinessPosition(calendar, toPosition + target - elapsed - business, to);
            atRiskAt ??= instantAtBusinessPosition(calendar, toPosition + riskTarget - elapsed - business, to);
          }
        }
        elapsed += business;
      } else if (state === 'paused') {
        paused += business;
        pausedWall += to - from;
      }
    }
    if (explain) {
      const priority = retroactive ? null : ticket.priority;
      const previous = segments[segments.length - 1];
      if (previous && previous.state === state && previous.reason === reason && previous.priority === priority) {
        previous.to = to;
        previous.businessMillis += business;
        previous.wallMillis = to - previous.from;
      } else {
        segments.push({ state, from, to, businessMillis: business, wallMillis: to - from, reason: state === 'running' ? null : reason, priority, text: '' });
      }
    }
  }

  for (const segment of segments) segment.text = segmentText(segment);
  const percentUsed = target === null ? null : (elapsed / target) * 100;
  const breached = breachedAt !== null;
  return {
    clockId: definition.id,
    status: state,
    priority: retroactive ? finalPriority : ticket.priority,
    targetMillis: target,
    elapsedMillis: elapsed,
    pausedMillis: paused,
    pausedWallMillis: pausedWall,
    remainingMillis: target === null ? null : Math.max(0, target - elapsed),
    percentUsed,
    dueAt: state === 'running' ? dueAt : null,
    atRisk: !breached && state !== 'stopped' && percentUsed !== null && percentUsed >= clock.atRiskPercent,
    atRiskAt,
    breached,
    breachedAt,
    stoppedAt,
    cycles,
    breachedInEarlierCycle: breachedEarlier,
    segments,
  };
}
