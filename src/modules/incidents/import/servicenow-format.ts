/**
 * Reading a ServiceNow incident audit export (one row per update of an incident, as in the UCI
 * "incident management process enriched event log"): dates are d/m/yyyy HH:MM, "?" is empty.
 */
export const servicenowColumns = [
  'number', 'incident_state', 'active', 'reassignment_count', 'reopen_count', 'sys_mod_count', 'made_sla', 'caller_id', 'opened_by', 'opened_at',
  'sys_created_by', 'sys_created_at', 'sys_updated_by', 'sys_updated_at', 'contact_type', 'location', 'category', 'subcategory', 'u_symptom', 'cmdb_ci',
  'impact', 'urgency', 'priority', 'assignment_group', 'assigned_to', 'knowledge', 'u_priority_confirmation', 'notify', 'problem_id', 'rfc', 'vendor',
  'caused_by', 'closed_code', 'resolved_by', 'resolved_at', 'closed_at',
] as const;

export type ServicenowRow = Record<(typeof servicenowColumns)[number], string>;

export const stateMap: Record<string, string> = {
  'New': 'new',
  'Active': 'in-progress',
  'Awaiting User Info': 'awaiting-caller',
  'Awaiting Evidence': 'awaiting-caller',
  'Awaiting Vendor': 'awaiting-supplier',
  // Certus has no "awaiting problem" state: the incident stays in progress while a problem is worked.
  'Awaiting Problem': 'in-progress',
  'Resolved': 'resolved',
  'Closed': 'closed',
};

/** ServiceNow writes -100 for a state it lost; the row's other changes still count. */
export const lostState = '-100';

const levelMap: Record<string, string> = { '1 - High': 'high', '2 - Medium': 'medium', '3 - Low': 'low' };
const priorityMap: Record<string, string> = { '1 - Critical': 'P1', '2 - High': 'P2', '3 - Moderate': 'P3', '4 - Low': 'P4' };

export function emptyToNull(value: string | undefined): string | null {
  const v = (value ?? '').trim();
  return v === '' || v === '?' ? null : v;
}

/** d/m/yyyy HH:MM (and optional :SS), read as UTC; null when empty; NaN when unreadable. */
export function parseServicenowDate(value: string | undefined): number | null {
  const v = emptyToNull(value);
  if (v === null) return null;
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(v);
  if (!match) return Number.NaN;
  const [, d, m, y, hh, mm, ss] = match;
  const ms = Date.UTC(Number(y), Number(m) - 1, Number(d), Number(hh), Number(mm), Number(ss ?? 0));
  const check = new Date(ms);
  return check.getUTCDate() === Number(d) && check.getUTCMonth() === Number(m) - 1 ? ms : Number.NaN;
}

export function levelOf(value: string): string | undefined {
  return levelMap[value.trim()];
}

export function priorityOfServicenow(value: string): string | undefined {
  return priorityMap[value.trim()];
}
