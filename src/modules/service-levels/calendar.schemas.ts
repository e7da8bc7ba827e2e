import { Type, type Static } from 'typebox';

/**
 * The shapes are checked loosely here (strings, lists, objects) and precisely by the kernel's
 * createBusinessCalendar, whose messages name the field (`workingHours.monday[0].end`) and
 * explain the fix; Ajv's generic pattern errors would be less helpful.
 */
const Period = Type.Object({ start: Type.String({ description: 'HH:mm' }), end: Type.String({ description: 'HH:mm; 24:00 is midnight after' }) }, { additionalProperties: false });

const WorkingHours = Type.Object({
  monday: Type.Optional(Type.Array(Period)),
  tuesday: Type.Optional(Type.Array(Period)),
  wednesday: Type.Optional(Type.Array(Period)),
  thursday: Type.Optional(Type.Array(Period)),
  friday: Type.Optional(Type.Array(Period)),
  saturday: Type.Optional(Type.Array(Period)),
  sunday: Type.Optional(Type.Array(Period)),
}, { additionalProperties: false, description: 'Working periods per weekday; a missing or empty day is not worked' });

const Holiday = Type.Object({
  date: Type.String({ description: 'YYYY-MM-DD in the calendar\'s time zone' }),
  name: Type.Optional(Type.String({ maxLength: 200 })),
  closed: Type.Optional(Type.Array(Period, { description: 'Periods closed that day; omit to close the whole day' })),
}, { additionalProperties: false });

export const CalendarId = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$', description: 'Lower-case letters, digits and hyphens, e.g. london-business-hours' });

const definitionFields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  timeZone: Type.String({ maxLength: 64, description: 'IANA time zone, e.g. Europe/London' }),
  workingHours: WorkingHours,
  holidays: Type.Optional(Type.Array(Holiday, { maxItems: 2000 })),
};

export const CreateCalendarBody = Type.Object({ id: CalendarId, ...definitionFields }, { additionalProperties: false });
export const UpdateCalendarBody = Type.Object(definitionFields, { additionalProperties: false });
export type CalendarInput = Static<typeof UpdateCalendarBody>;

export const Calendar = Type.Object({
  id: Type.String(),
  name: Type.String(),
  timeZone: Type.String(),
  workingHours: WorkingHours,
  holidays: Type.Array(Holiday),
  version: Type.Integer(),
  updatedAt: Type.String({ format: 'date-time' }),
  updatedBy: Type.String(),
}, { title: 'BusinessCalendar' });
export type CalendarView = Static<typeof Calendar>;

export const CalendarKey = Type.Object({ id: CalendarId });

export const CalendarListQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 100, description: 'The nextCursor of the previous page' })),
}, { additionalProperties: false });

export const CalendarPage = Type.Object({ items: Type.Array(Calendar), nextCursor: Type.Union([Type.String(), Type.Null()]) });

export const PreviewQuery = Type.Object({
  from: Type.String({ description: 'ISO 8601 instant, e.g. 2026-12-24T09:00:00Z' }),
  to: Type.String({ description: 'ISO 8601 instant after from; at most 366 days later' }),
  targetMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, description: 'Also say when a target of this many business minutes, started at from, falls due' })),
}, { additionalProperties: false });

export const Preview = Type.Object({
  calendarId: Type.String(),
  version: Type.Integer(),
  timeZone: Type.String(),
  from: Type.String({ format: 'date-time' }),
  to: Type.String({ format: 'date-time' }),
  businessMillis: Type.Integer(),
  businessMinutes: Type.Number(),
  businessDuration: Type.String({ description: 'e.g. 2d 3h' }),
  intervals: Type.Array(Type.Object({ start: Type.String({ format: 'date-time' }), end: Type.String({ format: 'date-time' }) })),
  targetMinutes: Type.Union([Type.Integer(), Type.Null()]),
  dueAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

export const CalendarHistory = Type.Object({
  items: Type.Array(Type.Object({
    seq: Type.Integer(), kind: Type.String(), actorId: Type.Union([Type.String(), Type.Null()]), at: Type.String({ format: 'date-time' }),
    data: Type.Record(Type.String(), Type.Unknown()),
  })),
});
