import { staffRoles } from '../../platform/auth/roles.js';
import type { RecordTypeDefinition } from '../../kernel/records/record-type.js';
import { slaRecord } from './sla.record.js';
import { breachTicketRecord } from './ticket-clocks.js';

const investigators = ['service-level-manager', 'incident-problem-manager', 'sms-manager'] as const;

/**
 * 8.3.3: every missed target becomes a record to investigate — why it was missed and what will
 * stop it recurring — which can be linked to an improvement or a problem. The watch creates one
 * for every breached clock (see sla-breaches.ts); people may record others by hand.
 */
export const slaBreachRecord: RecordTypeDefinition = {
  type: 'sla-breach',
  plural: 'sla-breaches',
  table: 'sla_breaches',
  prefix: 'BRE',
  label: 'SLA breach',
  labelPlural: 'SLA breaches',
  clause: '8.3.3',
  titleField: 'summary',
  listFields: ['summary', 'incident', 'request', 'sla', 'clock', 'breachedAt'],
  access: { read: staffRoles, create: [...investigators], update: [...investigators] },
  workflow: {
    initial: 'open',
    states: [
      { id: 'open', label: 'Open', category: 'open' },
      { id: 'investigating', label: 'Investigating', category: 'open' },
      { id: 'closed', label: 'Closed', category: 'done' },
    ],
    transitions: [
      { from: ['open'], to: 'investigating', label: 'Investigate', roles: [...investigators] },
      { from: ['open', 'investigating'], to: 'closed', label: 'Close', roles: [...investigators], requires: ['cause', 'action'] },
      { from: ['closed'], to: 'investigating', label: 'Reopen', roles: [...investigators] },
    ],
  },
  fields: {
    summary: { kind: 'text', label: 'Summary', required: true, maxLength: 300 },
    // The incident and service request record types, which register themselves as ticket clock
    // sources: service levels cannot import those modules, which import service levels. A breach
    // names one of the two.
    incident: { kind: 'reference', get target() { return breachTicketRecord('incident'); }, label: 'Incident', readOnly: true, filterable: true },
    request: { kind: 'reference', get target() { return breachTicketRecord('request'); }, label: 'Service request', readOnly: true, filterable: true },
    sla: { kind: 'reference', target: slaRecord, label: 'SLA', readOnly: true, filterable: true },
    clock: { kind: 'text', label: 'Clock', readOnly: true, filterable: true },
    priority: { kind: 'text', label: 'Priority at breach', readOnly: true, filterable: true },
    breachedAt: { kind: 'instant', label: 'Breached at', readOnly: true, sortable: true, filterable: true },
    cause: { kind: 'longText', label: 'Cause', help: 'Why the target was missed' },
    action: { kind: 'longText', label: 'Action', help: 'What was done, or raised, so that it does not recur' },
  },
};
