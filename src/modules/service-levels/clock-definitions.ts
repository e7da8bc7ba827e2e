import type { Executor } from '../../platform/db/database.js';
import type { BusinessCalendar, ClockDefinition } from '../../kernel/calendar/index.js';
import { priorities, targetsOfRow, type AgreementTargets, type Measure } from './agreement-targets.js';
import { inForce } from './agreement.workflow.js';
import { soleCustomerOf } from '../services/index.js';
import { businessCalendars } from './calendar.service.js';

export interface SlaTerms {
  id: string;
  reference: string;
  title: string;
  calendarId: string;
  atRiskPercent: number | null;
  pauseStatuses: string[];
  targets: AgreementTargets;
}

export interface UnderpinningClockTerms {
  reference: string;
  kind: 'ola' | 'contract';
  /** The assignment group (OLA) or supplier (contract), as tickets name it. */
  party: string;
  calendarId: string | null;
  targets: AgreementTargets;
}

export interface ClockOptions {
  /** Ticket statuses that stop every clock; default resolved and closed. */
  stopStatuses?: string[];
  /**
   * Default true: every clock carries `slaId` = the SLA's reference, so it applies only to a
   * ticket whose timeline names that SLA (a field holding the reference, read by
   * timelineFromHistory's `slaId` name). False leaves it out: the clocks apply to any ticket
   * they are given.
   */
  bindToSla?: boolean;
}

export interface AgreementClocks {
  /** The SLA that applies, or null when none is in force for the service (and customer). */
  sla: { id: string; reference: string; title: string; calendarId: string } | null;
  clocks: ClockDefinition[];
  /** Every calendar a clock names, compiled, for computeSlaClocks' `calendars`. */
  calendars: Record<string, BusinessCalendar>;
}

const minuteMillis = 60_000;

function targetMillis(targets: AgreementTargets, measure: Measure): Record<string, number> {
  const result: Record<string, number> = {};
  for (const p of priorities) {
    const minutes = targets[p][measure];
    if (minutes !== null) result[p] = minutes * minuteMillis;
  }
  return result;
}

/**
 * The clocks an SLA and its underpinning agreements put on a ticket: the SLA's response and
 * resolution clocks; a resolution clock per OLA, running while its group holds the ticket; a
 * resolution clock per contract, running while its supplier does. The SLA's pause statuses
 * pause its own and the OLA clocks; a contract clock has none, because the supplier's time
 * runs while the supplier holds the ticket (which is often an "awaiting supplier" pause of
 * the SLA). OLA and contract response targets are compared by agreementWarnings but not
 * clocked: a ticket's timeline records the first response to the customer only.
 */
export function clocksForAgreements(sla: SlaTerms, underpinning: readonly UnderpinningClockTerms[], options: ClockOptions = {}): ClockDefinition[] {
  const stopStatuses = options.stopStatuses ?? ['resolved', 'closed'];
  const common = { ...(options.bindToSla === false ? {} : { slaId: sla.reference }), stopStatuses, atRiskPercent: sla.atRiskPercent ?? 75 };
  const clocks: ClockDefinition[] = [];
  const response = targetMillis(sla.targets, 'response');
  if (Object.keys(response).length > 0) {
    clocks.push({ ...common, id: 'response', name: `${sla.reference} first response`, calendarId: sla.calendarId, pauseStatuses: sla.pauseStatuses, stopOnFirstResponse: true, targets: response });
  }
  const resolution = targetMillis(sla.targets, 'resolution');
  if (Object.keys(resolution).length > 0) {
    clocks.push({ ...common, id: 'resolution', name: `${sla.reference} resolution`, calendarId: sla.calendarId, pauseStatuses: sla.pauseStatuses, targets: resolution });
  }
  for (const other of underpinning) {
    const targets = targetMillis(other.targets, 'resolution');
    if (Object.keys(targets).length === 0) continue;
    const calendarId = other.calendarId ?? sla.calendarId;
    if (other.kind === 'ola') {
      clocks.push({ ...common, id: `ola-${other.reference}`, name: `${other.reference} ${other.party}`, calendarId, pauseStatuses: sla.pauseStatuses, runsWhile: { kind: 'ola', group: other.party }, targets });
    } else {
      clocks.push({ ...common, id: `uc-${other.reference}`, name: `${other.reference} ${other.party}`, calendarId, runsWhile: { kind: 'supplier', supplier: other.party }, targets });
    }
  }
  return clocks;
}

