import { sql, type Expression, type SqlBool } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/app-error.js';
import { businessMillisBetween } from '../../kernel/calendar/index.js';
import { businessCalendars } from '../service-levels/index.js';
import { openStates } from './incident-clock-source.js';
import { refreshIncidentClocks } from './sla-snapshots.js';

/**
 * The agent queue (8.6.1): open incidents with the clock that matters most for each — its lead
 * clock, the running resolution clock due first — so that work is taken in order of urgency.
 * Figures are live: a running clock's breach and at-risk instants are stored, so "breached now"
 * is a comparison with the time, and the time used is the stored figure plus the business time
 * since it was computed.
 */

export type QueueSort = 'due' | 'priority' | 'created';

export interface QueueQuery {
  assignmentGroup?: string;
  /** Any of these groups; an empty list matches nothing. */
  assignmentGroups?: string[];
  assigneeId?: string;
  /** Only incidents no one is assigned to. */
  unassigned?: boolean;
  priorities?: string[];
  atRisk?: boolean;
  breached?: boolean;
  sort: QueueSort;
  cursor?: string;
  limit: number;
}

export interface QueueClock {
  clockId: string;
  name: string;
  kind: string;
  status: string;
  pauseReason: string | null;
  targetMillis: number | null;
  dueAt: number | null;
  /** When a running clock turns (or turned) at risk. */
  atRiskAt: number | null;
  remainingMillis: number | null;
  percentUsed: number | null;
  atRisk: boolean;
  breached: boolean;
  breachedAt: number | null;
}

export interface QueueItem {
  id: string;
  reference: string;
  shortDescription: string;
  status: string;
  priority: string;
  service: string | null;
  sla: string | null;
  assignmentGroup: string | null;
  assigneeId: string | null;
  createdAt: number;
  /** The highest escalation level reached; 0 for none. */
  escalationLevel: number;
  clock: QueueClock | null;
}

export interface QueuePage {
  items: QueueItem[];
  nextCursor: string | null;
  /** The server's time the figures are computed at, for the client's countdowns. */
  now: number;
}

/** Paused and clock-less incidents sort after every running clock. */
const never = 8_640_000_000_000_000;

function encodeCursor(values: (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

function decodeCursor(cursor: string, length: number): (string | number)[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(values) && values.length === length && values.every((v) => typeof v === 'string' || typeof v === 'number')) return values as (string | number)[];
  } catch { /* reported below */ }
  throw AppError.validation('cursor', 'is not a cursor this queue handed out');
}

function pageQuery(db: Executor, query: QueueQuery, now: number) {
  const due = sql<number>`coalesce(c.due_at, ${never})`;
  const breachedNow = sql<SqlBool>`(c.breached = 1 or (c.status = 'running' and c.due_at <= ${now}))`;
  const atRiskNow = sql<SqlBool>`(not ${breachedNow} and (c.at_risk = 1 or (c.status = 'running' and c.at_risk_at <= ${now})))`;
  const keys: Expression<unknown>[] = query.sort === 'priority' ? [sql`i.priority`, due, sql`i.id`]
    : query.sort === 'created' ? [sql`i.created_at`, sql`i.id`] : [due, sql`i.id`];
  let q = db.selectFrom('incidents as i')
    .leftJoin('incident_sla_clocks as c', (join) => join.onRef('c.incident_id', '=', 'i.id').on('c.lead', '=', 1))
    .select(['i.id', 'i.reference', 'i.short_description', 'i.status', 'i.priority', 'i.service', 'i.sla', 'i.assignment_group', 'i.assignee_id', 'i.created_at', 'i.updated_at', 'i.escalation_level',
      'c.clock_id', 'c.name', 'c.kind', 'c.status as clock_status', 'c.pause_reason', 'c.calendar_id', 'c.target_ms', 'c.elapsed_ms', 'c.remaining_ms',
      'c.due_at', 'c.at_risk', 'c.at_risk_at', 'c.breached', 'c.breached_at', 'c.computed_at'])
    .select(due.as('due_key'))
    .where('i.status', 'in', openStates)
    .$if(query.assignmentGroup !== undefined, (b) => b.where('i.assignment_group', '=', query.assignmentGroup!))
    .$if(query.assignmentGroups !== undefined, (b) => (query.assignmentGroups!.length === 0 ? b.where(sql<SqlBool>`1 = 0`) : b.where('i.assignment_group', 'in', query.assignmentGroups!)))
    .$if(query.assigneeId !== undefined, (b) => b.where('i.assignee_id', '=', query.assigneeId!))
    .$if(query.unassigned === true, (b) => b.where('i.assignee_id', 'is', null))
    .$if((query.priorities?.length ?? 0) > 0, (b) => b.where('i.priority', 'in', query.priorities!));
  if (query.atRisk && query.breached) q = q.where(sql<SqlBool>`(${breachedNow} or ${atRiskNow})`);
  else if (query.breached) q = q.where(breachedNow);
  else if (query.atRisk) q = q.where(atRiskNow);
  if (query.cursor) {
    const values = decodeCursor(query.cursor, keys.length);
    q = q.where(sql<SqlBool>`(${sql.join(keys)}) > (${sql.join(values)})`);
  }
  for (const key of keys) q = q.orderBy(key);
  return q.limit(query.limit + 1);
}

