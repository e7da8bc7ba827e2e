import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/app-error.js';
import { createBusinessCalendar } from './business-calendar.js';
import { compileClock, type ClockDefinition, type TimelineEvent } from './clock-definition.js';
import { computeSlaClock, computeSlaClocks, type SlaClockResult } from './sla-clock.js';

const minute = 60_000;
const hour = 3_600_000;
const at = (iso: string): number => Date.parse(iso);
const office = [{ start: '08:00', end: '18:00' }];

// Europe/London, Mon–Fri 08:00–18:00. In June 2025 London is on BST (UTC+1): 09:00 BST = 08:00Z.
const london = createBusinessCalendar({
  timeZone: 'Europe/London',
  workingHours: { monday: office, tuesday: office, wednesday: office, thursday: office, friday: office },
  holidays: [{ date: '2025-12-25' }, { date: '2025-12-26' }],
});

const resolution: ClockDefinition = {
  id: 'resolution',
  pauseStatuses: ['awaiting-customer', 'awaiting-supplier'],
  stopStatuses: ['resolved', 'closed'],
  targets: { P1: 4 * hour, P2: 8 * hour, P3: 16 * hour },
};

const clock = (timeline: TimelineEvent[], now: string, definition: ClockDefinition = resolution, calendar = london): SlaClockResult =>
  computeSlaClock(timeline, definition, { now: at(now), calendar });
const texts = (result: SlaClockResult): string[] => result.segments.map((segment) => segment.text);

// Mon 9 June 2025 09:00 BST
const mondayNine = { at: at('2025-06-09T08:00:00Z'), status: 'new', priority: 'P2' };

describe('a running resolution clock', () => {
  it('reports elapsed time, due instant and the at-risk threshold', () => {
    // 09:00 → 15:00 BST = 6h of 8h = 75% → at risk (threshold 75%); due 09:00 + 8h = 17:00 BST = 16:00Z
    const result = clock([mondayNine], '2025-06-09T14:00:00Z');
    expect(result).toMatchObject({
      status: 'running', priority: 'P2', targetMillis: 8 * hour, elapsedMillis: 6 * hour, remainingMillis: 2 * hour,
      percentUsed: 75, atRisk: true, atRiskAt: at('2025-06-09T14:00:00Z'), dueAt: at('2025-06-09T16:00:00Z'), breached: false,
    });
    expect(texts(result)).toEqual(['running 6h']);
  });

  it('is not at risk one millisecond before the threshold, and says when it will be', () => {
    // 6h − 1ms used: 74.99…%; at risk at 09:00 + 6h = 15:00 BST = 14:00Z
    const result = clock([mondayNine], '2025-06-09T13:59:59.999Z');
    expect(result.atRisk).toBe(false);
    expect(result.atRiskAt).toBe(at('2025-06-09T14:00:00Z'));
  });

  it('ignores events after the evaluation instant', () => {
    const result = clock([mondayNine, { at: at('2025-06-09T12:00:00Z'), status: 'resolved' }], '2025-06-09T11:00:00Z');
    // 09:00 → 12:00 BST = 3h, still running
    expect(result).toMatchObject({ status: 'running', elapsedMillis: 3 * hour });
  });
});

