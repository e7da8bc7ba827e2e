import type { DemoContext } from '../../kernel/module.js';
import { principalOfUser } from '../../platform/auth/principals.js';
import { createRecord, transitionRecord, updateRecord } from '../../kernel/records/record.service.js';
import { addComment } from '../../kernel/comments/comments.service.js';
import { incidentRecord } from './incident.record.js';
import { seededRandom } from '../../platform/random/seeded-random.js';
import { servicesInStatus } from '../services/index.js';

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/** The demo's seeded choices: the same six months every time. */
function seeded(seed: number) {
  const next = seededRandom(seed);
  return {
    next,
    pick<T>(items: readonly T[]): T { return items[Math.floor(next() * items.length)]!; },
    between(low: number, high: number): number { return low + next() * (high - low); },
  };
}

const issues = [
  { text: 'VPN connection drops every few minutes', category: 'network', service: 'Network connectivity', group: 'Network' },
  { text: 'Cannot log in to Outlook', category: 'access', service: 'Microsoft 365 administration', group: 'Service desk' },
  { text: 'Nightly backup job failed for file server', category: 'data', service: 'Backup and recovery', group: 'Hosting' },
  { text: 'Website slow to load for customers', category: 'software', service: 'Managed hosting', group: 'Hosting' },
  { text: 'Payment page returns error 502', category: 'software', service: 'Payment gateway hosting', group: 'Hosting' },
  { text: 'Laptop will not power on', category: 'hardware', service: 'Service desk', group: 'Service desk' },
  { text: 'Account locked after password change', category: 'access', service: 'Microsoft 365 administration', group: 'Service desk' },
  { text: 'Phishing e-mail reported by user', category: 'security', service: 'Service desk', group: 'Security' },
  { text: 'Wi-Fi unavailable on second floor', category: 'network', service: 'Network connectivity', group: 'Network' },
  { text: 'Restore request failing from last week\'s backup', category: 'data', service: 'Backup and recovery', group: 'Hosting' },
] as const;

/** Six months of incidents from a fixed seed, so the KPIs and charts have something to show. */
export async function loadIncidentDemo(context: DemoContext): Promise<void> {
  const { db } = context.database;
  const random = seeded(20_000_1);
  // Updates to callers draw from their own stream, so the incidents themselves stay as they were.
  const updates = seeded(20_000_3);
  const agent = await principalOfUser(db, context.usersByRole['service-desk-agent']!);
  const manager = await principalOfUser(db, context.usersByRole['incident-problem-manager']!);
  // Callers take turns by index (half the incidents are Mark Ellis's, the rest his colleagues'),
  // drawing nothing from the seeded stream: the incidents themselves are drawn as with one caller.
  const callers = await Promise.all(context.requesters.map((id) => principalOfUser(db, id)));
  const callerOf = (i: number) => (i % 2 === 0 || callers.length === 1 ? callers[0]! : callers[1 + (Math.floor(i / 2) % (callers.length - 1))]!);
  // Incidents name their service by reference, so SLAs and per-service KPIs find them.
  const services = new Map((await servicesInStatus(db, 'live')).map((svc) => [svc.name, svc.reference]));
  const start = context.now - 182 * day;
  const count = 360;
  for (let i = 0; i < count; i++) {
    const issue = random.pick(issues);
    const opened = Math.round(start + (i / count) * 180 * day + random.between(0, 12 * hour));
    const impact = random.pick(['high', 'medium', 'medium', 'low', 'low', 'low'] as const);
    const urgency = random.pick(['high', 'medium', 'medium', 'low', 'low'] as const);
    const caller = callerOf(i);
    const reporter = random.next() < 0.3 ? caller : agent;
    await db.transaction().execute(async (trx) => {
      let at = opened;
      let incident = await createRecord(trx, incidentRecord, reporter, {
        shortDescription: issue.text, description: `${issue.text}. Reported via ${reporter === caller ? 'the portal' : 'telephone'}.`,
        category: issue.category, service: services.get(issue.service) ?? null, impact, urgency, callerId: caller.userId,
      }, at);
      const step = async (to: string, fields: Record<string, unknown>, after: number, actor = agent) => {
        at += Math.round(after);
        if (at > context.now) return false;
        incident = await transitionRecord(trx, incidentRecord, actor, incident.id, incident.version, to, fields, at);
        return true;
      };
      const firstGroup = random.next() < 0.2 ? 'Service desk' : issue.group;
      if (!(await step('assigned', { assignmentGroup: firstGroup, assigneeId: agent.userId }, random.between(2, 40) * minute))) return;
      if (firstGroup !== issue.group) {
        at += Math.round(random.between(10, 90) * minute);
        if (at > context.now) return;
        incident = await updateRecord(trx, incidentRecord, agent, incident.id, incident.version, { assignmentGroup: issue.group }, at);
      }
      if (!(await step('in-progress', {}, random.between(5, 60) * minute))) return;
      // 8.6.1: most callers hear how it is going; the rest are the gap an assessment should find.
      const keepsCallerInformed = updates.next() < 0.86;
      if (keepsCallerInformed) {
        await addComment(trx, incidentRecord.type, incident.id, agent, 'public', `We are working on this. ${issue.group === 'Service desk' ? 'The service desk' : `The ${issue.group.toLowerCase()} team`} has it and will update you here.`, at + Math.round(updates.between(1, 5) * minute));
      }
      if (random.next() < 0.25 && !(await step('awaiting-caller', {}, random.between(10, 120) * minute))) return;
      if (incident.status === 'awaiting-caller' && !(await step('in-progress', {}, random.between(1, 20) * hour))) return;
      const isMajor = incident.priority === 'P1' && random.next() < 0.5;
      if (isMajor) {
        at += 10 * minute;
        incident = await updateRecord(trx, incidentRecord, manager, incident.id, incident.version, { major: true, majorIncidentManagerId: manager.userId }, at);
      }
      const effort = { P1: [0.5, 6], P2: [1, 16], P3: [2, 40], P4: [4, 90] }[incident.priority as 'P1'] ?? [2, 40];
      if (!(await step('resolved', { resolutionCode: random.pick(['fixed', 'fixed', 'fixed', 'workaround', 'no-fault-found', 'user-error']), resolutionNotes: 'Cause found and corrected; caller confirmed service restored.' }, random.between(effort[0]!, effort[1]!) * hour))) return;
      if (random.next() < 0.06) {
        if (!(await step('in-progress', {}, random.between(1, 24) * hour, caller))) return;
        if (!(await step('resolved', { resolutionCode: 'fixed', resolutionNotes: 'Fixed properly after the caller reported it recurring.' }, random.between(1, 8) * hour))) return;
      }
      if (isMajor) {
        at += 2 * day;
        if (at > context.now) return;
        incident = await updateRecord(trx, incidentRecord, manager, incident.id, incident.version, { pirSummary: 'Review held with hosting and network teams; root cause passed to problem management; monitoring threshold lowered.' }, at);
      }
      if (keepsCallerInformed && at + 2 * minute <= context.now) {
        await addComment(trx, incidentRecord.type, incident.id, agent, 'public', 'This is resolved. If it comes back, reopen the incident and we will pick it up again.', at + 2 * minute);
      }
      await step('closed', {}, random.between(4, 72) * hour, random.next() < 0.4 ? caller : agent);
    });
  }
}