type Row = Awaited<ReturnType<ReturnType<typeof pageQuery>['execute']>>[number];

function cursorOf(row: Row, sort: QueueSort): string {
  const due = Number(row.due_key);
  return encodeCursor(sort === 'priority' ? [row.priority, due, row.id] : sort === 'created' ? [row.created_at, row.id] : [due, row.id]);
}

/** A row whose lead snapshot is missing or older than the incident's last change. */
const isStale = (row: Row) => row.sla !== null && (row.computed_at === null || Number(row.computed_at) < row.updated_at);

export async function incidentQueue(db: Executor, query: QueueQuery, now = Date.now()): Promise<QueuePage> {
  let rows = await pageQuery(db, query, now).execute();
  const stale = rows.filter(isStale);
  if (stale.length > 0) {
    // Changed since the watch last looked (an agent's edit a moment ago): recompute this page's.
    for (const row of stale) await refreshIncidentClocks(db, row.id, now);
    rows = await pageQuery(db, query, now).execute();
  }
  const more = rows.length > query.limit;
  const page = rows.slice(0, query.limit);
  const calendars = await businessCalendars(db, page.map((r) => r.calendar_id).filter((id): id is string => id !== null));
  return {
    items: page.map((row) => itemOf(row, now, calendars)),
    nextCursor: more ? cursorOf(page[page.length - 1]!, query.sort) : null,
    now,
  };
}

function itemOf(row: Row, now: number, calendars: Awaited<ReturnType<typeof businessCalendars>>): QueueItem {
  let clock: QueueClock | null = null;
  if (row.clock_id !== null) {
    const target = row.target_ms === null ? null : Number(row.target_ms);
    const running = row.clock_status === 'running';
    const calendar = row.calendar_id ? calendars[row.calendar_id] : undefined;
    const since = running && calendar && row.computed_at !== null ? businessMillisBetween(calendar, Number(row.computed_at), Math.max(now, Number(row.computed_at))) : 0;
    const elapsed = Number(row.elapsed_ms) + since;
    const dueAt = row.due_at === null ? null : Number(row.due_at);
    const atRiskAt = row.at_risk_at === null ? null : Number(row.at_risk_at);
    const breached = row.breached === 1 || (running && dueAt !== null && dueAt <= now);
    clock = {
      clockId: row.clock_id, name: row.name ?? row.clock_id, kind: row.kind ?? 'sla', status: row.clock_status ?? 'running', pauseReason: row.pause_reason,
      targetMillis: target, dueAt, atRiskAt, remainingMillis: target === null ? null : Math.max(0, target - elapsed),
      percentUsed: target === null ? null : Math.round((elapsed / target) * 1000) / 10,
      atRisk: !breached && (row.at_risk === 1 || (running && atRiskAt !== null && atRiskAt <= now)),
      breached, breachedAt: row.breached_at === null ? (breached ? dueAt : null) : Number(row.breached_at),
    };
  }
  return {
    id: row.id, reference: row.reference, shortDescription: row.short_description, status: row.status, priority: row.priority,
    service: row.service, sla: row.sla, assignmentGroup: row.assignment_group, assigneeId: row.assignee_id, createdAt: row.created_at,
    escalationLevel: row.escalation_level ?? 0, clock,
  };
}

export const queueCsvColumns = ['reference', 'shortDescription', 'priority', 'status', 'service', 'sla', 'assignmentGroup', 'assigneeId', 'escalationLevel', 'clock', 'clockStatus', 'pauseReason', 'dueAt', 'remainingMillis', 'percentUsed', 'atRisk', 'breached', 'breachedAt'];

const iso = (ms: number | null | undefined) => (ms === null || ms === undefined ? '' : new Date(ms).toISOString());

/** The whole queue for the given filters, page by page, as CSV rows in queueCsvColumns order. */
export async function* queueCsvPages(db: Executor, query: Omit<QueueQuery, 'cursor' | 'limit'>, now = Date.now()): AsyncGenerator<unknown[][]> {
  let cursor: string | undefined;
  do {
    const page = await incidentQueue(db, { ...query, cursor, limit: 200 }, now);
    yield page.items.map((i) => [
      i.reference, i.shortDescription, i.priority, i.status, i.service ?? '', i.sla ?? '', i.assignmentGroup ?? '', i.assigneeId ?? '', i.escalationLevel,
      i.clock?.name ?? '', i.clock?.status ?? '', i.clock?.pauseReason ?? '', iso(i.clock?.dueAt), i.clock?.remainingMillis ?? '', i.clock?.percentUsed ?? '',
      i.clock ? String(i.clock.atRisk) : '', i.clock ? String(i.clock.breached) : '', iso(i.clock?.breachedAt),
    ]);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
