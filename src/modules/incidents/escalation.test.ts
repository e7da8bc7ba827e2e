import { describe, expect, it } from 'vitest';
import { createBusinessCalendar } from '../../kernel/calendar/index.js';
import { defaultEscalation, escalationProblems, levelReached, nextEscalationAt, type EscalationSettings } from './escalation.js';

const hour = 3_600_000;
const clock = (elapsed: number, flags: { atRisk?: boolean; breached?: boolean } = {}) => ({ status: 'running', atRisk: flags.atRisk ?? false, breached: flags.breached ?? false, elapsedMillis: elapsed, targetMillis: 8 * hour });
const office = [{ start: '09:00', end: '17:00' }];
const weekdays = createBusinessCalendar({ timeZone: 'UTC', workingHours: { monday: office, tuesday: office, wednesday: office, thursday: office, friday: office } });

describe('escalation levels', () => {
  it('reaches the highest level whose condition holds', () => {
    expect(levelReached(defaultEscalation, clock(2 * hour))).toBe(0);
    expect(levelReached(defaultEscalation, clock(6 * hour, { atRisk: true }))).toBe(1);
    expect(levelReached(defaultEscalation, clock(8 * hour, { breached: true }))).toBe(2);
    expect(levelReached(defaultEscalation, clock(12 * hour, { breached: true }))).toBe(3);
  });

  it('says when a running clock reaches the next share of its target, in business hours', () => {
    // Friday 15:00 with 10 h of 8 h used: 150% = 12 h is 2 working hours on, at 17:00, the end of the working day.
    const friday = Date.parse('2026-03-06T15:00:00Z');
    expect(nextEscalationAt(defaultEscalation, 2, { ...clock(10 * hour, { breached: true }), computedAt: friday }, weekdays)).toBe(Date.parse('2026-03-06T17:00:00Z'));
    expect(nextEscalationAt(defaultEscalation, 2, { ...clock(11 * hour, { breached: true }), computedAt: friday }, weekdays)).toBe(Date.parse('2026-03-06T16:00:00Z'));
    expect(nextEscalationAt(defaultEscalation, 3, { ...clock(13 * hour, { breached: true }), computedAt: friday }, weekdays)).toBeNull();
    expect(nextEscalationAt(defaultEscalation, 2, { ...clock(10 * hour, { breached: true }), status: 'paused', computedAt: friday }, weekdays)).toBeNull();
  });

  it('names every problem with a set of levels', () => {
    expect(escalationProblems(defaultEscalation)).toEqual([]);
    const bad: EscalationSettings = {
      levels: [{ when: 'breached', notify: [] }, { when: 'at-risk', percent: 50, notify: ['assignee'] }, { when: 'elapsed', notify: ['nobody' as 'assignee'] }],
      groupAddresses: { Network: 'not an address' },
    };
    expect(escalationProblems(bad).map((p) => p.field)).toEqual(['levels[0].notify', 'levels[1].percent', 'levels[1].when', 'levels[2].percent', 'levels[2].notify[0]', 'groupAddresses.Network']);
  });
});
