import { staffRoles } from '../../platform/auth/roles.js';
import type { CertusModule } from '../../kernel/module.js';
import { problemRecord } from './problem.record.js';
import { loadProblemDemo } from './problem.demo.js';
import { problemProposalRoutes } from './problem-proposals.routes.js';
import { problemKpiRoutes, problemKpisPermission } from './problem-kpis.routes.js';
import { detectRecurrence, recurrenceJob } from './problem-trends.js';
import { problemsMigration } from './migrations/20261128T1505-problems.js';
import { problemExternalMigration } from './migrations/20261207T2301-problem-external.js';
import './problem.tables.js';

export const problemsModule: CertusModule = {
  name: 'problems',
  clause: '8.6.3',
  recordTypes: [problemRecord],
  migrations: [problemsMigration, problemExternalMigration],
  grants: { [problemKpisPermission]: staffRoles },
  routes: async (app) => {
    await app.register(problemProposalRoutes);
    await app.register(problemKpiRoutes);
  },
  demo: loadProblemDemo,
  jobs: { [recurrenceJob]: async (_payload, { database, now }) => { await detectRecurrence(database, now); } },
  schedules: [{ name: 'problem-recurrence', kind: recurrenceJob, intervalMs: 3_600_000 }],
  menu: [
    { label: 'Problem KPIs', path: '/problems/kpis', group: 'resolution', description: 'Clause 8.6.3', permission: problemKpisPermission },
  ],
};
