import { describe, expect, it } from 'vitest';
import { calendarProblems, definitionBody, officeHours, weeklyMinutes } from './calendar-form';

describe('calendar form', () => {
  it('starts new calendars on office hours, 42.5 hours a week', () => {
    const definition = officeHours('Europe/London');
    expect(weeklyMinutes(definition.workingHours)).toBe(5 * 510);
    expect(calendarProblems({ ...definition, name: 'London office' })).toEqual({});
  });

  it('points at the period and the holiday that are wrong, by the server\'s field names', () => {
    const problems = calendarProblems({
      name: ' ', timeZone: 'Europe/London',
      workingHours: { monday: [{ start: '09:00', end: '12:00' }, { start: '11:00', end: '17:00' }], tuesday: [{ start: '18:00', end: '09:00' }], wednesday: [{ start: '9', end: '17:00' }] },
      holidays: [{ date: '2026-12-25' }, { date: '2026-12-25', name: 'Again' }, { date: '' }],
    });
    expect(problems).toEqual({
      name: 'Give the calendar a name',
      'workingHours.monday[1].start': 'Overlaps the period before',
      'workingHours.tuesday[0].end': 'Must be after the start',
      'workingHours.wednesday[0].start': 'Use HH:mm',
      'holidays[1].date': 'This date is listed twice',
      'holidays[2].date': 'Choose a date',
    });
  });

  it('accepts 24:00 as the end of the day and counts it', () => {
    const allDay = { monday: [{ start: '00:00', end: '24:00' }] };
    expect(calendarProblems({ name: 'x', timeZone: 'UTC', workingHours: allDay, holidays: [] })).toEqual({});
    expect(weeklyMinutes(allDay)).toBe(1440);
  });

  it('sends periods in time order, holidays by date, and drops empty days and blank names', () => {
    const body = definitionBody({
      name: ' Desk ', timeZone: 'UTC',
      workingHours: { monday: [{ start: '13:00', end: '17:00' }, { start: '09:00', end: '12:00' }], sunday: [] },
      holidays: [{ date: '2026-12-26', name: ' ' }, { date: '2026-12-25', name: 'Christmas Day' }],
    });
    expect(body).toEqual({
      name: 'Desk', timeZone: 'UTC',
      workingHours: { monday: [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '17:00' }] },
      holidays: [{ date: '2026-12-25', name: 'Christmas Day' }, { date: '2026-12-26' }],
    });
  });
});