describe('pauses', () => {
  it('stops counting while awaiting the customer', () => {
    const result = clock([
      mondayNine,
      { at: at('2025-06-09T09:00:00Z'), status: 'awaiting-customer' }, // 10:00 BST
      { at: at('2025-06-09T13:00:00Z'), status: 'in-progress' }, // 14:00 BST
    ], '2025-06-09T15:00:00Z'); // 16:00 BST
    // running 09–10 (1h) + 14–16 (2h) = 3h; paused 10–14 = 4h
    // due: 5h left at 16:00 BST → 16–18 Mon (2h) + Tue 08–11 (3h) = Tue 11:00 BST = 10:00Z
    expect(result).toMatchObject({ status: 'running', elapsedMillis: 3 * hour, pausedMillis: 4 * hour, pausedWallMillis: 4 * hour, dueAt: at('2025-06-10T10:00:00Z') });
    expect(texts(result)).toEqual(['running 1h', 'paused 4h awaiting customer', 'running 2h']);
  });

  it('counts no business time for a pause that starts and ends outside working hours', () => {
    const result = clock([
      { ...mondayNine, priority: 'P3' },
      { at: at('2025-06-09T18:00:00Z'), status: 'awaiting-customer' }, // Mon 19:00 BST
      { at: at('2025-06-10T06:00:00Z'), status: 'in-progress' }, // Tue 07:00 BST
    ], '2025-06-10T09:00:00Z'); // Tue 10:00 BST
    // Mon 09–18 = 9h; pause 19:00–07:00 holds no working time (12h wall); Tue 08–10 = 2h; total 11h of 16h
    // due: 5h left at Tue 10:00 BST → 15:00 BST = 14:00Z
    expect(result).toMatchObject({ elapsedMillis: 11 * hour, pausedMillis: 0, pausedWallMillis: 12 * hour, dueAt: at('2025-06-10T14:00:00Z') });
    expect(texts(result)).toEqual(['running 9h', 'paused 0m awaiting customer', 'running 2h']);
  });

  it('gives no due instant while paused but still reports at risk', () => {
    const result = clock([
      mondayNine,
      { at: at('2025-06-09T15:00:00Z'), status: 'awaiting-supplier' }, // 16:00 BST: 7h used
    ], '2025-06-10T12:00:00Z');
    // 7h of 8h = 87.5% ≥ 75%; paused Mon 16–18 (2h) + Tue 08–13 BST (5h) = 7h of business time
    expect(result).toMatchObject({ status: 'paused', elapsedMillis: 7 * hour, pausedMillis: 7 * hour, percentUsed: 87.5, atRisk: true, dueAt: null, breached: false });
  });
});

describe('weekends, holidays and breach exactness', () => {
  // Fri 13 June 2025 16:00 BST
  const fridayFour = { at: at('2025-06-13T15:00:00Z'), status: 'new', priority: 'P2' };

  it('carries a ticket over the weekend', () => {
    // Fri 16–18 (2h) + Mon 08–13 BST (5h) = 7h; resolved within the 8h target
    const resolved = clock([fridayFour, { at: at('2025-06-16T12:00:00Z'), status: 'resolved' }], '2025-06-16T15:00:00Z');
    expect(resolved).toMatchObject({ status: 'stopped', elapsedMillis: 7 * hour, breached: false, stoppedAt: at('2025-06-16T12:00:00Z'), dueAt: null });
    // still open: due Fri 2h + Mon 08:00 + 6h = Mon 14:00 BST = 13:00Z, breached at that instant;
    // at Mon 16:00 BST it has used Fri 2h + Mon 08–16 (8h) = 10h
    const open = clock([fridayFour], '2025-06-16T15:00:00Z');
    expect(open).toMatchObject({ breached: true, breachedAt: at('2025-06-16T13:00:00Z'), dueAt: at('2025-06-16T13:00:00Z'), elapsedMillis: 10 * hour, remainingMillis: 0, percentUsed: 125 });
  });

  it('meets a target resolved exactly at the due instant and breaches it a millisecond later', () => {
    const p1 = { ...mondayNine, priority: 'P1' };
    // 09:00 BST + 4h = 13:00 BST = 12:00Z
    const onTime = clock([p1, { at: at('2025-06-09T12:00:00Z'), status: 'resolved' }], '2025-06-09T16:00:00Z');
    expect(onTime).toMatchObject({ breached: false, breachedAt: null, elapsedMillis: 4 * hour, percentUsed: 100, atRisk: false });
    const late = clock([p1, { at: at('2025-06-09T12:00:00.001Z'), status: 'resolved' }], '2025-06-09T16:00:00Z');
    expect(late).toMatchObject({ breached: true, breachedAt: at('2025-06-09T12:00:00Z'), elapsedMillis: 4 * hour + 1 });
    // an open ticket is breached at the due instant itself, not before
    expect(clock([p1], '2025-06-09T11:59:59.999Z').breached).toBe(false);
    expect(clock([p1], '2025-06-09T12:00:00Z')).toMatchObject({ breached: true, breachedAt: at('2025-06-09T12:00:00Z') });
  });

  it('breaches at Friday 18:00 a ticket due then and resolved on Saturday', () => {
    // Fri 13 June 10:00 BST + 8h = 18:00 BST = 17:00Z
    const created = { at: at('2025-06-13T09:00:00Z'), status: 'new', priority: 'P2' };
    const saturday = clock([created, { at: at('2025-06-14T10:00:00Z'), status: 'resolved' }], '2025-06-15T00:00:00Z');
    expect(saturday).toMatchObject({ breached: true, breachedAt: at('2025-06-13T17:00:00Z'), elapsedMillis: 8 * hour, percentUsed: 100 });
    const atSix = clock([created, { at: at('2025-06-13T17:00:00Z'), status: 'resolved' }], '2025-06-15T00:00:00Z');
    expect(atSix.breached).toBe(false);
  });

  it('skips the Christmas holidays', () => {
    // Wed 24 Dec 2025 14:00 GMT: 14–18 = 4h; 25, 26 holidays; 27, 28 weekend; Mon 29 08:00 + 4h = 12:00Z
    const result = clock([{ at: at('2025-12-24T14:00:00Z'), status: 'new', priority: 'P2' }], '2025-12-24T15:00:00Z');
    expect(result.dueAt).toBe(at('2025-12-29T12:00:00Z'));
  });
});

