import type { DB, Executor, Trx } from '../../platform/db/database.js';
import { listHistory } from '../../kernel/history/history.service.js';
import { computeSlaClocks, timelineFromHistory, type ClockDefinition, type SlaClockResult } from '../../kernel/calendar/index.js';
import { agreementsLoader, type AgreementsOf } from './incident-clocks.js';
import type { IncidentSlaClockTable } from './incident-sla-clocks.tables.js';

/**
 * Clock snapshots: each incident's SLA, OLA and contract clocks as last replayed from its
 * history, stored so that the queue, the dashboard and the watch read figures instead of
 * replaying every ticket (8.3.3 monitoring against targets). A running clock needs no replay
 * while nothing happens to the ticket: its due and at-risk instants are fixed until the next
 * event, so they are stored and compared with the time.
 */

export type ClockKind = 'sla' | 'ola' | 'contract';
export type ClockMeasure = 'response' | 'resolution';

export interface ClockSnapshot {
  incidentId: string;
  clockId: string;
  name: string;
  kind: ClockKind;
  measure: ClockMeasure;
  sla: string | null;
  calendarId: string | null;
  priority: string | null;
  targetMillis: number | null;
  elapsedMillis: number;
  pausedMillis: number;
  remainingMillis: number | null;
  /** When a running clock breaches (or breached); null while paused, stopped or inactive. */
  dueAt: number | null;
  /** When a running clock reaches (or reached) its at-risk share. */
  atRiskAt: number | null;
  status: 'running' | 'paused' | 'stopped' | 'inactive';
  /** The ticket status that pauses the clock, e.g. awaiting-caller. */
  pauseReason: string | null;
  atRisk: boolean;
  breached: boolean;
  breachedAt: number | null;
  stoppedAt: number | null;
  /** Null while the clock can still run; once stopped, whether the target was met. */
  met: boolean | null;
  /** The clock the queue shows for the incident. */
  lead: boolean;
  /** When a running clock reaches its next escalation level, if the watch set one. */
  escalateAt: number | null;
  computedAt: number;
}

export interface SnapshotIncident {
  id: string;
  status: string;
  service: string | null;
  sla: string | null;
}

export function clockKind(clockId: string): ClockKind {
  if (clockId.startsWith('ola-')) return 'ola';
  if (clockId.startsWith('uc-')) return 'contract';
  return 'sla';
}

/**
 * Turns replayed clocks into snapshots. A clock that does not apply to the ticket (another
 * SLA's) is left out. The lead clock is the running resolution clock due first — an OLA may be
 * due before the SLA — or, when none runs, the SLA's own resolution clock.
 */
export function snapshotsOf(incident: SnapshotIncident, sla: string | null, definitions: readonly ClockDefinition[], results: readonly SlaClockResult[], now: number): ClockSnapshot[] {
  const snapshots: ClockSnapshot[] = [];
  results.forEach((r, i) => {
    if (r.status === 'not-applicable') return;
    const definition = definitions[i];
    const measure: ClockMeasure = definition?.stopOnFirstResponse ? 'response' : 'resolution';
    snapshots.push({
      incidentId: incident.id, clockId: r.clockId, name: definition?.name ?? r.clockId, kind: clockKind(r.clockId), measure, sla,
      calendarId: definition?.calendarId ?? null, priority: r.priority, targetMillis: r.targetMillis,
      elapsedMillis: r.elapsedMillis, pausedMillis: r.pausedMillis, remainingMillis: r.remainingMillis,
      dueAt: r.status === 'running' ? r.dueAt : null, atRiskAt: r.status === 'running' ? r.atRiskAt : null,
      status: r.status, pauseReason: r.status === 'paused' ? incident.status : null,
      atRisk: r.atRisk, breached: r.breached, breachedAt: r.breachedAt, stoppedAt: r.stoppedAt,
      met: r.status === 'stopped' ? !r.breached : null, lead: false, escalateAt: null, computedAt: now,
    });
  });
  const resolution = snapshots.filter((s) => s.measure === 'resolution');
  const running = resolution.filter((s) => s.status === 'running' && s.dueAt !== null).sort((a, b) => a.dueAt! - b.dueAt!);
  const lead = running[0] ?? resolution.find((s) => s.kind === 'sla') ?? resolution[0];
  if (lead) lead.lead = true;
  return snapshots;
}

/** Replays an incident's clocks as at `now` (without explanation segments) and returns its snapshots. */
export async function computeIncidentClocks(db: Executor, incident: SnapshotIncident, now: number, agreementsOf: AgreementsOf = agreementsLoader(db)): Promise<ClockSnapshot[]> {
  if (!incident.service || !incident.sla) return [];
  const agreements = await agreementsOf(incident.service);
  if (!agreements.sla) return [];
  const calendar = agreements.calendars[agreements.sla.calendarId];
  if (!calendar) return [];
  const timeline = timelineFromHistory(await listHistory(db, incident.id), { slaId: 'sla' });
  const results = computeSlaClocks(timeline, agreements.clocks, { now, calendar, calendars: agreements.calendars, explain: false });
  return snapshotsOf(incident, agreements.sla.reference, agreements.clocks, results, now);
}

