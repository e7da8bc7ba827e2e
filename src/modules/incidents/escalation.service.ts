import type { Database } from '../../platform/db/database.js';
import { systemPrincipal } from '../../platform/auth/system-user.js';
import { queueEmail } from '../../platform/notify/mailer.js';
import { updateRecord } from '../../kernel/records/record.service.js';
import { formatDuration } from '../../kernel/calendar/index.js';
import { breachRecordOf } from '../service-levels/index.js';
import { incidentRecord } from './incident.record.js';
import type { EscalationLevel, EscalationRecipient, EscalationSettings } from './escalation.js';
import type { ClockSnapshot } from './sla-snapshots.js';

export interface EscalatingIncident {
  id: string;
  reference: string;
  short_description: string;
  priority: string;
  service: string | null;
  assignee_id: string | null;
  assignment_group: string | null;
}

const roleRecipients: EscalationRecipient[] = ['incident-problem-manager', 'service-level-manager', 'sms-manager'];

/** The addresses a level names, for this incident. */
async function addressesFor(database: Database, level: EscalationLevel, incident: EscalatingIncident, settings: EscalationSettings): Promise<string[]> {
  const { db } = database;
  const addresses: string[] = [];
  const roles = level.notify.filter((r) => roleRecipients.includes(r));
  if (roles.length > 0) {
    const rows = await db.selectFrom('users').innerJoin('user_roles', 'user_roles.user_id', 'users.id').select('users.email')
      .where('users.active', '=', 1).where('user_roles.role', 'in', roles).execute();
    addresses.push(...rows.map((r) => r.email));
  }
  const userIds: string[] = [];
  if (level.notify.includes('assignee') && incident.assignee_id) userIds.push(incident.assignee_id);
  if (level.notify.includes('service-owner') && incident.service) {
    const owner = await db.selectFrom('services').select('service_owner').where('reference', '=', incident.service).executeTakeFirst();
    if (owner?.service_owner) userIds.push(owner.service_owner);
  }
  if (userIds.length > 0) addresses.push(...(await db.selectFrom('users').select('email').where('id', 'in', userIds).where('active', '=', 1).execute()).map((r) => r.email));
  if (level.notify.includes('assignment-group') && incident.assignment_group) {
    const group = settings.groupAddresses[incident.assignment_group];
    if (group) addresses.push(group);
  }
  return [...new Set(addresses)].sort();
}

function reasonOf(level: EscalationLevel): string {
  if (level.when === 'at-risk') return 'at risk of missing its resolution target';
  if (level.when === 'breached') return 'past its resolution target';
  return `has used ${level.percent}% of its resolution target`;
}

/**
 * Raises the incident to `reached`: one e-mail per level passed (each with a dedupe key, so a
 * repeated pass sends nothing twice) and the new level written by Certus itself, which makes
 * it an event in the incident's hash-chained history — the evidence an auditor reads.
 */
export async function escalateIncident(database: Database, incident: EscalatingIncident, clock: ClockSnapshot, from: number, reached: number, settings: EscalationSettings, now: number): Promise<void> {
  const messages: { level: number; definition: EscalationLevel; to: string[] }[] = [];
  for (let level = from + 1; level <= reached; level++) {
    const definition = settings.levels[level - 1]!;
    messages.push({ level, definition, to: await addressesFor(database, definition, incident, settings) });
  }
  await database.db.transaction().execute(async (trx) => {
    // The breach record the watch opened for this clock, for the people told at the breach.
    const breach = await breachRecordOf(trx, incident.reference, clock.clockId);
    for (const { level, definition, to } of messages) {
      const used = clock.targetMillis ? Math.round((clock.elapsedMillis / clock.targetMillis) * 100) : 0;
      const investigate = definition.when !== 'at-risk' && breach ? `\nBreach record ${breach} is open for investigation.` : '';
      await queueEmail(trx, {
        to,
        subject: `${incident.reference} escalated to level ${level}: ${reasonOf(definition)}`,
        text: `${incident.reference} (${incident.priority}) "${incident.short_description}" ${reasonOf(definition)} under ${clock.sla ?? 'its SLA'} (${clock.name}): ${used}% of the target used, ${clock.remainingMillis ? `${formatDuration(clock.remainingMillis)} left` : 'no time left'}.\nEscalation level ${level} of ${settings.levels.length}; assignment group ${incident.assignment_group ?? 'none'}.${investigate}`,
      }, `escalation:${incident.id}:${level}`, now);
    }
    const current = await trx.selectFrom('incidents').select('version').where('id', '=', incident.id).executeTakeFirstOrThrow();
    const system = await systemPrincipal(trx, now);
    await updateRecord(trx, incidentRecord, system, incident.id, current.version, { escalationLevel: reached }, now, { system: true });
  });
}
