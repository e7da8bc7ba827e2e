import type { DB, Executor, Trx } from '../../platform/db/database.js';
import { systemPrincipal } from '../../platform/auth/system-user.js';
import { createRecord } from '../../kernel/records/record.service.js';
import { slaBreachRecord } from './sla-breach.record.js';
import { ticketClockSources, type BreachTicketField } from './ticket-clocks.js';

/** The ticket a breached clock belongs to, as its breach record names it (in its `incident` or `request` field). */
export interface BreachedTicket {
  reference: string;
  field: BreachTicketField;
}

/** A breached clock, as the breach record describes it. */
export interface BreachedClock {
  clockId: string;
  name: string;
  sla: string | null;
  priority: string | null;
  breachedAt: number;
}

export interface RecordedBreach {
  reference: string;
  /** False when the clock already had its breach record (this pass's, an earlier one's, or another process's). */
  created: boolean;
}

/** SQLite and PostgreSQL both say so when an insert meets a unique constraint. */
function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || (typeof e?.message === 'string' && e.message.includes('UNIQUE constraint failed'));
}

async function existing(db: Executor, ticket: BreachedTicket, clockId: string): Promise<string | null> {
  const row = await db.selectFrom('sla_breaches').select('reference').where(ticket.field, '=', ticket.reference).where('clock', '=', clockId).executeTakeFirst();
  return row?.reference ?? null;
}

/**
 * 8.3.3: the breach record of one breached clock, created by Certus itself (the system
 * principal, at `now`) if the clock has none. One per ticket and clock: the table's unique
 * constraint holds however many processes watch, and `then` runs only for the record this call
 * created, in its transaction (the watch's e-mail for a live ticket).
 */
export async function recordBreach(db: DB, ticket: BreachedTicket, clock: BreachedClock, now: number, then?: (trx: Trx, breach: string) => Promise<void>): Promise<RecordedBreach> {
  const before = await existing(db, ticket, clock.clockId);
  if (before) return { reference: before, created: false };
  try {
    return await db.transaction().execute(async (trx) => {
      const system = await systemPrincipal(trx, now);
      const breach = await createRecord(trx, slaBreachRecord, system, {
        summary: `${ticket.reference} missed "${clock.name}" (${clock.sla || 'no SLA'})`,
        [ticket.field]: ticket.reference, sla: clock.sla, clock: clock.clockId, priority: clock.priority,
        breachedAt: new Date(clock.breachedAt).toISOString(),
      }, now, { system: true });
      await then?.(trx, breach.reference);
      return { reference: breach.reference, created: true };
    });
  } catch (error) {
    // Another process recorded it between the look and the insert.
    const after = isUniqueViolation(error) ? await existing(db, ticket, clock.clockId) : null;
    if (after) return { reference: after, created: false };
    throw error;
  }
}

/** The breach record of a ticket's clock, if it has one (the escalation e-mail names it). */
export async function breachRecordOf(db: Executor, ticket: string, clockId: string, field: BreachTicketField = 'incident'): Promise<string | null> {
  return existing(db, { reference: ticket, field }, clockId);
}

/**
 * The backfill: a breach record for every stored clock that breached and has none — history
 * from before breach records were kept for closed tickets, a freshly loaded demo, an upgrade.
 * Sends nothing (history is not news). Each record is created by the system principal at
 * `now`, the time it is recorded, with breachedAt the instant the clock breached; it starts
 * open, as nobody has investigated it. Every registered ticket source's breached clocks are
 * compared with the records (a set difference in memory: two reads of indexed columns, which
 * keeps the sources' tables out of this module's queries). Returns how many it created.
 */
export async function recordMissingBreaches(db: DB, now: number): Promise<number> {
  const rows = await db.selectFrom('sla_breaches').select(['incident', 'request', 'clock']).execute();
  const recorded = new Set<string>();
  for (const r of rows) {
    if (r.incident !== null) recorded.add(`incident ${r.incident} ${r.clock}`);
    if (r.request !== null) recorded.add(`request ${r.request} ${r.clock}`);
  }
  let created = 0;
  for (const source of ticketClockSources()) {
    const field = source.breachField;
    const missing = (await source.breachedClocks(db)).filter((c) => !recorded.has(`${field} ${c.ticket} ${c.clockId}`))
      .sort((a, b) => a.breachedAt - b.breachedAt || a.ticket.localeCompare(b.ticket) || a.clockId.localeCompare(b.clockId));
    for (const clock of missing) {
      if ((await recordBreach(db, { reference: clock.ticket, field }, clock, now)).created) created += 1;
    }
  }
  return created;
}