/** Runs `work` in the caller's transaction, or in a new one. */
async function inTransaction(db: Executor, work: (trx: Trx) => Promise<void>): Promise<void> {
  if (db.isTransaction) await work(db as Trx);
  else await (db as DB).transaction().execute(work);
}

const flag = (value: boolean) => (value ? 1 : 0);

export function rowOf(s: ClockSnapshot): IncidentSlaClockTable {
  return {
    incident_id: s.incidentId, clock_id: s.clockId, name: s.name, kind: s.kind, measure: s.measure, sla: s.sla, calendar_id: s.calendarId,
    priority: s.priority, target_ms: s.targetMillis, elapsed_ms: Math.round(s.elapsedMillis), paused_ms: Math.round(s.pausedMillis),
    remaining_ms: s.remainingMillis === null ? null : Math.round(s.remainingMillis), due_at: s.dueAt, at_risk_at: s.atRiskAt, status: s.status,
    pause_reason: s.pauseReason, at_risk: flag(s.atRisk), breached: flag(s.breached), breached_at: s.breachedAt, stopped_at: s.stoppedAt,
    met: s.met === null ? null : flag(s.met), lead: flag(s.lead), escalate_at: s.escalateAt, computed_at: s.computedAt,
  };
}

/** Replaces an incident's stored snapshots with these: clocks no longer on the ticket are removed. */
export async function storeIncidentClocks(db: Executor, incidentId: string, snapshots: readonly ClockSnapshot[]): Promise<void> {
  await storeClocksOf(db, [[incidentId, snapshots]]);
}

/**
 * The same for many incidents in a few statements: their rows deleted, then the new ones
 * upserted in batches (the upsert, for a second watcher writing the same incident at once).
 * Run it in a transaction so that readers never see an incident without its clocks.
 */
export async function storeClocksOf(db: Executor, entries: readonly (readonly [string, readonly ClockSnapshot[]])[]): Promise<void> {
  if (entries.length === 0) return;
  await db.deleteFrom('incident_sla_clocks').where('incident_id', 'in', entries.map(([id]) => id)).execute();
  const rows = entries.flatMap(([, snapshots]) => snapshots.map(rowOf));
  if (rows.length === 0) return;
  const { incident_id: _incident, clock_id: _clock, ...columns } = rows[0]!;
  for (let i = 0; i < rows.length; i += 200) {
    await db.insertInto('incident_sla_clocks').values(rows.slice(i, i + 200))
      .onConflict((oc) => oc.columns(['incident_id', 'clock_id']).doUpdateSet((eb) => Object.fromEntries(Object.keys(columns).map((c) => [c, eb.ref(`excluded.${c}` as 'excluded.name')])))).execute();
  }
}

const incidentColumns = ['id', 'status', 'service', 'sla'] as const;

/** Recomputes and stores one incident's clock snapshots; returns them (none when no SLA applies). */
export async function refreshIncidentClocks(db: Executor, incidentId: string, now = Date.now(), agreementsOf?: AgreementsOf): Promise<ClockSnapshot[]> {
  const incident = await db.selectFrom('incidents').select(incidentColumns).where('id', '=', incidentId).executeTakeFirst();
  if (!incident) return [];
  const snapshots = await computeIncidentClocks(db, incident, now, agreementsOf);
  await inTransaction(db, (trx) => storeIncidentClocks(trx, incidentId, snapshots));
  return snapshots;
}

/**
 * Computes snapshots for every incident under an SLA that has none yet — the history before
 * snapshots existed, or a freshly loaded demo — in batches, oldest first.
 */
export async function backfillIncidentClocks(db: Executor, now = Date.now(), batch = 500): Promise<number> {
  const agreementsOf = agreementsLoader(db, true);
  let done = 0;
  let after = '';
  for (;;) {
    const incidents = await db.selectFrom('incidents as i').select(['i.id', 'i.status', 'i.service', 'i.sla'])
      .where('i.sla', 'is not', null).where('i.id', '>', after)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('incident_sla_clocks as c').select('c.clock_id').whereRef('c.incident_id', '=', 'i.id'))))
      .orderBy('i.id').limit(batch).execute();
    const computed: [string, ClockSnapshot[]][] = [];
    for (const incident of incidents) computed.push([incident.id, await computeIncidentClocks(db, incident, now, agreementsOf)]);
    await inTransaction(db, (trx) => storeClocksOf(trx, computed));
    done += incidents.length;
    if (incidents.length < batch) return done;
    after = incidents[incidents.length - 1]!.id;
  }
}