describe('time zones and daylight saving', () => {
  it('New York: due across the spring-forward weekend', () => {
    const newYork = createBusinessCalendar({ timeZone: 'America/New_York', workingHours: { monday: office, tuesday: office, wednesday: office, thursday: office, friday: office } });
    // Fri 7 Mar 2025 16:00 EST (21:00Z) → 18:00 EST = 2h; Mon 10 Mar 08:00 EDT (12:00Z) + 6h = 18:00Z
    const result = clock([{ at: at('2025-03-07T21:00:00Z'), status: 'new', priority: 'P2' }], '2025-03-07T22:00:00Z', resolution, newYork);
    expect(result.dueAt).toBe(at('2025-03-10T18:00:00Z'));
  });

  it('London fall back inside working hours: the repeated hour is worked and counted', () => {
    const nightShift = createBusinessCalendar({ timeZone: 'Europe/London', workingHours: { sunday: [{ start: '00:00', end: '06:00' }] } });
    const sixHours: ClockDefinition = { ...resolution, targets: { P1: 6 * hour } };
    // Sun 26 Oct 2025 00:00 BST = 25 Oct 23:00Z; the shift runs to 06:00 GMT = 06:00Z (7 real hours).
    // 6h target: 23:00Z + 6h = 05:00Z (05:00 GMT on the wall), not 06:00 as wall-clock arithmetic would say
    const result = clock([{ at: at('2025-10-25T23:00:00Z'), status: 'new', priority: 'P1' }], '2025-10-25T23:30:00Z', sixHours, nightShift);
    expect(result.dueAt).toBe(at('2025-10-26T05:00:00Z'));
  });

  it('London spring forward inside working hours: the missing hour is not counted', () => {
    const nightShift = createBusinessCalendar({ timeZone: 'Europe/London', workingHours: { sunday: [{ start: '00:00', end: '04:00' }] } });
    const created = { at: at('2025-03-30T00:00:00Z'), status: 'new', priority: 'P1' };
    // Sun 30 Mar 2025 00:00 GMT = 00:00Z → 04:00 BST = 03:00Z: 3 real hours that night
    expect(clock([created], '2025-03-30T00:10:00Z', { ...resolution, targets: { P1: 3 * hour } }, nightShift).dueAt).toBe(at('2025-03-30T03:00:00Z'));
    // 3h30m: 3h that night + 30m next Sunday, 6 Apr 00:00 BST (5 Apr 23:00Z) → 23:30Z
    expect(clock([created], '2025-03-30T00:10:00Z', { ...resolution, targets: { P1: 3.5 * hour } }, nightShift).dueAt).toBe(at('2025-04-05T23:30:00Z'));
  });

  it('24×7: business time is real time', () => {
    const allDay = [{ start: '00:00', end: '24:00' }];
    const always = createBusinessCalendar({ timeZone: 'Australia/Sydney', workingHours: { monday: allDay, tuesday: allDay, wednesday: allDay, thursday: allDay, friday: allDay, saturday: allDay, sunday: allDay } });
    // Sat 5 Apr 2025 10:00Z, Sydney falls back during the night; P1 4h → 14:00Z regardless
    const result = clock([{ at: at('2025-04-05T10:00:00Z'), status: 'new', priority: 'P1' }], '2025-04-05T13:00:00Z', resolution, always);
    expect(result).toMatchObject({ elapsedMillis: 3 * hour, dueAt: at('2025-04-05T14:00:00Z') });
  });
});

