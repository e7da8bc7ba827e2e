import type { PortalIncident } from './types';

/** The portal's incident logic that needs no browser, kept apart so it is tested on its own. */

export interface Choice {
  value: string;
  label: string;
}

/** What kind of problem it is, in the words of the person who has it (the incident's category). */
export const categoryChoices: Choice[] = [
  { value: 'software', label: 'An application is not working' },
  { value: 'hardware', label: 'A device: laptop, phone, printer' },
  { value: 'network', label: 'Network, Wi-Fi or VPN' },
  { value: 'access', label: 'Signing in or permissions' },
  { value: 'data', label: 'Files or data missing or wrong' },
  { value: 'security', label: 'Something suspicious (security)' },
  { value: 'other', label: 'Something else' },
];

/** How many people it affects: the incident's impact. */
export const impactChoices: Choice[] = [
  { value: 'low', label: 'Just me' },
  { value: 'medium', label: 'My team' },
  { value: 'high', label: 'Many people' },
];

/** How urgent it is: the incident's urgency. */
export const urgencyChoices: Choice[] = [
  { value: 'low', label: 'It can wait' },
  { value: 'medium', label: 'It slows my work down' },
  { value: 'high', label: 'I cannot work' },
];

export interface IncidentReport {
  shortDescription: string;
  description: string;
  service: string | null;
  category: string | null;
  impact: string | null;
  urgency: string | null;
}

export const emptyReport: IncidentReport = { shortDescription: '', description: '', service: null, category: null, impact: null, urgency: null };

/** Questions left unanswered, as messages by field (the server checks everything again). */
export function missingInReport(report: IncidentReport): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!report.shortDescription.trim()) errors.shortDescription = 'Say in a few words what is wrong';
  if (!report.category) errors.category = 'Choose what kind of problem it is';
  if (!report.impact) errors.impact = 'Choose how many people it affects';
  if (!report.urgency) errors.urgency = 'Choose how urgent it is';
  return errors;
}

/** The report as the server takes it: only what the requester may say, blanks left out. */
export function reportToSend(report: IncidentReport): Record<string, string> {
  const body: Record<string, string> = { shortDescription: report.shortDescription.trim() };
  if (report.description.trim()) body.description = report.description.trim();
  for (const name of ['service', 'category', 'impact', 'urgency'] as const) {
    const value = report[name];
    if (value) body[name] = value;
  }
  return body;
}

/** The incident's status as its requester reads it. */
export function statusWords(status: string): string {
  switch (status) {
    case 'new': return 'Received: waiting for the service desk';
    case 'assigned': return 'With a support team';
    case 'in-progress': return 'Being worked on';
    case 'awaiting-caller': return 'Waiting for you: please reply below';
    case 'awaiting-supplier': return 'Waiting for a supplier';
    case 'resolved': return 'Resolved: please confirm it is fixed';
    case 'closed': return 'Closed';
    default: return status;
  }
}

/** The steps an incident passes through, as its requester sees them. */
export function incidentSteps(status: string): { label: string; done: boolean }[] {
  const order = ['new', 'assigned', 'in-progress', 'resolved', 'closed'];
  // Waiting (for the caller or a supplier) is part of being worked on.
  const at = order.indexOf(status.startsWith('awaiting-') ? 'in-progress' : status);
  return [
    { label: 'Reported', done: true },
    { label: 'With a team', done: at >= 1 },
    { label: 'Being worked on', done: at >= 2 },
    { label: 'Resolved', done: at >= 3 },
    { label: 'Closed', done: at >= 4 },
  ];
}

/**
 * What the requester may do now: once it is resolved, the person who reported it confirms it is
 * fixed (closed) or says it is still broken (reopened), when the server says they may.
 */
export function requesterActions(incident: Pick<PortalIncident, 'status' | 'callerId' | 'allowedTransitions'>, userId: string): { confirm: boolean; reopen: boolean } {
  if (incident.status !== 'resolved' || incident.callerId !== userId) return { confirm: false, reopen: false };
  const permitted = (to: string) => (incident.allowedTransitions ?? []).some((t) => t.to === to && t.permitted);
  return { confirm: permitted('closed'), reopen: permitted('in-progress') };
}

/** Field names the server gives for the report, mapped to the form's inputs (the rest go in the alert). */
export const reportFields = ['shortDescription', 'description', 'service', 'category', 'impact', 'urgency'] as const;
