import type { DemoContext } from '../../kernel/module.js';
import { principalOfUser } from '../../platform/auth/principals.js';
import { createRecord, transitionRecord } from '../../kernel/records/record.service.js';
import { addLink } from '../../kernel/links/links.service.js';
import { servicesInStatus } from '../services/index.js';
import { recentIncidents } from '../incidents/index.js';
import { problemRecord } from './problem.record.js';

const day = 86_400_000;

/** Three problems at different stages, each grouping the demo incidents it explains. */
export async function loadProblemDemo(context: DemoContext): Promise<void> {
  const { db } = context.database;
  const manager = await principalOfUser(db, context.usersByRole['incident-problem-manager']!);
  const services = new Map((await servicesInStatus(db, 'live')).map((s) => [s.name, s.reference]));
  const problems = [
    { title: 'VPN tunnels drop under load', service: 'Network connectivity', category: 'network', priority: 'P2', steps: [['investigating', {}], ['known-error', { rootCause: 'Concentrator firmware leaks sessions above 800 tunnels', workaround: 'Fail over to the standby concentrator and clear stale sessions' }]] },
    { title: 'Nightly backups fail on the file server', service: 'Backup and recovery', category: 'data', priority: 'P3', steps: [['investigating', {}], ['known-error', { rootCause: 'Snapshot window overlaps antivirus scan', workaround: 'Rerun the job after 03:00' }], ['closed', { closureReason: 'resolved-by-change', rootCause: 'Snapshot window overlaps antivirus scan' }]] },
    { title: 'Outlook sign-in loops after password change', service: 'Microsoft 365 administration', category: 'access', priority: 'P3', steps: [['investigating', {}]] },
  ] as const;
  let at = context.now - 60 * day;
  for (const problem of problems) {
    const service = services.get(problem.service) ?? null;
    await db.transaction().execute(async (trx) => {
      let record = await createRecord(trx, problemRecord, manager, { title: problem.title, service, category: problem.category, priority: problem.priority, description: `Raised from the incident trend on ${problem.service}.` }, at);
      for (const [to, fields] of problem.steps) {
        at += 3 * day;
        record = await transitionRecord(trx, problemRecord, manager, record.id, record.version, to, fields, at);
      }
      if (!service) return;
      const incidents = await recentIncidents(trx, service, problem.category, 5);
      for (const incident of incidents) {
        await addLink(trx, { type: 'problem', id: record.id, reference: record.reference }, 'groups', { type: 'incident', id: incident.id, reference: incident.reference }, manager, at);
      }
    });
    at += 5 * day;
  }
}