function statusesOf(value: string | null): string[] {
  return value ? value.split(',').map((s) => s.trim()).filter(Boolean) : [];
}

/**
 * The SLA agreed for a ticket on a service: the one in force for that customer wins over the
 * service-wide one; with no customer, or none specific, the service-wide SLA (no customer)
 * applies — or, where the service has none and is delivered to one customer only, that
 * customer's; the newest wins a tie. An SLA without a calendar cannot clock anything, so none
 * applies then. One query.
 */
async function agreedSla(db: Executor, serviceReference: string, customerReference: string | null | undefined) {
  const service = serviceReference.trim().toUpperCase();
  const customer = customerReference?.trim().toUpperCase() || null;
  const candidates = await db.selectFrom('slas').selectAll()
    .where('service', '=', service).where('status', 'in', inForce)
    .orderBy('created_at', 'desc').orderBy('id', 'desc')
    .execute();
  // A ticket that names no customer, on a service delivered to one customer only, is that
  // customer's: the payment gateway hosted for Contoso falls under Contoso's SLA.
  const serviceWide = candidates.find((c) => c.customer === null);
  const implied = !customer && !serviceWide && candidates.length > 0 ? await soleCustomerOf(db, service) : null;
  const row = (customer ? candidates.find((c) => c.customer === customer) : undefined) ?? serviceWide ?? (implied ? candidates.find((c) => c.customer === implied) : undefined);
  return row?.calendar_id ? { ...row, calendar_id: row.calendar_id } : null;
}

/** The reference of the SLA a ticket on the service (and customer) falls under, or null: clockDefinitionsFor's SLA, without its clocks. */
export async function slaReferenceFor(db: Executor, serviceReference: string, customerReference?: string | null): Promise<string | null> {
  return (await agreedSla(db, serviceReference, customerReference))?.reference ?? null;
}

/** The clock definitions (and their calendars) for a ticket on a service, for the incident and request modules, under the SLA agreedSla chooses. */
export async function clockDefinitionsFor(db: Executor, serviceReference: string, customerReference?: string | null, options: ClockOptions = {}): Promise<AgreementClocks> {
  const row = await agreedSla(db, serviceReference, customerReference);
  if (!row) return { sla: null, clocks: [], calendars: {} };
  const sla: SlaTerms = {
    id: row.id, reference: row.reference, title: row.title, calendarId: row.calendar_id, atRiskPercent: row.at_risk_percent,
    pauseStatuses: statusesOf(row.pause_statuses), targets: targetsOfRow(row),
  };
  const olas = await db.selectFrom('olas').selectAll().where('supports_sla', '=', row.reference).where('status', 'in', inForce).orderBy('reference').execute();
  const contracts = await db.selectFrom('underpinning_contracts').selectAll().where('supports_sla', '=', row.reference).where('status', 'in', inForce).orderBy('reference').execute();
  const underpinning: UnderpinningClockTerms[] = [
    ...olas.map((o): UnderpinningClockTerms => ({ reference: o.reference, kind: 'ola', party: o.assignment_group, calendarId: o.calendar_id, targets: targetsOfRow(o) })),
    ...contracts.map((c): UnderpinningClockTerms => ({ reference: c.reference, kind: 'contract', party: c.supplier, calendarId: c.calendar_id, targets: targetsOfRow(c) })),
  ];
  const clocks = clocksForAgreements(sla, underpinning, options);
  const calendars = await businessCalendars(db, clocks.map((c) => c.calendarId).filter((id): id is string => id !== undefined));
  return { sla: { id: sla.id, reference: sla.reference, title: sla.title, calendarId: sla.calendarId }, clocks, calendars };
}

