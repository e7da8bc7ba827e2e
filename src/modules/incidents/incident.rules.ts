import { AppError } from '../../platform/http/app-error.js';
import type { DeriveContext } from '../../kernel/records/record-type.js';
import type { FieldValues } from '../../kernel/records/record-row.js';
import { priorityOf, type Level } from './priority-matrix.js';
import { currentMatrix } from './priority-matrix.repository.js';
import { slaForService } from './incident-clocks.js';
import { isRequesterOnly } from '../../platform/auth/principal.js';

const majorDeclarers = ['incident-problem-manager', 'sms-manager', 'administrator'];

/**
 * The incident's own rules, applied on every write: priority from the matrix, reassignment and
 * reopen counts, resolution and closure times, and the major-incident obligations.
 */
export async function deriveIncident({ trx, principal, before, after, status, previousStatus, now }: DeriveContext): Promise<FieldValues> {
  const values: FieldValues = {};
  if (!before) {
    values.callerId = after.callerId ?? principal.userId;
    values.reassignmentCount = 0;
    values.reopenCount = 0;
    values.major = after.major ?? false;
  }
  if (!before || before.service !== after.service) values.sla = await slaForService(trx, (after.service as string | null) ?? null);
  // A supplier holds the ticket only while it waits for them; the history keeps who it was.
  if (previousStatus === 'awaiting-supplier' && status !== 'awaiting-supplier') values.supplier = null;
  if (!before || before.impact !== after.impact || before.urgency !== after.urgency) {
    values.priority = priorityOf(await currentMatrix(trx), after.impact as Level, after.urgency as Level);
  }
  // 8.6.1: a ticket passed on from one group to another counts as a reassignment.
  if (before?.assignmentGroup && after.assignmentGroup && before.assignmentGroup !== after.assignmentGroup) {
    values.reassignmentCount = Number(before.reassignmentCount ?? 0) + 1;
  }
  // 8.3.3 response targets: the first time the desk takes the incident up (out of "new") answers the caller.
  if (before && !before.firstRespondedAt && previousStatus === 'new' && status !== 'new' && !isRequesterOnly(principal)) {
    values.firstRespondedAt = new Date(now).toISOString();
  }
  // An imported resolution whose time was unknown is no longer the incident's resolution once it
  // is resolved again or reopened in Certus: its time is then known, or there is none.
  const unknownResolutionEnds = before?.resolvedAtUnknown === true ? { resolvedAtUnknown: false } : {};
  if (status === 'resolved' && previousStatus !== 'resolved') Object.assign(values, { resolvedAt: new Date(now).toISOString() }, unknownResolutionEnds);
  if (status === 'closed' && previousStatus !== 'closed') values.closedAt = new Date(now).toISOString();
  if (previousStatus === 'resolved' && status !== 'resolved' && status !== 'closed') {
    Object.assign(values, unknownResolutionEnds);
    values.resolvedAt = null;
    values.reopenCount = Number(before?.reopenCount ?? 0) + 1;
  }
  const becomesMajor = after.major === true && before?.major !== true;
  const stopsMajor = before?.major === true && after.major === false;
  if ((becomesMajor || stopsMajor) && !principal.roles.some((r) => majorDeclarers.includes(r))) {
    throw new AppError('forbidden', 'Only an incident and problem manager or the SMS manager may declare or stand down a major incident.');
  }
  if (after.major === true) {
    if (!after.majorIncidentManagerId) throw AppError.validation('majorIncidentManagerId', 'is required for a major incident');
    if (becomesMajor) values.majorDeclaredAt = new Date(now).toISOString();
    // 8.6.1: major incidents are reviewed before they are closed.
    if (status === 'closed' && !(after.pirSummary && String(after.pirSummary).trim())) {
      throw AppError.validation('pirSummary', 'a major incident needs its post-incident review before it is closed');
    }
  }
  return values;
}
