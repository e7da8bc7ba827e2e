import type { Executor } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/app-error.js';
import { formatDuration } from '../../kernel/calendar/index.js';
import { measures, priorities, targetsOfRow, type AgreementTargets, type Measure, type Priority } from './agreement-targets.js';
import { calendarLookup } from './calendar.lookup.js';

/** An agreement's terms as the comparison needs them. */
export interface AgreementTerms {
  reference: string;
  kind: 'sla' | 'ola' | 'contract';
  /** The group (OLA) or supplier (contract); the title for an SLA. */
  party: string;
  /** Null: the SLA's calendar. */
  calendarId: string | null;
  targets: AgreementTargets;
}

export interface AgreementWarning {
  kind: 'tighter-target' | 'different-calendar';
  sla: string;
  underpinning: string;
  priority: Priority | null;
  measure: Measure | null;
  slaMinutes: number | null;
  underpinningMinutes: number | null;
  message: string;
}

const minutes = (m: number) => formatDuration(m * 60_000);

/**
 * 8.3.3: underpinning agreements must support the SLA's targets. An SLA target tighter than the
 * target of an OLA or contract it depends on cannot be met whenever the ticket spends the whole
 * of that time with the group or supplier. Targets on different calendars are not comparable
 * minute for minute, so that is said instead of guessed at, naming the calendars by
 * `calendarNames` (their ids where it has none).
 */
export function compareTargets(sla: AgreementTerms, underpinning: readonly AgreementTerms[], calendarNames: ReadonlyMap<string, string> = new Map()): AgreementWarning[] {
  const warnings: AgreementWarning[] = [];
  const named = (id: string | null) => (id === null ? 'no calendar' : calendarNames.get(id) ?? id);
  for (const other of underpinning) {
    const who = `${other.reference} (${other.party})`;
    const calendar = other.calendarId ?? sla.calendarId;
    if (calendar !== sla.calendarId) {
      warnings.push({
        kind: 'different-calendar', sla: sla.reference, underpinning: other.reference, priority: null, measure: null, slaMinutes: null, underpinningMinutes: null,
        message: `${who} counts business time on ${named(calendar)} but ${sla.reference} on ${named(sla.calendarId)}, so their targets cannot be compared minute for minute`,
      });
      continue;
    }
    for (const priority of priorities) {
      for (const measure of measures) {
        const mine = sla.targets[priority][measure];
        const theirs = other.targets[priority][measure];
        if (mine === null || theirs === null || mine >= theirs) continue;
        warnings.push({
          kind: 'tighter-target', sla: sla.reference, underpinning: other.reference, priority, measure, slaMinutes: mine, underpinningMinutes: theirs,
          message: `${priority} ${measure} ${minutes(mine)} in ${sla.reference} is tighter than ${minutes(theirs)} in ${who} that underpins it`,
        });
      }
    }
  }
  return warnings;
}

/** The terms of an SLA and of the OLAs and contracts (not retired) that underpin it. */
export async function underpinningTerms(db: Executor, slaKey: string): Promise<{ sla: AgreementTerms & { id: string; status: string }; underpinning: AgreementTerms[] }> {
  const column = /^[A-Za-z]{2,6}-\d{1,12}$/.test(slaKey) ? 'reference' : 'id';
  const row = await db.selectFrom('slas').selectAll().where(column, '=', column === 'reference' ? slaKey.toUpperCase() : slaKey).executeTakeFirst();
  if (!row) throw AppError.notFound(`SLA ${slaKey}`);
  const olas = await db.selectFrom('olas').selectAll().where('supports_sla', '=', row.reference).where('status', '!=', 'retired').orderBy('reference').execute();
  const contracts = await db.selectFrom('underpinning_contracts').selectAll().where('supports_sla', '=', row.reference).where('status', '!=', 'retired').orderBy('reference').execute();
  return {
    sla: { id: row.id, status: row.status, reference: row.reference, kind: 'sla', party: row.title, calendarId: row.calendar_id, targets: targetsOfRow(row) },
    underpinning: [
      ...olas.map((o): AgreementTerms => ({ reference: o.reference, kind: 'ola', party: o.assignment_group, calendarId: o.calendar_id, targets: targetsOfRow(o) })),
      ...contracts.map((c): AgreementTerms => ({ reference: c.reference, kind: 'contract', party: c.supplier, calendarId: c.calendar_id, targets: targetsOfRow(c) })),
    ],
  };
}

/** Warnings for one SLA (id or reference): targets its OLAs and contracts cannot support. */
export async function agreementWarnings(db: Executor, slaKey: string): Promise<AgreementWarning[]> {
  const { sla, underpinning } = await underpinningTerms(db, slaKey);
  const ids = [sla, ...underpinning].map((a) => a.calendarId).filter((id): id is string => id !== null);
  return compareTargets(sla, underpinning, await calendarLookup.names(db, [...new Set(ids)]));
}
