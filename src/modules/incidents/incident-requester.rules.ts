import { AppError } from '../../platform/http/app-error.js';
import { isRequesterOnly, type Principal } from '../../platform/auth/principal.js';
import type { FieldValues } from '../../kernel/records/record-row.js';

/** What a requester describes when reporting an incident; the service desk decides the rest. */
export const requesterReportFields = ['shortDescription', 'description', 'service', 'category', 'impact', 'urgency', 'configurationItem'] as const;

/** Null, blank and false (a box left unticked) say nothing, so a form that sends them is not refused. */
function holdsValue(value: unknown): boolean {
  return value !== null && value !== undefined && value !== false && !(typeof value === 'string' && value.trim() === '');
}

/** The fields a write sets: on a report, those given a value; later, those it changes. */
function fieldsSet(before: FieldValues | null, after: FieldValues): string[] {
  return Object.keys(after).filter((name) => (before ? (after[name] ?? null) !== (before[name] ?? null) : holdsValue(after[name])));
}

/**
 * 8.6.1: a requester reports an incident in their own name and describes it; who handles it
 * (group, assignee, supplier, major-incident handling) is the service desk's decision. Later,
 * a requester only confirms or reopens (the workflow's requester transitions) and changes no
 * field while doing so. Refused with 403 naming every field they may not set, before anything
 * is written.
 */
export function assertRequesterMaySet(principal: Principal, before: FieldValues | null, after: FieldValues, ownerId: string | null): void {
  if (!isRequesterOnly(principal)) return;
  const allowed: readonly string[] = before ? [] : requesterReportFields;
  const refused = fieldsSet(before, after)
    .filter((name) => !allowed.includes(name) && !(name === 'callerId' && after.callerId === principal.userId));
  if (!before && ownerId !== null) refused.push('ownerId');
  if (refused.length === 0) return;
  throw new AppError('forbidden', `A requester ${before ? 'confirming or reopening an incident changes none of its fields' : 'reports an incident for themselves and describes it'}; the service desk sets ${refused.join(', ')}.`, {
    errors: refused.map((field) => ({ field, reason: field === 'callerId' ? 'can name only yourself when you report an incident' : 'is set by the service desk, not by a requester' })),
  });
}
