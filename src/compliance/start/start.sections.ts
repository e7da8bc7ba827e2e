import type { Permission } from '../../platform/auth/permissions.js';
import type { Role } from '../../platform/auth/roles.js';

/**
 * The parts a start page can hold. `work` and `approvals` follow what a person may do (work
 * incidents, requests or tasks; decide approvals); `overview` and `audit` follow the roles the
 * guide gives them to (the SMS manager, top management and process owners run the SMS; the
 * internal auditor audits it). Every section also needs the permissions behind its records.
 */
export const startSectionIds = ['work', 'approvals', 'overview', 'audit'] as const;
export type StartSectionId = (typeof startSectionIds)[number];

export const overviewRoles: Role[] = ['sms-manager', 'top-management', 'process-owner'];
export const auditRoles: Role[] = ['internal-auditor'];

/** What working a kind of record takes, and what reading it takes. */
export const workPermissions = {
  incident: { work: 'incidents:update', read: 'incidents:read' },
  'service-request': { work: 'service-requests:update', read: 'service-requests:read' },
  'request-task': { work: 'request-tasks:update', read: 'request-tasks:read' },
} as const satisfies Record<string, { work: Permission; read: Permission }>;
export type WorkKind = keyof typeof workPermissions;

export const approvalPermission: Permission = 'service-requests:transition';

/** The permissions a section's figures read; the section shows when the reader holds at least one. */
export const overviewPermissions = ['readiness:read', 'assessments:read', 'improvements:read', 'service-level-dashboard:read'] as const satisfies readonly Permission[];
export const auditPermission: Permission = 'assessments:read';

export type Allows = (permission: Permission) => boolean;

/** The kinds of work a person may pick up and read. */
export function workKindsFor(allows: Allows): WorkKind[] {
  return (Object.keys(workPermissions) as WorkKind[]).filter((k) => allows(workPermissions[k].work) && allows(workPermissions[k].read));
}

/** The sections of a person's start page, in the order the page shows them. */
export function startSectionsFor(roles: readonly Role[], allows: Allows): StartSectionId[] {
  const sections: StartSectionId[] = [];
  const runsSms = roles.some((r) => overviewRoles.includes(r)) && overviewPermissions.some(allows);
  const audits = roles.some((r) => auditRoles.includes(r)) && allows(auditPermission);
  // Those who run the SMS or audit it see that first; their own tickets follow.
  if (runsSms) sections.push('overview');
  if (audits) sections.push('audit');
  if (workKindsFor(allows).length > 0) sections.push('work');
  if (allows(approvalPermission) && allows('service-requests:read')) sections.push('approvals');
  return sections;
}
