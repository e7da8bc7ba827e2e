import type { Executor, Trx } from '../../platform/db/database.js';
import type { Principal } from '../../platform/auth/principal.js';
import { readJson, writeJson } from '../../platform/db/columns.js';
import { AppError } from '../../platform/http/app-error.js';
import { appendHistory, listHistory } from '../../kernel/history/history.service.js';
import {
  addBusinessMillis, businessMillisBetween, createBusinessCalendar, formatDuration, workingIntervalsBetween,
  type BusinessCalendar, type BusinessCalendarDefinition,
} from '../../kernel/calendar/index.js';
import type { CalendarInput, CalendarView } from './calendar.schemas.js';
import type { BusinessCalendarTable } from './service-levels.tables.js';

/** The record type calendars' history events carry. */
export const calendarHistoryType = 'calendar';

const dayMillis = 86_400_000;
const maxPreviewDays = 366;

function definitionOf(input: CalendarInput): BusinessCalendarDefinition {
  return { timeZone: input.timeZone, workingHours: input.workingHours, holidays: input.holidays ?? [] };
}

/** JSON with object keys sorted: PostgreSQL's jsonb does not keep key order, so raw text cannot be compared. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
    : v));
}

function viewOf(row: BusinessCalendarTable): CalendarView {
  const definition = readJson<BusinessCalendarDefinition>(row.definition);
  return {
    id: row.id, name: row.name, timeZone: definition.timeZone, workingHours: definition.workingHours, holidays: definition.holidays ?? [],
    version: row.version, updatedAt: new Date(row.updated_at).toISOString(), updatedBy: row.updated_by,
  };
}

async function findRow(db: Executor, id: string): Promise<BusinessCalendarTable | undefined> {
  return db.selectFrom('business_calendars').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function calendarExists(db: Executor, id: string): Promise<boolean> {
  return (await db.selectFrom('business_calendars').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

export async function getCalendar(db: Executor, id: string): Promise<CalendarView> {
  const row = await findRow(db, id);
  if (!row) throw AppError.notFound(`Business calendar ${id}`);
  return viewOf(row);
}

/** Keyset pages by id. */
export async function listCalendars(db: Executor, query: { limit?: number; cursor?: string }): Promise<{ items: CalendarView[]; nextCursor: string | null }> {
  const limit = query.limit ?? 50;
  let select = db.selectFrom('business_calendars').selectAll().orderBy('id').limit(limit + 1);
  if (query.cursor) select = select.where('id', '>', query.cursor);
  const rows = await select.execute();
  const page = rows.slice(0, limit);
  return { items: page.map(viewOf), nextCursor: rows.length > limit ? page[page.length - 1]!.id : null };
}

/** Creates a calendar after the kernel has checked it; 409 if the id is taken. */
export async function createCalendar(trx: Trx, principal: Principal, id: string, input: CalendarInput, now = Date.now()): Promise<CalendarView> {
  const definition = definitionOf(input);
  createBusinessCalendar(definition);
  if (await calendarExists(trx, id)) throw new AppError('conflict', `A business calendar with the id ${id} already exists; choose another id or edit that one.`, { errors: [{ field: 'id', reason: 'is already taken' }] });
  const row: BusinessCalendarTable = { id, name: input.name.trim(), definition: writeJson(definition), version: 1, updated_at: now, updated_by: principal.userId };
  await trx.insertInto('business_calendars').values(row).execute();
  await appendHistory(trx, { recordType: calendarHistoryType, recordId: id, kind: 'created', actorId: principal.userId, at: now, data: { name: row.name, definition } });
  return viewOf(row);
}

