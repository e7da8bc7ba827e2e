import type { Database } from './platform/db/database.js';
import { roles, type Role } from './platform/auth/roles.js';
import { createUser } from './platform/auth/users.service.js';
import type { Assembly } from './certus.js';
import { emailJobKind } from './platform/notify/mailer.js';

export const demoPassword = 'Certus-demo-2026';
export const demoOrganisation = 'Northwind Managed Services';

const people: Record<Role, string> = {
  'top-management': 'Amelia Hart',
  'sms-manager': 'Sam Okafor',
  'process-owner': 'Priya Raman',
  'service-level-manager': 'Lewis Grant',
  'change-release-manager': 'Chloe Dubois',
  'incident-problem-manager': 'Tomasz Nowak',
  'configuration-manager': 'Hannah Lee',
  'capacity-availability-manager': 'Ravi Menon',
  'continuity-manager': 'Grace Whitfield',
  'security-manager': 'Daniel Cho',
  'supplier-manager': 'Fiona Walsh',
  'internal-auditor': 'Oliver Bennett',
  'service-desk-agent': 'Aisha Khan',
  'requester': 'Mark Ellis',
  'administrator': 'Ops Admin',
};

export function demoEmail(role: Role): string {
  return `${role}@northwind.example`;
}

/**
 * Colleagues who raise tickets beside the requester role's own person (Mark Ellis), so the portal
 * shows each person their own; the modules' demos share their incidents and requests out among all.
 */
export const demoRequesters = [
  { displayName: 'Nina Patel', email: 'nina.patel@northwind.example' },
  { displayName: 'Owen Price', email: 'owen.price@northwind.example' },
  { displayName: 'Zara Ahmed', email: 'zara.ahmed@northwind.example' },
] as const;

/**
 * Loads the demo organisation: one person per role (all with the demo password), then each
 * module's demo records. Runs once; returns false when demo users already exist.
 */
export async function loadDemo(database: Database, assembly: Assembly, onStep?: (done: number, total: number, what: string) => void, now = Date.now()): Promise<boolean> {
  const { db } = database;
  const existing = await db.selectFrom('users').select('id').where('email', '=', demoEmail('sms-manager')).executeTakeFirst();
  if (existing) return false;
  const usersByRole: Record<string, string> = {};
  const requesters: string[] = [];
  const steps = 1 + assembly.modules.filter((m) => m.demo).length + assembly.modules.filter((m) => m.demoAssessment).length;
  onStep?.(0, steps, 'people');
  await db.transaction().execute(async (trx) => {
    for (const role of roles) {
      const user = await createUser(trx, { email: demoEmail(role.id), displayName: people[role.id], password: demoPassword, roles: [role.id] }, now);
      usersByRole[role.id] = user.id;
    }
    requesters.push(usersByRole.requester!);
    for (const person of demoRequesters) {
      requesters.push((await createUser(trx, { email: person.email, displayName: person.displayName, password: demoPassword, roles: ['requester'] }, now)).id);
    }
  });
  let done = 1;
  onStep?.(done, steps, 'people');
  const queuedBefore = (await db.selectFrom('jobs').select('id').where('kind', '=', emailJobKind).execute()).map((j) => j.id);
  for (const module of assembly.modules) {
    if (!module.demo) continue;
    await module.demo({ database, usersByRole, requesters, now });
    onStep?.(++done, steps, module.name);
  }
  // Last, after every record the rules read exists (backfills included): the assessment judges them.
  for (const module of assembly.modules) {
    if (!module.demoAssessment) continue;
    await module.demoAssessment({ database, usersByRole, requesters, now });
    onStep?.(++done, steps, `${module.name} assessment`);
  }
  // The demo's six months happened in the past: the notices its records queued (approvals asked,
  // requests fulfilled …) are not news to anyone, so none is sent. Live events from now on are.
  await db.deleteFrom('jobs').where('kind', '=', emailJobKind)
    .$if(queuedBefore.length > 0, (q) => q.where('id', 'not in', queuedBefore)).execute();
  return true;
}
