import type { Database, Executor } from '../../platform/db/database.js';
import { queueEmail } from '../../platform/notify/mailer.js';
import { formatDuration } from '../../kernel/calendar/index.js';
import { incidentWorkflow } from './incident.workflow.js';
import { agreementsLoader } from './incident-clocks.js';
import { recordBreach, recordMissingBreaches } from './sla-breaches.js';
import { computeIncidentClocks, storeClocksOf, type ClockSnapshot } from './sla-snapshots.js';
import { levelReached, nextEscalationAt, type EscalationLevel, type EscalationSettings } from './escalation.js';
import { currentEscalation } from './escalation-settings.repository.js';
import { escalateIncident } from './escalation.service.js';
import type { AgreementsOf } from './incident-clocks.js';

export const slaWatchJob = 'incidents.watch-slas';

export interface WatchSummary {
  /** Incidents whose clocks were replayed in this pass. */
  checked: number;
  atRisk: number;
  breached: number;
  /** Incidents raised to a higher escalation level. */
  escalated: number;
  /** Breach records created, without e-mail, for breached snapshots that had none (tickets no longer open, history). */
  recorded: number;
}

export const openStates = incidentWorkflow.states.filter((s) => s.category === 'open').map((s) => s.id);

/** Changes committed up to this long before the last pass's time are still looked at (clock skew, long transactions). */
const changeMargin = 10 * 60_000;

export interface WatchedIncident {
  id: string;
  reference: string;
  status: string;
  service: string | null;
  sla: string | null;
  short_description: string;
  assignee_id: string | null;
  assignment_group: string | null;
  priority: string;
  escalation_level: number | null;
}

/** Who hears about a ticket's clocks: its assignee, and the incident and service level managers (read once per pass). */
function recipientsFor(database: Database): (assigneeId: string | null) => Promise<string[]> {
  let managers: Promise<string[]> | undefined;
  return async (assigneeId) => {
    managers ??= database.db.selectFrom('users').innerJoin('user_roles', 'user_roles.user_id', 'users.id')
      .select('users.email').where('users.active', '=', 1).where('user_roles.role', 'in', ['incident-problem-manager', 'service-level-manager']).execute()
      .then((rows) => rows.map((r) => r.email));
    const assignee = assigneeId ? await database.db.selectFrom('users').select('email').where('id', '=', assigneeId).where('active', '=', 1).executeTakeFirst() : undefined;
    return [...new Set([...(assignee ? [assignee.email] : []), ...(await managers)])].sort();
  };
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
  return db.selectFrom('incidents')
    .select(['id', 'reference', 'status', 'service', 'sla', 'short_description', 'assignee_id', 'assignment_group', 'priority', 'escalation_level'])
    .where('id', 'in', ids).execute();
}

/**
 * The SLA watch (8.3.3, 8.6.1), every minute: replays the clocks of the incidents that need it
 * (see incidentsToReplay) and stores their snapshots. For an open incident, a clock past its
 * at-risk threshold warns the assignee and the managers once; a breached clock becomes an SLA
 * breach record to investigate and escalates to the incident and service level managers.
 * Notifications go before the snapshot is stored, so a pass that fails half-way is repeated.
 * Last, every breached snapshot still without a breach record — a ticket resolved or closed
 * before its breach was seen, history from before this was done — gets one, without e-mail.
 * Safe to run in several processes: the breach record is unique per incident and clock, and
 * each e-mail has a dedupe key.
 */
export async function watchSlas(database: Database, now = Date.now()): Promise<WatchSummary> {
  return watchIncidents(database, await incidentsToReplay(database.db, now), now);
}

/** One pass of the watch over these incidents (the demo loader's first pass takes every open one). */
export async function watchIncidents(database: Database, ids: readonly string[], now: number): Promise<WatchSummary> {
  const { db } = database;
  const summary: WatchSummary = { checked: 0, atRisk: 0, breached: 0, escalated: 0, recorded: 0 };
  const recipients = recipientsFor(database);
  const agreementsOf = agreementsLoader(db, true);
  const escalation = ids.length > 0 ? (await currentEscalation(db)).settings : null;
  // In chunks: notifications per incident, then the chunk's snapshots in one transaction.
  for (let i = 0; i < ids.length; i += 100) {
    const replayed: [string, ClockSnapshot[]][] = [];
    for (const incident of await loadIncidents(db, ids.slice(i, i + 100))) {
      summary.checked += 1;
      const snapshots = await computeIncidentClocks(db, incident, now, agreementsOf);
      if (openStates.includes(incident.status)) {
        for (const clock of snapshots) {
          const outcome = await notify(database, incident, clock, recipients, escalation!, now);
          if (outcome) summary[outcome] += 1;
        }
        if (await escalate(database, incident, snapshots, escalation!, agreementsOf, now)) summary.escalated += 1;
      }
      replayed.push([incident.id, snapshots]);
    }
    await db.transaction().execute((trx) => storeClocksOf(trx, replayed));
  }
  summary.recorded = await recordMissingBreaches(db, now);
  return summary;
}

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

/** The SLA resolution clock is the one escalation follows (see `escalate`). */
const isEscalationClock = (clock: ClockSnapshot) => clock.kind === 'sla' && clock.clockId === 'resolution';

async function notify(database: Database, incident: WatchedIncident, clock: ClockSnapshot, recipients: (assigneeId: string | null) => Promise<string[]>, escalation: EscalationSettings, now: number): Promise<'atRisk' | 'breached' | null> {
  const { db } = database;
  const sla = clock.sla ?? incident.sla ?? '';
  // Where an escalation level answers this event on the clock escalation follows, that level's
  // e-mail is the one people get (it names the breach record too), not a second one from here.
  const escalatedOn = (when: EscalationLevel['when']) => isEscalationClock(clock) && escalation.levels.some((l) => l.when === when);
  if (clock.breached && clock.breachedAt !== null) {
    const to = await recipients(incident.assignee_id);
    const recorded = await recordBreach(db, incident, { ...clock, sla, breachedAt: clock.breachedAt }, now, async (trx, breach) => {
      if (escalatedOn('breached')) return;
      await queueEmail(trx, {
        to,
        subject: `${incident.reference} breached ${clock.name} — ${breach}`,
        text: `${incident.reference} (${incident.priority}) "${incident.short_description}" missed its target "${clock.name}" under ${sla} at ${new Date(clock.breachedAt!).toISOString()}.\nBreach record ${breach} is open for investigation.`,
      }, `breached:${incident.id}:${clock.clockId}`, now);
    });
    return recorded.created ? 'breached' : null;
  }
  if (clock.atRisk && clock.status === 'running') {
    if (escalatedOn('at-risk')) return 'atRisk';
    const percentUsed = clock.targetMillis ? (clock.elapsedMillis / clock.targetMillis) * 100 : 0;
    await queueEmail(db, {
      to: await recipients(incident.assignee_id),
      subject: `${incident.reference} is at risk of breaching ${clock.name}`,
      text: `${incident.reference} (${incident.priority}) "${incident.short_description}" has used ${Math.round(percentUsed)}% of "${clock.name}" under ${sla}; ${clock.remainingMillis !== null ? formatDuration(clock.remainingMillis) : 'no time'} remains.`,
    }, `at-risk:${incident.id}:${clock.clockId}`, now);
    return 'atRisk';
  }
  return null;
}
