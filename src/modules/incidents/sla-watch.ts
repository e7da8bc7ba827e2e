import type { Database } from '../../platform/db/database.js';
import { systemPrincipal } from '../../platform/auth/system-user.js';
import { queueEmail } from '../../platform/notify/mailer.js';
import { createRecord } from '../../kernel/records/record.service.js';
import { formatDuration } from '../../kernel/calendar/index.js';
import { incidentWorkflow } from './incident.workflow.js';
import { agreementsLoader, incidentClocks } from './incident-clocks.js';
import { slaBreachRecord } from './sla-breach.record.js';

export const slaWatchJob = 'incidents.watch-slas';

export interface WatchSummary {
  checked: number;
  atRisk: number;
  breached: number;
}

const openStates = incidentWorkflow.states.filter((s) => s.category === 'open').map((s) => s.id);

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
 * Looks at every open incident under an SLA: a clock past its at-risk threshold warns the
 * assignee and the managers once; a breached clock becomes an SLA breach record to investigate
 * and escalates to the incident and service level managers. Safe to run in several processes:
 * the breach record is unique per incident and clock, and each e-mail has a dedupe key.
 */
export async function watchSlas(database: Database, now = Date.now()): Promise<WatchSummary> {
  const { db } = database;
  const summary: WatchSummary = { checked: 0, atRisk: 0, breached: 0 };
  const recipients = recipientsFor(database);
  const agreementsOf = agreementsLoader(db, true);
  const open = await db.selectFrom('incidents').select(['id', 'reference', 'service', 'short_description', 'assignee_id', 'priority'])
    .where('status', 'in', openStates).where('sla', 'is not', null).execute();
  for (const incident of open) {
    summary.checked += 1;
    const { sla, clocks } = await incidentClocks(db, incident, now, agreementsOf);
    if (!sla) continue;
    for (const clock of clocks) {
      if (clock.breached && clock.breachedAt !== null) {
        const to = await recipients(incident.assignee_id);
        const created = await db.transaction().execute(async (trx) => {
          const exists = await trx.selectFrom('sla_breaches').select('id').where('incident', '=', incident.reference).where('clock', '=', clock.clockId).executeTakeFirst();
          if (exists) return false;
          const system = await systemPrincipal(trx, now);
          const breach = await createRecord(trx, slaBreachRecord, system, {
            summary: `${incident.reference} missed "${clock.name}" (${sla.reference})`,
            incident: incident.reference, sla: sla.reference, clock: clock.clockId, priority: clock.priority,
            breachedAt: new Date(clock.breachedAt!).toISOString(),
          }, now, { system: true });
          await queueEmail(trx, {
            to,
            subject: `${incident.reference} breached ${clock.name} — ${breach.reference}`,
            text: `${incident.reference} (${incident.priority}) "${incident.short_description}" missed its target "${clock.name}" under ${sla.reference} at ${new Date(clock.breachedAt!).toISOString()}.\nBreach record ${breach.reference} is open for investigation.`,
          }, `breached:${incident.id}:${clock.clockId}`, now);
          return true;
        });
        if (created) summary.breached += 1;
      } else if (clock.atRisk && clock.status === 'running') {
        await queueEmail(db, {
          to: await recipients(incident.assignee_id),
          subject: `${incident.reference} is at risk of breaching ${clock.name}`,
          text: `${incident.reference} (${incident.priority}) "${incident.short_description}" has used ${Math.round(clock.percentUsed ?? 0)}% of "${clock.name}" under ${sla.reference}; ${clock.remainingMillis !== null ? formatDuration(clock.remainingMillis) : 'no time'} remains.`,
        }, `at-risk:${incident.id}:${clock.clockId}`, now);
        summary.atRisk += 1;
      }
    }
  }
  return summary;
}
