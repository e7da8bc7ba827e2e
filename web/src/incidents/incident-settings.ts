/** Incident settings as the API holds them: the priority matrix and the escalation levels. */
import type { ApiResponse } from '../shared/api-schema';

export const levels = ['high', 'medium', 'low'] as const;
export type Level = (typeof levels)[number];
export const priorityOptions = ['P1', 'P2', 'P3', 'P4'] as const;
export type PriorityMatrix = Record<Level, Record<Level, string>>;

export const triggers = [
  { value: 'at-risk', label: 'At risk' },
  { value: 'breached', label: 'Breached' },
  { value: 'elapsed', label: 'Share of the target used' },
];

export const recipients = [
  { value: 'assignee', label: 'Assignee' },
  { value: 'assignment-group', label: 'Assignment group (its address)' },
  { value: 'incident-problem-manager', label: 'Incident and problem managers' },
  { value: 'service-level-manager', label: 'Service level managers' },
  { value: 'sms-manager', label: 'SMS manager' },
  { value: 'service-owner', label: 'Service owner' },
];

/** GET /api/incident-settings/escalation: the generated type (`npm run api-types`). */
export type EscalationSettings = ApiResponse<'get-incident-escalation'>;
export type EscalationLevel = EscalationSettings['levels'][number];

/** The body to send: a percent only on "share of the target" levels, blank group rows left out. */
export function escalationBody(levelsIn: EscalationLevel[], groups: { group: string; address: string }[]): EscalationSettings {
  return {
    levels: levelsIn.map((l) => (l.when === 'elapsed' ? { when: l.when, percent: l.percent, notify: l.notify } : { when: l.when, notify: l.notify })),
    groupAddresses: Object.fromEntries(groups.filter((g) => g.group.trim() !== '').map((g) => [g.group.trim(), g.address.trim()])),
  };
}

/** A matrix where a higher impact or urgency gives a lower priority, named cell by cell (the server checks too). */
export function matrixWarnings(matrix: PriorityMatrix): string[] {
  const rank = (p: string) => priorityOptions.indexOf(p as (typeof priorityOptions)[number]);
  const warnings: string[] = [];
  for (let i = 1; i < levels.length; i++) {
    for (const other of levels) {
      if (rank(matrix[levels[i - 1]!][other]) > rank(matrix[levels[i]!][other])) warnings.push(`Impact ${levels[i - 1]} gives a lower priority than impact ${levels[i]} at urgency ${other}.`);
      if (rank(matrix[other][levels[i - 1]!]) > rank(matrix[other][levels[i]!])) warnings.push(`Urgency ${levels[i - 1]} gives a lower priority than urgency ${levels[i]} at impact ${other}.`);
    }
  }
  return warnings;
}
