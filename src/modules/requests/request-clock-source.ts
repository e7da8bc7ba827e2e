import { sql, type AliasedSelectQueryBuilder } from 'kysely';
import type { Executor, Trx } from '../../platform/db/database.js';
import type { BreachedClockRow, TicketClock, TicketClockRow, TicketClockSource, WatchedTicket } from '../service-levels/index.js';
import { fulfilmentClockDefinition, requestClock, usableCalendarId } from './request-clock.js';
import { serviceRequestRecord } from './service-request.record.js';
import { serviceRequestWorkflow } from './service-request.workflow.js';
import type { RequestSlaClockTable } from './request-sla-clocks.tables.js';

export const openRequestStates = serviceRequestWorkflow.states.filter((s) => s.category === 'open').map((s) => s.id);

/** Changes committed up to this long before the last pass's time are still looked at (clock skew, long transactions). */
const changeMargin = 10 * 60_000;

export interface WatchedRequest extends WatchedTicket {
  status: string;
  targetMinutes: number | null;
  calendarId: string | null;
}

/** A request's fulfilment clock as last replayed, as the watch stores it. */
export interface RequestClockSnapshot extends TicketClock {
  measure: 'resolution';
  calendarId: string | null;
  pausedMillis: number;
  dueAt: number | null;
  atRiskAt: number | null;
  pauseReason: string | null;
  stoppedAt: number | null;
  met: boolean | null;
  computedAt: number;
}

/**
 * The requests whose clocks need replaying now: open ones with a fulfilment target and no stored
 * clock; those changed since their clock was stored (including those just fulfilled, closed,
 * rejected or cancelled, so the outcome is stored); and those with a running clock whose at-risk
 * or due instant has come. As for incidents, everything else is unchanged since the last pass.
 */
export async function requestsToReplay(db: Executor, now: number): Promise<string[]> {
  const ids = new Set<string>();
  const unstored = await db.selectFrom('service_requests as r').select('r.id')
    .where('r.status', 'in', openRequestStates).where('r.target_minutes', 'is not', null)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('request_sla_clocks as c').select('c.clock_id').whereRef('c.request_id', '=', 'r.id'))))
    .execute();
  for (const r of unstored) ids.add(r.id);

  const lastPass = await db.selectFrom('request_sla_clocks').select((eb) => eb.fn.max('computed_at').as('at')).executeTakeFirst();
  if (lastPass?.at !== null && lastPass?.at !== undefined) {
    const changed = await db.selectFrom('service_requests as r')
      .leftJoin('request_sla_clocks as c', 'c.request_id', 'r.id')
      .select((eb) => ['r.id', 'r.target_minutes', 'r.updated_at', eb.fn.min('c.computed_at').as('computed_at')])
      .where('r.updated_at', '>', Number(lastPass.at) - changeMargin)
      .groupBy(['r.id', 'r.target_minutes', 'r.updated_at'])
      .execute();
    for (const r of changed) {
      const computed = r.computed_at === null ? null : Number(r.computed_at);
      if (computed === null ? r.target_minutes !== null : computed < r.updated_at) ids.add(r.id);
    }
  }

  const running = db.selectFrom('request_sla_clocks').select('request_id').where('status', '=', 'running').where('breached', '=', 0);
  const [due, atRisk] = await Promise.all([
    running.where('due_at', '<=', now).execute(),
    running.where('at_risk', '=', 0).where('at_risk_at', '<=', now).execute(),
  ]);
  for (const r of [...due, ...atRisk]) ids.add(r.request_id);
  return [...ids];
}

async function loadRequests(db: Executor, ids: readonly string[]): Promise<WatchedRequest[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('service_requests')
    .select(['id', 'reference', 'status', 'short_description', 'assignee_id', 'target_minutes', 'calendar_id'])
    .where('id', 'in', ids).execute();
  return rows.map((r) => ({
    id: r.id, reference: r.reference, open: openRequestStates.includes(r.status), priority: null, title: r.short_description ?? r.reference,
    assigneeId: r.assignee_id, sla: null, targetMinutes: r.target_minutes === null ? null : Number(r.target_minutes), calendarId: r.calendar_id,
    status: r.status,
  }));
}