/** Replaces name and definition if `expectedVersion` is still current (412 otherwise); no change, no new version. */
export async function updateCalendar(trx: Trx, principal: Principal, id: string, expectedVersion: number, input: CalendarInput, now = Date.now()): Promise<CalendarView> {
  const row = await findRow(trx, id);
  if (!row) throw AppError.notFound(`Business calendar ${id}`);
  const stale = () => new AppError('precondition-failed', `Calendar ${id} was changed by someone else (now version ${row.version}, you sent ${expectedVersion}). Reload it and apply your change again.`, { currentVersion: row.version });
  if (row.version !== expectedVersion) throw stale();
  const definition = definitionOf(input);
  createBusinessCalendar(definition);
  const before = readJson<BusinessCalendarDefinition>(row.definition);
  const name = input.name.trim();
  const changes: { field: string; from: unknown; to: unknown }[] = [];
  if (name !== row.name) changes.push({ field: 'name', from: row.name, to: name });
  if (canonical(before) !== canonical(definition)) changes.push({ field: 'definition', from: before, to: definition });
  if (changes.length === 0) return viewOf(row);
  const updated = await trx.updateTable('business_calendars')
    .set({ name, definition: writeJson(definition), version: row.version + 1, updated_at: now, updated_by: principal.userId })
    .where('id', '=', id).where('version', '=', expectedVersion)
    .returningAll().executeTakeFirst();
  if (!updated) throw stale();
  await appendHistory(trx, { recordType: calendarHistoryType, recordId: id, kind: 'updated', actorId: principal.userId, at: now, data: { changes } });
  return viewOf(updated);
}

export async function calendarHistory(db: Executor, id: string) {
  if (!(await calendarExists(db, id))) throw AppError.notFound(`Business calendar ${id}`);
  return (await listHistory(db, id)).map((e) => ({ seq: e.seq, kind: e.kind, actorId: e.actorId, at: new Date(e.at).toISOString(), data: e.data }));
}

/**
 * Compiled calendars by id and version. Compiling is cheap but its year index is built lazily
 * and worth keeping; the version check keeps every server process current without messages.
 */
const compiledCache = new Map<string, { version: number; calendar: BusinessCalendar }>();

/** The compiled calendars for these ids; 400 naming `field` for an id that does not exist. */
export async function businessCalendars(db: Executor, ids: readonly string[], field = 'calendarId'): Promise<Record<string, BusinessCalendar>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return {};
  const rows = await db.selectFrom('business_calendars').selectAll().where('id', 'in', wanted).execute();
  const result: Record<string, BusinessCalendar> = {};
  for (const row of rows) {
    const cached = compiledCache.get(row.id);
    if (cached?.version === row.version) result[row.id] = cached.calendar;
    else {
      const calendar = createBusinessCalendar(readJson<BusinessCalendarDefinition>(row.definition));
      compiledCache.set(row.id, { version: row.version, calendar });
      result[row.id] = calendar;
    }
  }
  const missing = wanted.filter((id) => !result[id]);
  if (missing.length > 0) throw AppError.validation(field, `names no business calendar (${missing.join(', ')})`);
  return result;
}

function instantOf(value: string, field: string): number {
  const t = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(t)) throw AppError.validation(field, `"${value}" is not an ISO 8601 instant such as 2026-12-24T09:00:00Z`);
  return t;
}

/** What a calendar counts between two instants: business time and the working intervals. */
export async function previewCalendar(db: Executor, id: string, query: { from: string; to: string; targetMinutes?: number }) {
  const row = await findRow(db, id);
  if (!row) throw AppError.notFound(`Business calendar ${id}`);
  const from = instantOf(query.from, 'from');
  const to = instantOf(query.to, 'to');
  if (!(to > from)) throw AppError.validation('to', 'must be after from');
  if (to - from > maxPreviewDays * dayMillis) throw AppError.validation('to', `must be at most ${maxPreviewDays} days after from`);
  const calendar = (await businessCalendars(db, [id]))[id]!;
  const businessMillis = businessMillisBetween(calendar, from, to);
  const targetMinutes = query.targetMinutes ?? null;
  return {
    calendarId: id, version: row.version, timeZone: calendar.timeZone,
    from: new Date(from).toISOString(), to: new Date(to).toISOString(),
    businessMillis, businessMinutes: businessMillis / 60_000, businessDuration: formatDuration(businessMillis),
    intervals: workingIntervalsBetween(calendar, from, to).map((i) => ({ start: new Date(i.start).toISOString(), end: new Date(i.end).toISOString() })),
    targetMinutes,
    dueAt: targetMinutes === null ? null : new Date(addBusinessMillis(calendar, from, targetMinutes * 60_000)).toISOString(),
  };
}
