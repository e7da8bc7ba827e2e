import { AppError } from '../../platform/http/app-error.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { Executor, Trx } from '../../platform/db/database.js';
import type { DeriveContext } from '../../kernel/records/record-type.js';
import { jsonText, parsedJson, type FieldValues } from '../../kernel/records/record-row.js';
import { findService } from '../services/index.js';
import { checkAnswers } from './request-answers.js';
import { findRequestModel, type RequestModel } from './request-model.queries.js';
import { requestClock, usableCalendarId } from './request-clock.js';
import { openTasks } from './task-order.js';

/** Who may decide when the named approver cannot: recorded as the decider, so it shows. */
const approvalFallbackRoles = ['sms-manager', 'administrator'];

async function publishedModel(db: Executor, reference: unknown): Promise<RequestModel> {
  const model = await findRequestModel(db, String(reference ?? ''));
  if (!model) throw AppError.validation('model', `names no request model ("${String(reference ?? '')}"); choose one from the catalogue, e.g. RQM-000001`);
  if (model.status !== 'published') throw AppError.validation('model', `${model.reference} is ${model.status}; requests are raised from published models only`);
  return model;
}

function answersFor(model: RequestModel, answers: unknown): string {
  const checked = checkAnswers(model.formFields, parsedJson<Record<string, unknown>>(answers as string | null) ?? {});
  if (checked.problems.length > 0) {
    throw new AppError('validation', checked.problems.map((p) => `${p.field} ${p.reason}`).join('; '), { errors: checked.problems });
  }
  return jsonText(checked.answers);
}

/** A new request starts awaiting approval when its model asks for approval. */
export async function initialRequestStatus({ trx, values }: { trx: Trx; values: FieldValues }): Promise<string> {
  const model = await findRequestModel(trx, String(values.model ?? ''));
  return model?.approvalRequired ? 'awaiting-approval' : 'submitted';
}

async function onCreate(trx: Trx, principal: Principal, after: FieldValues): Promise<FieldValues> {
  const model = await publishedModel(trx, after.model);
  const service = await findService(trx, model.service);
  const approverId = model.approvalRequired ? model.approverId ?? service?.serviceOwnerId ?? null : null;
  return {
    model: model.reference,
    service: model.service,
    shortDescription: typeof after.shortDescription === 'string' && after.shortDescription.trim() !== '' ? after.shortDescription : model.name,
    answers: answersFor(model, after.answers),
    requesterId: after.requesterId ?? principal.userId,
    assignmentGroup: after.assignmentGroup ?? model.fulfilmentGroup,
    approverId,
    targetMinutes: model.fulfilmentTargetHours === null ? null : model.fulfilmentTargetHours * 60,
    calendarId: await usableCalendarId(trx, service?.supportCalendarId ?? null),
    reopenCount: 0,
  };
}

function assertMayDecide(principal: Principal, approverId: string | null, reference: string): void {
  if (principal.userId === approverId || principal.roles.some((r) => approvalFallbackRoles.includes(r))) return;
  throw new AppError('forbidden', approverId
    ? `Only the request's approver (or the SMS manager in their place) may decide on ${reference}.`
    : `${reference} names no approver; only the SMS manager may decide on it.`);
}

async function assertNoOpenTasks(trx: Trx, reference: string): Promise<void> {
  const tasks = await trx.selectFrom('request_tasks').select(['reference', 'position', 'status']).where('request', '=', reference).execute();
  const open = openTasks(tasks.map((t) => ({ reference: t.reference, position: t.position ?? 0, status: t.status })));
  if (open.length > 0) {
    throw new AppError('conflict', `${reference} cannot be fulfilled while tasks are open: ${open.map((t) => t.reference).join(', ')}. Complete or skip them first.`, { openTasks: open.map((t) => t.reference) });
  }
}

/**
 * A service request's rules on every write: what it takes from its model on creation (service,
 * group, approver, target, calendar, checked answers); who may decide on approval; that it is
 * fulfilled only with every task finished; satisfaction from the requester alone; and the
 * fulfilment clock, replayed by the kernel's clock engine, giving the due time and, once
 * fulfilled, whether the target was met and the business time it took.
 */
export async function deriveServiceRequest({ trx, principal, recordId, before, after, status, previousStatus, now }: DeriveContext): Promise<FieldValues> {
  const values: FieldValues = before ? {} : await onCreate(trx, principal, after);
  const current = { ...after, ...values };
  if (before) {
    if (after.model !== before.model) throw AppError.validation('model', 'cannot change once the request is raised; cancel it and raise another');
    if (after.answers !== before.answers) values.answers = answersFor(await publishedModelOrAny(trx, before.model), after.answers);
  }
  const reference = before ? await referenceOf(trx, recordId) : '';
  const moved = before !== null && status !== previousStatus;
  if (moved && (status === 'approved' || status === 'rejected')) {
    assertMayDecide(principal, (before.approverId as string | null) ?? null, reference);
    Object.assign(values, { approvalDecision: status, decidedBy: principal.userId, decidedAt: new Date(now).toISOString() });
  }
  if (moved && status === 'fulfilled') await assertNoOpenTasks(trx, reference);
  if (moved && status === 'closed') {
    const byRequester = principal.userId === before.requesterId;
    if (byRequester && (after.satisfaction === null || after.satisfaction === undefined)) throw AppError.validation('satisfaction', 'is required: rate the fulfilment from 1 (poor) to 5 (excellent)');
    if (!byRequester && after.satisfaction !== null && after.satisfaction !== undefined) throw AppError.validation('satisfaction', 'is given by the requester only');
    values.closedAt = new Date(now).toISOString();
  }
  if (moved && previousStatus === 'fulfilled' && status === 'in-fulfilment') {
    Object.assign(values, { reopenCount: Number(before.reopenCount ?? 0) + 1, fulfilledAt: null, fulfilledWithinTarget: null, fulfilmentBusinessMinutes: null });
  }
  const targetMinutes = current.targetMinutes as number | null;
  if ((!before || moved) && targetMinutes !== null && targetMinutes !== undefined) {
    const clock = await requestClock(trx, { recordId, targetMinutes, calendarId: (current.calendarId as string | null) ?? null, pendingStatus: status, created: !before }, now);
    if (clock.status === 'running') values.dueAt = clock.dueAt === null ? null : new Date(clock.dueAt).toISOString();
    else if (clock.status !== 'stopped') values.dueAt = null;
    if (moved && status === 'fulfilled') {
      Object.assign(values, { fulfilledWithinTarget: !clock.breached, fulfilmentBusinessMinutes: Math.round(clock.elapsedMillis / 60_000) });
    }
  }
  if (moved && status === 'fulfilled') values.fulfilledAt = new Date(now).toISOString();
  return values;
}

async function publishedModelOrAny(db: Executor, reference: unknown): Promise<RequestModel> {
  const model = await findRequestModel(db, String(reference ?? ''));
  if (!model) throw AppError.validation('model', 'names no request model');
  return model;
}

async function referenceOf(db: Executor, id: string): Promise<string> {
  const row = await db.selectFrom('service_requests').select('reference').where('id', '=', id).executeTakeFirstOrThrow();
  return row.reference;
}
