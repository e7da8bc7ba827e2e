import { Type } from 'typebox';

/** An instant in epoch milliseconds, or null when it has not happened (or will not). */
export const Instant = Type.Union([Type.Number({ description: 'epoch milliseconds' }), Type.Null()]);

/** One stretch of a clock's life, explained: `paused 2h 10m awaiting customer`. */
export const ClockSegmentView = Type.Object({
  from: Type.Number({ description: 'epoch milliseconds' }),
  to: Type.Number({ description: 'epoch milliseconds' }),
  state: Type.String({ description: 'running, paused, stopped or inactive' }),
  businessMillis: Type.Number({ description: "business time inside the segment, by the clock's calendar" }),
  wallMillis: Type.Number(),
  reason: Type.Union([Type.String(), Type.Null()], { description: 'why paused, stopped or inactive: the status, or the run condition that did not hold' }),
  text: Type.String({ description: 'e.g. "paused 2h 10m awaiting customer"' }),
}, { additionalProperties: true });

/**
 * A clock replayed from a record's history, as the API returns it: the kernel's result with its
 * name and its elapsed and remaining business time in words. Shared by every module that
 * explains a clock (incidents, service requests), so they answer in one shape.
 */
export const ExplainedClock = Type.Object({
  clockId: Type.String(),
  name: Type.String(),
  status: Type.String({ description: 'running, paused, stopped, inactive or not-applicable' }),
  priority: Type.Union([Type.String(), Type.Null()]),
  targetMillis: Type.Union([Type.Number(), Type.Null()], { description: 'business milliseconds' }),
  elapsedMillis: Type.Number({ description: 'business milliseconds run in the current cycle' }),
  pausedMillis: Type.Number({ description: 'business milliseconds paused in the current cycle' }),
  remainingMillis: Type.Union([Type.Number(), Type.Null()], { description: 'negative once overdue' }),
  percentUsed: Type.Union([Type.Number(), Type.Null()]),
  dueAt: Instant,
  atRisk: Type.Boolean(),
  atRiskAt: Instant,
  breached: Type.Boolean(),
  breachedAt: Instant,
  stoppedAt: Instant,
  elapsedText: Type.String(),
  remainingText: Type.Union([Type.String(), Type.Null()], { description: 'the remaining, or once overdue the overdue, business time in words' }),
  segments: Type.Array(ClockSegmentView),
  calendar: Type.Optional(Type.Object({ id: Type.String(), name: Type.String() }, { description: 'The business calendar the clock counts in, by name; given where clocks of one record may count in different calendars (an OLA\'s own)' })),
}, { additionalProperties: true });
