/**
 * The SMS roles (after the guide's roles table) plus the service-desk agent, the requester and
 * the system administrator. A user holds one or more roles.
 */
export const roles = [
  { id: 'top-management', label: 'Top management', summary: 'Accountable for the SMS; approves policy and objectives, provides resources, receives management reviews.' },
  { id: 'sms-manager', label: 'SMS manager', summary: 'Runs the SMS end to end and coordinates processes, audits, reviews and improvement.' },
  { id: 'process-owner', label: 'Process owner', summary: 'Answers for the design, effectiveness and improvement of a process.' },
  { id: 'service-level-manager', label: 'Service level manager', summary: 'Agrees and reviews SLAs and OLAs; monitors and reports service performance.' },
  { id: 'change-release-manager', label: 'Change and release manager', summary: 'Runs change and release; chairs the change advisory board.' },
  { id: 'incident-problem-manager', label: 'Incident and problem manager', summary: 'Drives incident, major-incident and problem resolution.' },
  { id: 'configuration-manager', label: 'Configuration manager', summary: 'Keeps the CMDB and asset register accurate; runs configuration audits.' },
  { id: 'capacity-availability-manager', label: 'Capacity and availability manager', summary: 'Plans and reports capacity, demand and availability.' },
  { id: 'continuity-manager', label: 'Service continuity manager', summary: 'Owns continuity plans, their tests and recovery objectives.' },
  { id: 'security-manager', label: 'Information security manager', summary: 'Owns security policy, risk treatment and security incidents for the services.' },
  { id: 'supplier-manager', label: 'Supplier manager', summary: 'Manages supplier contracts, performance and other parties.' },
  { id: 'internal-auditor', label: 'Internal auditor', summary: 'Plans and performs internal audits; reads everything, changes nothing outside audits.' },
  { id: 'service-desk-agent', label: 'Service desk agent', summary: 'Logs, classifies and resolves tickets on the front line.' },
  { id: 'requester', label: 'Requester', summary: 'Raises requests and reports incidents; follows their own tickets.' },
  { id: 'administrator', label: 'Administrator', summary: 'Manages users, sign-in and system settings.' },
] as const;

export type Role = (typeof roles)[number]['id'];
export const roleIds: Role[] = roles.map((r) => r.id);

export function isRole(value: string): value is Role {
  return (roleIds as string[]).includes(value);
}

/** Every role that works inside the SMS, i.e. all but the requester. */
export const staffRoles: Role[] = roleIds.filter((r) => r !== 'requester');