describe('reopening after resolution', () => {
  const timeline: TimelineEvent[] = [
    { ...mondayNine, priority: 'P3' },
    { at: at('2025-06-09T11:00:00Z'), status: 'resolved' }, // Mon 12:00 BST: 3h used
    { at: at('2025-06-10T09:00:00Z'), status: 'in-progress' }, // reopened Tue 10:00 BST
  ];
  const now = '2025-06-10T11:00:00Z'; // Tue 12:00 BST

  it('resumes by default', () => {
    // 3h + Tue 10–12 (2h) = 5h; 11h left → Tue 12–18 (6h) + Wed 08–13 (5h) = Wed 13:00 BST = 12:00Z
    const result = clock(timeline, now);
    expect(result).toMatchObject({ status: 'running', elapsedMillis: 5 * hour, cycles: 1, stoppedAt: null, dueAt: at('2025-06-11T12:00:00Z') });
    expect(texts(result)).toEqual(['running 3h', 'stopped: resolved', 'running 2h']);
  });

  it('restarts from zero under the restart policy', () => {
    // Tue 10–12 = 2h; 14h left → Tue 12–18 (6h) + Wed 08–16 (8h) = Wed 16:00 BST = 15:00Z
    const result = clock(timeline, now, { ...resolution, onReopen: 'restart' });
    expect(result).toMatchObject({ status: 'running', elapsedMillis: 2 * hour, cycles: 2, dueAt: at('2025-06-11T15:00:00Z'), breachedInEarlierCycle: false });
  });

  it('stays stopped under the stay-stopped policy', () => {
    const result = clock(timeline, now, { ...resolution, onReopen: 'stay-stopped' });
    expect(result).toMatchObject({ status: 'stopped', elapsedMillis: 3 * hour, stoppedAt: at('2025-06-09T11:00:00Z'), dueAt: null });
  });

  it('remembers a breach from an earlier cycle after a restart', () => {
    // P1 4h: breached Mon 13:00 BST, resolved 15:00 BST, reopened Tue 09:00 BST; now Tue 10:00 BST → 1h
    const result = clock([
      { ...mondayNine, priority: 'P1' },
      { at: at('2025-06-09T14:00:00Z'), status: 'resolved' },
      { at: at('2025-06-10T08:00:00Z'), status: 'in-progress' },
    ], '2025-06-10T09:00:00Z', { ...resolution, onReopen: 'restart' });
    expect(result).toMatchObject({ breached: false, breachedInEarlierCycle: true, elapsedMillis: hour, cycles: 2 });
  });
});

describe('priority changes', () => {
  it('a downgrade clears the breach retroactively but not from the change', () => {
    const timeline: TimelineEvent[] = [
      { ...mondayNine, priority: 'P1' },
      { at: at('2025-06-09T13:00:00Z'), priority: 'P3' }, // Mon 14:00 BST, 5h used: P1's 4h ran out at 13:00 BST
    ];
    const now = '2025-06-09T15:00:00Z'; // Mon 16:00 BST: 7h used
    // retroactive: P3 (16h) from the start; 9h left → Mon 16–18 (2h) + Tue 08–15 (7h) = Tue 15:00 BST = 14:00Z
    expect(clock(timeline, now)).toMatchObject({ priority: 'P3', targetMillis: 16 * hour, elapsedMillis: 7 * hour, breached: false, dueAt: at('2025-06-10T14:00:00Z') });
    // from-change: the P1 breach at 13:00 BST (12:00Z) happened and stands
    const fromChange = clock(timeline, now, { ...resolution, recompute: 'from-change' });
    expect(fromChange).toMatchObject({ priority: 'P3', targetMillis: 16 * hour, elapsedMillis: 7 * hour, breached: true, breachedAt: at('2025-06-09T12:00:00Z') });
    expect(texts(fromChange)).toEqual(['running 5h (P1)', 'running 2h (P3)']);
  });

  it('an upgrade breaches at the original instant retroactively, at the change from-change', () => {
    const timeline: TimelineEvent[] = [
      { ...mondayNine, priority: 'P3' },
      { at: at('2025-06-10T08:00:00Z'), priority: 'P1' }, // Tue 09:00 BST: Mon 9h + Tue 1h = 10h used
    ];
    const now = '2025-06-10T09:00:00Z';
    // retroactive: P1 4h from Mon 09:00 BST → Mon 13:00 BST = 12:00Z
    expect(clock(timeline, now)).toMatchObject({ breached: true, breachedAt: at('2025-06-09T12:00:00Z'), elapsedMillis: 11 * hour });
    // from-change: 10h used already exceeds 4h when P1 is set → breached at the change, Tue 08:00Z
    expect(clock(timeline, now, { ...resolution, recompute: 'from-change' })).toMatchObject({ breached: true, breachedAt: at('2025-06-10T08:00:00Z') });
  });
});

