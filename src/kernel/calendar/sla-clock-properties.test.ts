import { describe, expect, it } from 'vitest';
import { businessMillisBetween, createBusinessCalendar } from './business-calendar.js';
import type { ClockDefinition, TimelineEvent } from './clock-definition.js';
import { computeSlaClock } from './sla-clock.js';
import { seededRandom } from '../../platform/random/seeded-random.js';

const hour = 3_600_000;
const day = 24 * hour;
const office = [{ start: '08:00', end: '18:00' }];
const calendar = createBusinessCalendar({
  timeZone: 'Europe/London',
  workingHours: { monday: office, tuesday: office, wednesday: office, thursday: office, friday: office },
  holidays: ['2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26', '2026-01-01'].map((date) => ({ date })),
});
const statuses = ['in-progress', 'awaiting-customer', 'in-progress', 'resolved', 'in-progress'];
const priorities = ['P1', 'P2', 'P3'];

function ticket(random: () => number): { timeline: TimelineEvent[]; end: number } {
  let t = Date.parse('2025-01-01T00:00:00Z') + Math.floor(random() * 360 * day);
  const timeline: TimelineEvent[] = [{ at: t, status: 'new', priority: priorities[Math.floor(random() * 3)] as string }];
  const events = Math.floor(random() * 6);
  for (let i = 0; i < events; i++) {
    t += Math.floor(random() * 2 * day);
    const event: TimelineEvent = { at: t, status: statuses[Math.floor(random() * statuses.length)] as string };
    if (random() < 0.2) event.priority = priorities[Math.floor(random() * 3)] as string;
    timeline.push(event);
  }
  return { timeline, end: t + Math.floor(random() * 3 * day) };
}

describe.each(['retroactive', 'from-change'] as const)('SLA clock properties (%s)', (recompute) => {
  const definition: ClockDefinition = {
    id: 'resolution', recompute, pauseStatuses: ['awaiting-customer'], stopStatuses: ['resolved'],
    targets: { P1: 4 * hour, P2: 8 * hour, P3: 16 * hour },
  };

  it('running, paused and stopped time add up to the business time of the ticket', () => {
    const random = seededRandom(99);
    for (let n = 0; n < 2000; n++) {
      const { timeline, end } = ticket(random);
      const result = computeSlaClock(timeline, definition, { now: end, calendar });
      const sum = (state: string): number => result.segments.filter((s) => s.state === state).reduce((a, s) => a + s.businessMillis, 0);
      expect(sum('running')).toBe(result.elapsedMillis);
      expect(sum('paused')).toBe(result.pausedMillis);
      expect(sum('running') + sum('paused') + sum('stopped')).toBe(businessMillisBetween(calendar, (timeline[0] as TimelineEvent).at, end));
      // the explanation covers the whole life of the ticket without gaps
      result.segments.forEach((segment, i) => expect(segment.from).toBe(i === 0 ? (timeline[0] as TimelineEvent).at : result.segments[i - 1]?.to));
    }
  });

  it('is breached exactly from its breach instant, and a running clock breaches at its due instant', () => {
    const random = seededRandom(2024);
    let checkedBreaches = 0;
    let checkedDues = 0;
    for (let n = 0; n < 2000; n++) {
      const { timeline, end } = ticket(random);
      const result = computeSlaClock(timeline, definition, { now: end, calendar, explain: false });
      // Retroactively, a later priority change rewrites the past: the clock as seen at the breach
      // instant used the priority of that time. Compare only when no change follows the breach.
      const rewrittenLater = recompute === 'retroactive' && timeline.some((e) => e.priority !== undefined && e.at > (result.breachedAt ?? Infinity));
      if (result.breachedAt !== null) {
        if (rewrittenLater) continue;
        const at = result.breachedAt;
        expect(computeSlaClock(timeline, definition, { now: at, calendar, explain: false })).toMatchObject({ breached: true, breachedAt: at });
        expect(computeSlaClock(timeline, definition, { now: at - 1, calendar, explain: false }).breached).toBe(false);
        checkedBreaches++;
      } else if (result.status === 'running' && result.dueAt !== null) {
        // nothing else happens: at the due instant the clock has used its whole target and is breached
        const atDue = computeSlaClock(timeline, definition, { now: result.dueAt, calendar, explain: false });
        expect(atDue).toMatchObject({ breached: true, breachedAt: result.dueAt, elapsedMillis: result.targetMillis });
        checkedDues++;
      }
    }
    expect(checkedBreaches).toBeGreaterThan(100);
    expect(checkedDues).toBeGreaterThan(100);
  });
});
