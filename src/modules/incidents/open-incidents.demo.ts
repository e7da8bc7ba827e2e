import type { DemoContext } from '../../kernel/module.js';
import { principalOfUser } from '../../platform/auth/principals.js';
import { createRecord, transitionRecord } from '../../kernel/records/record.service.js';
import { businessPosition, instantAtBusinessPosition } from '../../kernel/calendar/index.js';
import { servicesInStatus } from '../services/index.js';
import { clockDefinitionsFor } from '../service-levels/index.js';
import { incidentRecord } from './incident.record.js';
import { priorityOf, type Level } from './priority-matrix.js';
import { currentMatrix } from './priority-matrix.repository.js';

const minute = 60_000;
const day = 86_400_000;

interface OpenIncident {
  text: string;
  category: string;
  /** The catalogue service it is raised against, by name. */
  service: string;
  impact: Level;
  urgency: Level;
  group: string | null;
  /** Share of the SLA resolution target used by now (had it kept running). */
  used: number;
  /** Waiting for the caller since this share of the target was used. */
  pausedAt?: number;
  mine: boolean;
}

/** The queue as it stands at demo time: late, at risk, on track and waiting, at every priority. */
export const openDemoIncidents: OpenIncident[] = [
  { text: 'Core router unreachable at the Leeds office', category: 'network', service: 'Network connectivity', impact: 'high', urgency: 'high', group: 'Network', used: 1.3, mine: false },
  { text: 'Payment page times out for some customers', category: 'software', service: 'Payment gateway hosting', impact: 'high', urgency: 'medium', group: 'Hosting', used: 0.85, mine: true },
  { text: 'Outbound e-mail delayed by up to an hour', category: 'software', service: 'Microsoft 365 administration', impact: 'medium', urgency: 'high', group: 'Service desk', used: 0.4, mine: true },
  { text: 'Backup job reports checksum errors', category: 'data', service: 'Backup and recovery', impact: 'medium', urgency: 'medium', group: 'Hosting', used: 1.1, mine: false },
  { text: 'Shared mailbox missing for a new starter', category: 'access', service: 'Microsoft 365 administration', impact: 'medium', urgency: 'medium', group: 'Service desk', used: 0.9, mine: true },
  { text: 'VPN client crashes after the latest update', category: 'network', service: 'Network connectivity', impact: 'medium', urgency: 'medium', group: 'Service desk', used: 0.6, pausedAt: 0.5, mine: true },
  { text: 'Docking station not detected on one laptop', category: 'hardware', service: 'Service desk', impact: 'low', urgency: 'low', group: 'Service desk', used: 0.2, mine: false },
  { text: 'Printer on the second floor jams repeatedly', category: 'hardware', service: 'Service desk', impact: 'low', urgency: 'low', group: 'Service desk', used: 0.8, mine: false },
  { text: 'Product images load slowly on the website', category: 'software', service: 'Managed hosting', impact: 'low', urgency: 'high', group: null, used: 0.1, mine: false },
];

/**
 * Incidents still open at demo time, each on the service its category and text belong to (a router
 * outage under Network connectivity), opened so that the stated share of its resolution target has
 * been used by now in its SLA's business hours — so the queue shows breached, at-risk, running and
 * paused clocks whatever the day and hour. One whose service has no SLA with a calendar is skipped.
 */
export async function loadOpenIncidentDemo(context: DemoContext): Promise<void> {
  const { db } = context.database;
  const agent = await principalOfUser(db, context.usersByRole['service-desk-agent']!);
  const now = context.now;
  const covered = new Map<string, { reference: string; agreements: Awaited<ReturnType<typeof clockDefinitionsFor>> }>();
  for (const service of await servicesInStatus(db, 'live')) {
    const agreements = await clockDefinitionsFor(db, service.reference, null, { stopStatuses: ['resolved', 'closed'] });
    if (agreements.sla && agreements.calendars[agreements.sla.calendarId]) covered.set(service.name, { reference: service.reference, agreements });
  }
  const matrix = await currentMatrix(db);
  for (const [i, plan] of openDemoIncidents.entries()) {
    const on = covered.get(plan.service);
    if (!on) continue;
    const { reference: service, agreements } = on;
    const caller = context.requesters[i % context.requesters.length] ?? null;
    const calendar = agreements.calendars[agreements.sla!.calendarId]!;
    const target = agreements.clocks.find((c) => c.id === 'resolution')?.targets[priorityOf(matrix, plan.impact, plan.urgency)];
    if (target === undefined) continue;
    const position = (share: number) => instantAtBusinessPosition(calendar, businessPosition(calendar, now) - share * target, now - 60 * day);
    const opened = Math.min(position(plan.used), now - 10 * minute);
    await db.transaction().execute(async (trx) => {
      let r = await createRecord(trx, incidentRecord, agent, {
        shortDescription: plan.text, description: `${plan.text}. Reported by telephone.`, category: plan.category, service,
        impact: plan.impact, urgency: plan.urgency, callerId: caller,
      }, opened);
      if (!plan.group) return;
      r = await transitionRecord(trx, incidentRecord, agent, r.id, r.version, 'assigned', { assignmentGroup: plan.group, assigneeId: plan.mine ? agent.userId : null }, opened + minute);
      r = await transitionRecord(trx, incidentRecord, agent, r.id, r.version, 'in-progress', {}, opened + 2 * minute);
      if (plan.pausedAt !== undefined) {
        const paused = instantAtBusinessPosition(calendar, businessPosition(calendar, opened) + plan.pausedAt * target, opened);
        await transitionRecord(trx, incidentRecord, agent, r.id, r.version, 'awaiting-caller', {}, Math.min(Math.max(opened + 3 * minute, paused), now - minute));
      }
    });
  }
}