describe('OLA, underpinning contract and response clocks over one timeline', () => {
  const olaNetwork: ClockDefinition = {
    id: 'ola-network', runsWhile: { kind: 'ola', group: 'network' },
    pauseStatuses: ['awaiting-customer'], stopStatuses: ['resolved', 'closed'], targets: { P2: 4 * hour },
  };
  const contractAcme: ClockDefinition = {
    id: 'uc-acme', runsWhile: { kind: 'supplier', supplier: 'acme' }, stopStatuses: ['resolved', 'closed'], targets: { P2: 2 * hour },
  };
  const response: ClockDefinition = {
    id: 'response', stopOnFirstResponse: true, stopStatuses: ['resolved', 'closed'], targets: { P2: 30 * minute },
  };

  it('runs the OLA clock only while the ticket is assigned to the group', () => {
    const timeline: TimelineEvent[] = [
      { ...mondayNine, assignmentGroup: 'service-desk' },
      { at: at('2025-06-09T09:00:00Z'), assignmentGroup: 'network' }, // 10:00 BST
      { at: at('2025-06-09T11:00:00Z'), assignmentGroup: 'service-desk' }, // 12:00 BST
      { at: at('2025-06-09T13:00:00Z'), assignmentGroup: 'network' }, // 14:00 BST
    ];
    // network 10–12 (2h) + 14–15 (1h) = 3h; 1h left → 16:00 BST = 15:00Z
    const result = clock(timeline, '2025-06-09T14:00:00Z', olaNetwork);
    expect(result).toMatchObject({ status: 'running', elapsedMillis: 3 * hour, dueAt: at('2025-06-09T15:00:00Z') });
    expect(texts(result)).toEqual(['inactive 1h not assigned to network', 'running 2h', 'inactive 2h not assigned to network', 'running 1h']);
    // while with the service desk the OLA clock is inactive and has no due instant
    expect(clock(timeline, '2025-06-09T12:00:00Z', olaNetwork)).toMatchObject({ status: 'inactive', elapsedMillis: 2 * hour, dueAt: null });
    // the customer's resolution clock runs throughout: 09:00 → 15:00 BST = 6h
    expect(clock(timeline, '2025-06-09T14:00:00Z').elapsedMillis).toBe(6 * hour);
  });

  it('evaluates response, resolution, OLA and underpinning-contract clocks together', () => {
    const timeline: TimelineEvent[] = [
      { ...mondayNine, assignmentGroup: 'network' },
      { at: at('2025-06-09T08:20:00Z'), status: 'in-progress', responded: true }, // 09:20 BST
      { at: at('2025-06-09T09:00:00Z'), status: 'awaiting-supplier', supplierHeld: true, supplier: 'acme' }, // 10:00 BST
      { at: at('2025-06-09T12:00:00Z'), status: 'in-progress', supplierHeld: false, supplier: null }, // 13:00 BST
    ];
    const results = computeSlaClocks(timeline, [response, resolution, olaNetwork, contractAcme], { now: at('2025-06-09T13:00:00Z'), calendar: london });
    const byId = Object.fromEntries(results.map((r) => [r.clockId, r]));
    // response: 09:00 → 09:20 = 20m of 30m, met
    expect(byId.response).toMatchObject({ status: 'stopped', elapsedMillis: 20 * minute, breached: false, stoppedAt: at('2025-06-09T08:20:00Z') });
    // resolution pauses on awaiting-supplier: 09–10 (1h) + 13–14 (1h) = 2h; paused 3h
    expect(byId.resolution).toMatchObject({ status: 'running', elapsedMillis: 2 * hour, pausedMillis: 3 * hour });
    // the OLA does not pause for the supplier (only for awaiting-customer): 09:00 → 14:00 = 5h of 4h, breached at 13:00 BST
    expect(byId['ola-network']).toMatchObject({ elapsedMillis: 5 * hour, breached: true, breachedAt: at('2025-06-09T12:00:00Z') });
    // the contract ran while acme held it, 10:00–13:00 = 3h of 2h: breached at 12:00 BST = 11:00Z
    expect(byId['uc-acme']).toMatchObject({ status: 'inactive', elapsedMillis: 3 * hour, breached: true, breachedAt: at('2025-06-09T11:00:00Z') });
  });

  it('stops a response clock at resolution when nobody responded first', () => {
    const result = clock([mondayNine, { at: at('2025-06-09T08:10:00Z'), status: 'resolved' }, { at: at('2025-06-09T09:00:00Z'), status: 'in-progress' }], '2025-06-09T10:00:00Z', response);
    // 09:00 → 09:10 = 10m; the reopen does not restart a response clock
    expect(result).toMatchObject({ status: 'stopped', elapsedMillis: 10 * minute });
  });
});