/** The request's fulfilment clock replayed at `now`; none when the request has no target. */
async function replayRequest(db: Executor, request: WatchedRequest, now: number): Promise<RequestClockSnapshot[]> {
  if (request.targetMinutes === null) return [];
  const calendarId = await usableCalendarId(db, request.calendarId);
  const r = await requestClock(db, { recordId: request.id, targetMinutes: request.targetMinutes, calendarId }, now);
  if (r.status === 'not-applicable') return [];
  const definition = fulfilmentClockDefinition(request.targetMinutes);
  return [{
    clockId: r.clockId, name: definition.name ?? r.clockId, kind: 'sla', measure: 'resolution', sla: null, priority: r.priority,
    calendarId, targetMillis: r.targetMillis, elapsedMillis: r.elapsedMillis, pausedMillis: r.pausedMillis, remainingMillis: r.remainingMillis,
    dueAt: r.status === 'running' ? r.dueAt : null, atRiskAt: r.status === 'running' ? r.atRiskAt : null,
    status: r.status, pauseReason: r.status === 'paused' ? request.status : null,
    atRisk: r.atRisk, breached: r.breached, breachedAt: r.breachedAt, stoppedAt: r.stoppedAt,
    met: r.status === 'stopped' ? !r.breached : null, computedAt: now,
  }];
}

const flag = (value: boolean) => (value ? 1 : 0);

function rowOf(requestId: string, s: RequestClockSnapshot): RequestSlaClockTable {
  return {
    request_id: requestId, clock_id: s.clockId, name: s.name, kind: s.kind, measure: s.measure, sla: s.sla, calendar_id: s.calendarId,
    priority: s.priority, target_ms: s.targetMillis, elapsed_ms: Math.round(s.elapsedMillis), paused_ms: Math.round(s.pausedMillis),
    remaining_ms: s.remainingMillis === null ? null : Math.round(s.remainingMillis), due_at: s.dueAt, at_risk_at: s.atRiskAt, status: s.status,
    pause_reason: s.pauseReason, at_risk: flag(s.atRisk), breached: flag(s.breached), breached_at: s.breachedAt, stopped_at: s.stoppedAt,
    met: s.met === null ? null : flag(s.met), computed_at: s.computedAt,
  };
}

/** Replaces these requests' stored clocks with these, in the caller's transaction. */
async function storeRequestClocks(trx: Trx, entries: readonly (readonly [string, readonly RequestClockSnapshot[]])[]): Promise<void> {
  if (entries.length === 0) return;
  await trx.deleteFrom('request_sla_clocks').where('request_id', 'in', entries.map(([id]) => id)).execute();
  const rows = entries.flatMap(([id, clocks]) => clocks.map((c) => rowOf(id, c)));
  if (rows.length === 0) return;
  const { request_id: _request, clock_id: _clock, ...columns } = rows[0]!;
  for (let i = 0; i < rows.length; i += 200) {
    await trx.insertInto('request_sla_clocks').values(rows.slice(i, i + 200))
      .onConflict((oc) => oc.columns(['request_id', 'clock_id']).doUpdateSet((eb) => Object.fromEntries(Object.keys(columns).map((c) => [c, eb.ref(`excluded.${c}` as 'excluded.name')])))).execute();
  }
}

/**
 * Service requests as service level management's ticket clock source (8.6.2 fulfilment
 * targets): the SLA watch replays their fulfilment clocks through it, and the stored clocks
 * (`request_sla_clocks`) are what the dashboard, the KPIs and the breach backfill count. Breach
 * records name the request in their `request` field. Requests have no escalation of their own.
 */
export const requestClockSource: TicketClockSource<WatchedRequest, RequestClockSnapshot> = {
  record: serviceRequestRecord,
  breachField: 'request',
  toReplay: requestsToReplay,
  load: loadRequests,
  startPass(database, now) {
    return Promise.resolve({ replay: (request: WatchedRequest) => replayRequest(database.db, request, now) });
  },
  store: storeRequestClocks,
  clockRows(db: Executor): AliasedSelectQueryBuilder<TicketClockRow, 'c'> {
    return db.selectFrom('request_sla_clocks as s').innerJoin('service_requests as r', 'r.id', 's.request_id')
      .select([
        's.request_id as ticket_id', 's.clock_id', 's.kind', 's.measure', 's.status', 's.met', 's.elapsed_ms', 's.stopped_at',
        's.breached', 's.breached_at', 's.due_at', 's.at_risk', 's.at_risk_at', 'r.service',
        sql<number>`case when r.status in (${sql.join(openRequestStates)}) then 1 else 0 end`.as('open'),
      ])
      .as('c');
  },
  async breachedClocks(db): Promise<BreachedClockRow[]> {
    const rows = await db.selectFrom('request_sla_clocks as s').innerJoin('service_requests as r', 'r.id', 's.request_id')
      .select(['r.reference', 's.clock_id', 's.name', 's.sla', 's.priority', 's.breached_at'])
      .where('s.breached', '=', 1).where('s.breached_at', 'is not', null).execute();
    return rows.map((r) => ({ ticket: r.reference, clockId: r.clock_id, name: r.name, sla: r.sla, priority: r.priority, breachedAt: Number(r.breached_at) }));
  },
};
