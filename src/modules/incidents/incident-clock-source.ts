import { sql, type AliasedSelectQueryBuilder } from 'kysely';
import type { Database, Executor } from '../../platform/db/database.js';
import type { BreachedClockRow, TicketClockRow, TicketClockSource, WatchedTicket } from '../service-levels/index.js';
import { incidentRecord } from './incident.record.js';
import { incidentWorkflow } from './incident.workflow.js';
import { agreementsLoader, type AgreementsOf } from './incident-clocks.js';
import { computeIncidentClocks, storeClocksOf, type ClockSnapshot } from './sla-snapshots.js';
import { levelReached, nextEscalationAt, type EscalationLevel, type EscalationSettings } from './escalation.js';
import { currentEscalation } from './escalation-settings.repository.js';
import { escalateIncident } from './escalation.service.js';

export const openStates = incidentWorkflow.states.filter((s) => s.category === 'open').map((s) => s.id);

/** Changes committed up to this long before the last pass's time are still looked at (clock skew, long transactions). */
const changeMargin = 10 * 60_000;

export interface WatchedIncident extends WatchedTicket {
  status: string;
  service: string | null;
  short_description: string;
  assignee_id: string | null;
  assignment_group: string | null;
  priority: string;
  escalation_level: number | null;
}

/**
 * The incidents whose clocks need replaying now: open ones under an SLA without snapshots;
 * those changed since their snapshots were computed (including those just resolved or closed,
 * so the outcome is stored); and those with a running clock whose at-risk, due or escalation
 * instant has come. Everything else is unchanged since the last pass and is not touched.
 */
export async function incidentsToReplay(db: Executor, now: number): Promise<string[]> {
  const ids = new Set<string>();
  const unsnapshotted = await db.selectFrom('incidents as i').select('i.id')
    .where('i.status', 'in', openStates).where('i.sla', 'is not', null)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('incident_sla_clocks as c').select('c.clock_id').whereRef('c.incident_id', '=', 'i.id'))))
    .execute();
  for (const r of unsnapshotted) ids.add(r.id);

  const lastPass = await db.selectFrom('incident_sla_clocks').select((eb) => eb.fn.max('computed_at').as('at')).executeTakeFirst();
  if (lastPass?.at !== null && lastPass?.at !== undefined) {
    const changed = await db.selectFrom('incidents as i')
      .leftJoin('incident_sla_clocks as c', 'c.incident_id', 'i.id')
      .select((eb) => ['i.id', 'i.sla', 'i.updated_at', eb.fn.min('c.computed_at').as('computed_at')])
      .where('i.updated_at', '>', Number(lastPass.at) - changeMargin)
      .groupBy(['i.id', 'i.sla', 'i.updated_at'])
      .execute();
    for (const r of changed) {
      const computed = r.computed_at === null ? null : Number(r.computed_at);
      if (computed === null ? r.sla !== null : computed < r.updated_at) ids.add(r.id);
    }
  }

  const running = db.selectFrom('incident_sla_clocks').select('incident_id').where('status', '=', 'running');
  const [due, atRisk, escalating] = await Promise.all([
    running.where('breached', '=', 0).where('due_at', '<=', now).execute(),
    running.where('at_risk', '=', 0).where('breached', '=', 0).where('at_risk_at', '<=', now).execute(),
    running.where('escalate_at', '<=', now).execute(),
  ]);
  for (const r of [...due, ...atRisk, ...escalating]) ids.add(r.incident_id);
  return [...ids];
}

async function loadIncidents(db: Executor, ids: readonly string[]): Promise<WatchedIncident[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('incidents')
    .select(['id', 'reference', 'status', 'service', 'sla', 'short_description', 'assignee_id', 'assignment_group', 'priority', 'escalation_level'])
    .where('id', 'in', ids).execute();
  return rows.map((r) => ({ ...r, open: openStates.includes(r.status), title: r.short_description, assigneeId: r.assignee_id }));
}

/** The SLA resolution clock is the one escalation follows (see `escalate`). */
const isEscalationClock = (clock: ClockSnapshot) => clock.kind === 'sla' && clock.clockId === 'resolution';

/**
 * 8.6.1 escalation by the SLA resolution clock: raises the incident to the level its clock has
 * reached, and stores when the next share-of-target level falls due, so the watch looks again
 * then without replaying the incident before.
 */
async function escalate(database: Database, incident: WatchedIncident, snapshots: ClockSnapshot[], settings: EscalationSettings, agreementsOf: AgreementsOf, now: number): Promise<boolean> {
  const clock = snapshots.find(isEscalationClock);
  if (!clock) return false;
  const current = incident.escalation_level ?? 0;
  const reached = levelReached(settings, clock);
  if (reached > current) await escalateIncident(database, incident, clock, current, reached, settings, now);
  const calendars = incident.service ? (await agreementsOf(incident.service)).calendars : {};
  clock.escalateAt = nextEscalationAt(settings, Math.max(current, reached), { ...clock, computedAt: now }, clock.calendarId ? calendars[clock.calendarId] : undefined);
  return reached > current;
}

/**
 * Incidents as service level management's ticket clock source: the SLA watch replays them
 * through it, escalation is the incidents' own reaction, and the stored snapshots
 * (`incident_sla_clocks`) are what the dashboard, the KPIs and the breach backfill count.
 */
export const incidentClockSource: TicketClockSource<WatchedIncident, ClockSnapshot> = {
  record: incidentRecord,
  breachField: 'incident',
  toReplay: incidentsToReplay,
  load: loadIncidents,
  async startPass(database, now) {
    const agreementsOf = agreementsLoader(database.db, true);
    const settings = (await currentEscalation(database.db)).settings;
    return {
      replay: (incident) => computeIncidentClocks(database.db, incident, now, agreementsOf),
      escalate: (incident, clocks) => escalate(database, incident, clocks, settings, agreementsOf, now),
      // Where an escalation level answers this event on the clock escalation follows, that level's e-mail is sent instead.
      answers: (clock, event: EscalationLevel['when']) => isEscalationClock(clock) && settings.levels.some((l) => l.when === event),
    };
  },
  store: (trx, entries) => storeClocksOf(trx, entries),
  clockRows(db: Executor): AliasedSelectQueryBuilder<TicketClockRow, 'c'> {
    return db.selectFrom('incident_sla_clocks as s').innerJoin('incidents as i', 'i.id', 's.incident_id')
      .select([
        's.incident_id as ticket_id', 's.clock_id', 's.kind', 's.measure', 's.status', 's.met', 's.elapsed_ms', 's.stopped_at',
        's.breached', 's.breached_at', 's.due_at', 's.at_risk', 's.at_risk_at', 'i.service',
        sql<number>`case when i.status in (${sql.join(openStates)}) then 1 else 0 end`.as('open'),
      ])
      .as('c');
  },
  async breachedClocks(db): Promise<BreachedClockRow[]> {
    const rows = await db.selectFrom('incident_sla_clocks as s').innerJoin('incidents as i', 'i.id', 's.incident_id')
      .select(['i.reference', 's.clock_id', 's.name', 's.sla', 's.priority', 's.breached_at'])
      .where('s.breached', '=', 1).where('s.breached_at', 'is not', null).execute();
    return rows.map((r) => ({ ticket: r.reference, clockId: r.clock_id, name: r.name, sla: r.sla, priority: r.priority, breachedAt: Number(r.breached_at) }));
  },
};