describe('SLA changes', () => {
  const gold: ClockDefinition = { ...resolution, id: 'gold-resolution', slaId: 'gold' };
  const timeline: TimelineEvent[] = [
    { ...mondayNine, slaId: 'silver' },
    { at: at('2025-06-09T10:00:00Z'), slaId: 'gold' }, // 11:00 BST
  ];

  it('does not apply a clock for another SLA', () => {
    expect(clock([{ ...mondayNine, slaId: 'silver' }], '2025-06-09T12:00:00Z', gold).status).toBe('not-applicable');
  });

  it('counts from the start retroactively, and from the change otherwise', () => {
    // retroactive: 09:00 → 13:00 BST = 4h
    expect(clock(timeline, '2025-06-09T12:00:00Z', gold).elapsedMillis).toBe(4 * hour);
    // from-change: 11:00 → 13:00 BST = 2h
    const fromChange = clock(timeline, '2025-06-09T12:00:00Z', { ...gold, recompute: 'from-change' });
    expect(fromChange.elapsedMillis).toBe(2 * hour);
    expect(texts(fromChange)).toEqual(['inactive 2h SLA gold not in force', 'running 2h (P2)']);
  });
});

describe('clock calendars', () => {
  it('counts each clock on its own calendar', () => {
    const allDay = [{ start: '00:00', end: '24:00' }];
    const always = createBusinessCalendar({ timeZone: 'Europe/London', workingHours: { monday: allDay, tuesday: allDay, wednesday: allDay, thursday: allDay, friday: allDay, saturday: allDay, sunday: allDay } });
    const supplier247: ClockDefinition = { ...resolution, id: 'uc-247', calendarId: '24x7' };
    // created Fri 13 June 16:00 BST, evaluated Mon 16 June 09:00 BST:
    // office calendar Fri 16–18 (2h) + Mon 08–09 (1h) = 3h; 24×7: 65 real hours
    const results = computeSlaClocks([{ at: at('2025-06-13T15:00:00Z'), status: 'new', priority: 'P3' }], [resolution, supplier247], { now: at('2025-06-16T08:00:00Z'), calendar: london, calendars: { '24x7': always } });
    expect(results.map((r) => r.elapsedMillis)).toEqual([3 * hour, 65 * hour]);
    expect(() => computeSlaClocks([mondayNine], [{ ...resolution, calendarId: 'missing' }], { now: at('2025-06-09T09:00:00Z'), calendar: london })).toThrow(AppError);
  });
});

describe('input checks', () => {
  it('rejects a timeline out of time order', () => {
    expect(() => clock([mondayNine, { at: at('2025-06-09T07:00:00Z'), status: 'resolved' }], '2025-06-09T12:00:00Z')).toThrow(AppError);
  });

  it('names every problem in a clock definition', () => {
    try {
      compileClock({ id: 'bad', runsWhile: { kind: 'olaa' } as never, pauseStatuses: ['resolved'], stopStatuses: ['resolved'], targets: { P1: -5 }, atRiskPercent: 120 });
      expect.unreachable();
    } catch (error) {
      expect((error as AppError).extra.errors).toEqual([
        { field: 'runsWhile.kind', reason: '"olaa" is not one of always, ola, supplier, status-in, all, any, not' },
        { field: 'atRiskPercent', reason: 'must be a number above 0 and at most 100' },
        { field: 'targets.P1', reason: 'must be a positive number of business milliseconds' },
        { field: 'pauseStatuses', reason: 'resolved cannot both pause and stop the clock' },
      ]);
    }
  });

  it('returns an inactive, unmeasured clock before the first event', () => {
    expect(clock([mondayNine], '2025-06-09T07:00:00Z')).toMatchObject({ status: 'inactive', elapsedMillis: 0, segments: [] });
  });
});
