import type { FastifyInstance } from 'fastify';
import type { CertusModule } from '../kernel/module.js';
import { staffRoles } from '../platform/auth/roles.js';
import { catalogueRoutes } from './catalogue.routes.js';
import { assessmentRecord } from './assessments/assessment.record.js';
import { assessmentRoutes } from './assessments/assessment.routes.js';
import { loadAssessmentDemo } from './assessments/assessment.demo.js';
import { exportRoutes } from './exports/exports.routes.js';
import { readinessPermissions, readinessRoutes } from './readiness/readiness.routes.js';
import { rulesPermission, rulesRoutes } from './rules/rules.routes.js';
import { startPagePermission, startRoutes } from './start/start.routes.js';
import { assessmentsMigration } from './migrations/20261128T1400-assessments.js';
import { assessmentRuleResultsMigration } from './migrations/20261128T1410-assessment-rule-results.js';
import { editionClauseNumbersMigration } from './migrations/20261207T2300-edition-clause-numbers.js';
import './assessments/assessment.tables.js';
import './readiness/readiness.tables.js';

async function complianceRoutes(app: FastifyInstance): Promise<void> {
  await app.register(catalogueRoutes);
  await app.register(assessmentRoutes);
  await app.register(exportRoutes);
  await app.register(readinessRoutes);
  await app.register(rulesRoutes);
  await app.register(startRoutes);
}

/** The compliance engine: the requirement catalogue, assessments, maturity, readiness and rules (clauses 4-10). */
export const complianceModule: CertusModule = {
  name: 'compliance',
  clause: '4-10',
  recordTypes: [assessmentRecord],
  migrations: [assessmentsMigration, assessmentRuleResultsMigration, editionClauseNumbersMigration],
  grants: {
    'catalogue:read': staffRoles,
    [rulesPermission]: staffRoles,
    [readinessPermissions.read]: staffRoles,
    // Everyone working in the SMS has a start page; a requester's is the portal.
    [startPagePermission]: staffRoles,
    // The readiness checklist is the SMS manager's to keep; the internal auditor reads it (and
    // writes only audit work: assessments).
    [readinessPermissions.update]: ['sms-manager'],
  },
  routes: complianceRoutes,
  demoAssessment: loadAssessmentDemo,
  menu: [
    { label: 'Requirement catalogue', path: '/compliance/catalogue', group: 'compliance', description: 'Clauses 4–10 and their requirements', permission: 'catalogue:read' },
    { label: 'Assessments', path: '/records/assessments', group: 'compliance', description: 'Gap assessments and audits', permission: 'assessments:read' },
    { label: 'Readiness checklist', path: '/compliance/readiness', group: 'compliance', description: 'The road to certification', permission: readinessPermissions.read },
  ],
};
