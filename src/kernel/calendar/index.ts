export {
  weekdays,
  type BusinessCalendarDefinition, type Holiday, type Weekday, type WorkingPeriod,
} from './calendar-definition.js';
export {
  addBusinessMillis, businessMillisBetween, businessPosition, createBusinessCalendar,
  firstSupportedYear, instantAtBusinessPosition, isWorkingInstant, lastSupportedYear,
  nextWorkingInstant, workingIntervalsBetween,
  type BusinessCalendar, type WorkingInterval,
} from './business-calendar.js';
export {
  compileClock,
  type ClockDefinition, type CompiledClock, type RecomputePolicy, type ReopenPolicy,
  type RunCondition, type TimelineEvent,
} from './clock-definition.js';
export {
  computeSlaClock, computeSlaClocks,
  type ClockSegment, type ClockState, type ClockStatus, type SlaClockOptions, type SlaClockResult,
  type SlaClocksOptions,
} from './sla-clock.js';
export { timelineFromHistory, type HistoryLike, type TimelineFieldNames } from './clock-timeline.js';
export { formatDuration, parseDuration, type DurationTextOptions } from './duration-text.js';
export { explainClock, type ExplainedClockResult } from './explained-clock.js';
