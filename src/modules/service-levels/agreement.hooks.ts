import type { Executor } from '../../platform/db/database.js';
import { AppError, type FieldProblem } from '../../platform/http/app-error.js';
import type { FieldValues } from '../../kernel/records/record-row.js';
import type { AfterWriteContext, DeriveContext, RecordHooks } from '../../kernel/records/record-type.js';
import { addLink, removeLink } from '../../kernel/links/links.service.js';
import { measures, priorities, targetField, targetFieldNames, targetsOf } from './agreement-targets.js';
import { frozen } from './agreement.workflow.js';
import { calendarExists } from './calendar.service.js';

function changed(context: DeriveContext, field: string): boolean {
  return (context.before?.[field] ?? null) !== (context.after[field] ?? null);
}

function text(context: DeriveContext, field: string): string | null {
  const v = context.after[field];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
}

/** 8.3.3: agreed terms change only through a review, so the history shows who changed what and why. */
function assertNotFrozen(context: DeriveContext, terms: string[]): void {
  if (!context.before || !frozen.includes(context.status)) return;
  const edited = terms.filter((field) => changed(context, field));
  if (edited.length === 0) return;
  throw new AppError('conflict', `The agreement is ${context.status}, so its terms are frozen: start a review before changing ${edited.join(', ')}.`, {
    errors: edited.map((field) => ({ field, reason: `cannot change while the agreement is ${context.status}` })),
  });
}

/** A response target longer than the resolution target is a typing error, and agreeing needs a target. */
function checkTargets(context: DeriveContext): void {
  const targets = targetsOf(context.after);
  const problems: FieldProblem[] = [];
  for (const p of priorities) {
    const { response, resolution } = targets[p];
    if (response !== null && resolution !== null && response > resolution) {
      problems.push({ field: targetField(p, 'response'), reason: `(${response} min) cannot be longer than the ${p} resolution target (${resolution} min)` });
    }
  }
  if (context.status === 'agreed' && priorities.every((p) => measures.every((m) => targets[p][m] === null))) {
    problems.push({ field: targetField('P1', 'resolution'), reason: 'an agreement needs at least one target before it is agreed' });
  }
  if (problems.length > 0) throw new AppError('validation', problems.map((p) => `${p.field} ${p.reason}`).join('; '), { errors: problems });
}

async function checkCalendar(trx: Executor, context: DeriveContext): Promise<void> {
  const id = text(context, 'calendarId');
  if (id && changed(context, 'calendarId') && !(await calendarExists(trx, id))) {
    throw AppError.validation('calendarId', `names no business calendar ("${id}"); see GET /api/calendars`);
  }
}

/** A comma list of statuses, tidied: lower case, trimmed, no repeats. */
function statusList(value: string | null): string | null {
  if (value === null) return null;
  const list = [...new Set(value.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean))];
  return list.length ? list.join(', ') : null;
}

export const slaHooks: RecordHooks = {
  async derive(context) {
    assertNotFrozen(context, ['service', 'customer', 'calendarId', 'atRiskPercent', 'pauseStatuses', ...targetFieldNames]);
    checkTargets(context);
    // The kernel checks that service and customer name records on file (reference fields).
    const derived: FieldValues = {};
    await checkCalendar(context.trx, context);
    if (context.after.atRiskPercent === null || context.after.atRiskPercent === undefined) derived.atRiskPercent = 75;
    if (changed(context, 'pauseStatuses')) derived.pauseStatuses = statusList(text(context, 'pauseStatuses'));
    return derived;
  },
};

const agreementTables = { sla: 'slas', ola: 'olas', contract: 'underpinning_contracts' } as const;

async function referenceOf(context: AfterWriteContext, type: string, id: string): Promise<string> {
  const table = agreementTables[type as keyof typeof agreementTables];
  if (!table) return id;
  const row = await context.trx.selectFrom(table).select('reference').where('id', '=', id).executeTakeFirst();
  return row?.reference ?? id;
}

/**
 * Keeps the kernel link "SLA is underpinned by OLA/UC" in step with the supportsSla field, so
 * that both records show the relation and its history (8.3.3 dependency mapping).
 */
async function linkToSupportedSla(context: AfterWriteContext): Promise<void> {
  const change = context.changes.find((c) => c.field === 'supportsSla');
  if (context.kind !== 'created' && !change) return;
  const { trx, record, principal } = context;
  const at = Date.parse(record.updatedAt);
  const previous = context.kind === 'created' ? null : change?.from;
  if (typeof previous === 'string') {
    const old = await trx.selectFrom('slas').select('id').where('reference', '=', previous).executeTakeFirst();
    const link = old && await trx.selectFrom('record_links').select('id')
      .where('from_id', '=', old.id).where('link_type', '=', 'underpinned-by').where('to_id', '=', record.id).executeTakeFirst();
    if (link) await removeLink(trx, record.id, link.id, (type, id) => referenceOf(context, type, id), principal, at);
  }
  const current = record.supportsSla;
  if (typeof current !== 'string') return;
  const sla = await trx.selectFrom('slas').select(['id', 'reference']).where('reference', '=', current).executeTakeFirst();
  if (sla) await addLink(trx, { type: 'sla', id: sla.id, reference: sla.reference }, 'underpinned-by', { type: record.type, id: record.id, reference: record.reference }, principal, at);
}

export const olaHooks: RecordHooks = {
  async derive(context) {
    assertNotFrozen(context, ['supportsSla', 'assignmentGroup', 'calendarId', ...targetFieldNames]);
    checkTargets(context);
    await checkCalendar(context.trx, context);
    return {};
  },
  afterWrite: linkToSupportedSla,
};

export const contractHooks: RecordHooks = {
  async derive(context) {
    assertNotFrozen(context, ['supportsSla', 'supplier', 'calendarId', ...targetFieldNames]);
    checkTargets(context);
    await checkCalendar(context.trx, context);
    return {};
  },
  afterWrite: linkToSupportedSla,
};
