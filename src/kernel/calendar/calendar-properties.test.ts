import { describe, expect, it } from 'vitest';
import { addBusinessMillis, businessMillisBetween, createBusinessCalendar, isWorkingInstant } from './business-calendar.js';
import type { BusinessCalendarDefinition, WorkingPeriod } from './calendar-definition.js';
import { naiveAddBusinessMillis, naiveBusinessMillisBetween } from './naive-business-time.js';
import { seededRandom } from '../../platform/random/seeded-random.js';

const office: WorkingPeriod[] = [{ start: '08:00', end: '18:00' }];
const split: WorkingPeriod[] = [{ start: '07:30', end: '12:00' }, { start: '13:15', end: '19:45' }];
const allDay: WorkingPeriod[] = [{ start: '00:00', end: '24:00' }];

// Period boundaries avoid each zone's DST gap, so Luxon's gap rule (used by the naive oracle)
// and ours agree; the gap rule itself is covered in business-calendar.test.ts.
const definitions: Record<string, BusinessCalendarDefinition> = {
  'London office with bank holidays': {
    timeZone: 'Europe/London',
    workingHours: { monday: office, tuesday: office, wednesday: office, thursday: office, friday: office },
    holidays: ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26', '2026-01-01', '2026-04-03', '2026-04-06'].map((date) => ({ date })),
  },
  'New York split shifts and Saturday mornings': {
    timeZone: 'America/New_York',
    workingHours: { monday: split, tuesday: split, wednesday: split, thursday: split, friday: split, saturday: [{ start: '09:00', end: '12:00' }] },
    holidays: [{ date: '2025-07-04' }, { date: '2025-11-27' }, { date: '2025-12-25' }],
  },
  'Sydney 24×7': {
    timeZone: 'Australia/Sydney',
    workingHours: { monday: allDay, tuesday: allDay, wednesday: allDay, thursday: allDay, friday: allDay, saturday: allDay, sunday: allDay },
    holidays: [{ date: '2025-12-25' }],
  },
  'London overnight service desk': {
    timeZone: 'Europe/London',
    workingHours: { monday: [{ start: '20:00', end: '24:00' }], tuesday: [{ start: '00:00', end: '06:00' }, { start: '20:00', end: '24:00' }], wednesday: [{ start: '00:00', end: '06:00' }] },
  },
};

const from = Date.parse('2024-10-01T00:00:00Z');
const span = Date.parse('2026-06-01T00:00:00Z') - from;

describe.each(Object.entries(definitions))('business time properties: %s', (_name, definition) => {
  const calendar = createBusinessCalendar(definition);

  it('adding the business time between s and e lands on the earliest instant equivalent to e, and back', () => {
    const random = seededRandom(20251128);
    for (let n = 0; n < 3000; n++) {
      const s = from + Math.floor(random() * span);
      // spans from minutes to ~3 months, biased towards typical tickets
      const e = s + Math.floor(random() ** 3 * 90 * 86_400_000);
      const d = businessMillisBetween(calendar, s, e);
      const t = addBusinessMillis(calendar, s, d);
      expect(businessMillisBetween(calendar, s, t)).toBe(d);
      expect(t).toBeLessThanOrEqual(e);
      expect(businessMillisBetween(calendar, t, e)).toBe(0);
      // earliest: one millisecond earlier is short of d
      if (d > 0) expect(businessMillisBetween(calendar, s, t - 1)).toBe(d - 1);
      // the other way round: a random duration from s, measured back
      const duration = Math.floor(random() * 200 * 3_600_000);
      const due = addBusinessMillis(calendar, s, duration);
      expect(businessMillisBetween(calendar, s, due)).toBe(duration);
      // due is reached inside working time or exactly at the end of a working interval
      expect(isWorkingInstant(calendar, due - 1) || duration === 0).toBe(true);
    }
  });

  it('is additive over a split point', () => {
    const random = seededRandom(7);
    for (let n = 0; n < 2000; n++) {
      const [a, b, c] = [random(), random(), random()].map((x) => from + Math.floor(x * span)).sort((x, y) => x - y) as [number, number, number];
      expect(businessMillisBetween(calendar, a, b) + businessMillisBetween(calendar, b, c)).toBe(businessMillisBetween(calendar, a, c));
    }
  });

  it('agrees with a day-by-day Luxon reference', () => {
    const random = seededRandom(42);
    for (let n = 0; n < 300; n++) {
      const s = from + Math.floor(random() * span);
      const e = s + Math.floor(random() ** 2 * 40 * 86_400_000);
      expect(businessMillisBetween(calendar, s, e)).toBe(naiveBusinessMillisBetween(definition, s, e));
      const duration = Math.floor(random() * 100 * 3_600_000);
      expect(addBusinessMillis(calendar, s, duration)).toBe(naiveAddBusinessMillis(definition, s, duration));
    }
  });
});
