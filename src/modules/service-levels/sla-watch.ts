import type { Database } from '../../platform/db/database.js';
import { queueEmail } from '../../platform/notify/mailer.js';
import { formatDuration } from '../../kernel/calendar/index.js';
import { recordBreach, recordMissingBreaches } from './sla-breaches.js';
import { ticketClockSources, type ReplayPass, type TicketClock, type TicketClockSource, type WatchedTicket } from './ticket-clocks.js';

/** The job's kind keeps the name it had when the incidents module ran it, so queued and scheduled jobs still match. */
export const slaWatchJob = 'incidents.watch-slas';

export interface WatchSummary {
  /** Tickets whose clocks were replayed in this pass. */
  checked: number;
  atRisk: number;
  breached: number;
  /** Tickets raised to a higher escalation level. */
  escalated: number;
  /** Breach records created, without e-mail, for breached clocks that had none (tickets no longer open, history). */
  recorded: number;
}

type Recipients = (assigneeId: string | null) => Promise<string[]>;

/** Who hears about a ticket's clocks: its assignee, and the incident and service level managers (read once per pass). */
function recipientsFor(database: Database): Recipients {
  let managers: Promise<string[]> | undefined;
  return async (assigneeId) => {
    managers ??= database.db.selectFrom('users').innerJoin('user_roles', 'user_roles.user_id', 'users.id')
      .select('users.email').where('users.active', '=', 1).where('user_roles.role', 'in', ['incident-problem-manager', 'service-level-manager']).execute()
      .then((rows) => rows.map((r) => r.email));
    const assignee = assigneeId ? await database.db.selectFrom('users').select('email').where('id', '=', assigneeId).where('active', '=', 1).executeTakeFirst() : undefined;
    return [...new Set([...(assignee ? [assignee.email] : []), ...(await managers)])].sort();
  };
}

const zero = (): WatchSummary => ({ checked: 0, atRisk: 0, breached: 0, escalated: 0, recorded: 0 });

/**
 * The SLA watch (8.3.3, 8.6.1), every minute: replays the clocks of the tickets each registered
 * source says need it and stores them. For an open ticket, a clock past its at-risk threshold
 * warns the assignee and the managers once; a breached clock becomes an SLA breach record to
 * investigate, with an e-mail; then the source reacts in its own way (incidents escalate).
 * Notifications go before the clocks are stored, so a pass that fails half-way is repeated.
 * Last, every breached clock still without a breach record — a ticket resolved or closed before
 * its breach was seen, history from before this was done — gets one, without e-mail. Safe to run
 * in several processes: the breach record is unique per ticket and clock, and each e-mail has a
 * dedupe key.
 */
export async function watchSlas(database: Database, now = Date.now()): Promise<WatchSummary> {
  const summary = zero();
  for (const source of ticketClockSources()) {
    const ids = await source.toReplay(database.db, now);
    add(summary, await source.use((s) => watchTickets(database, s, ids, now)));
  }
  summary.recorded = await recordMissingBreaches(database.db, now);
  return summary;
}

/** One pass over these tickets of one source, and the backfill (the demo loader's first pass takes every open incident). */
export async function watchTicketsOf(database: Database, recordType: string, ids: readonly string[], now: number): Promise<WatchSummary> {
  const source = ticketClockSources().find((s) => s.record.type === recordType);
  const summary = source ? await source.use((s) => watchTickets(database, s, ids, now)) : zero();
  summary.recorded = await recordMissingBreaches(database.db, now);
  return summary;
}

function add(to: WatchSummary, from: WatchSummary): void {
  to.checked += from.checked; to.atRisk += from.atRisk; to.breached += from.breached; to.escalated += from.escalated;
}

async function watchTickets<T extends WatchedTicket, C extends TicketClock>(database: Database, source: TicketClockSource<T, C>, ids: readonly string[], now: number): Promise<WatchSummary> {
  const summary = zero();
  if (ids.length === 0) return summary;
  const recipients = recipientsFor(database);
  const pass = await source.startPass(database, now);
  // In chunks: notifications per ticket, then the chunk's clocks in one transaction.
  for (let i = 0; i < ids.length; i += 100) {
    const replayed: [string, C[]][] = [];
    for (const ticket of await source.load(database.db, ids.slice(i, i + 100))) {
      summary.checked += 1;
      const clocks = await pass.replay(ticket);
      if (ticket.open) {
        for (const clock of clocks) {
          const outcome = await notify(database, source, ticket, clock, pass, recipients, now);
          if (outcome) summary[outcome] += 1;
        }
        if (await pass.escalate?.(ticket, clocks)) summary.escalated += 1;
      }
      replayed.push([ticket.id, clocks]);
    }
    await database.db.transaction().execute((trx) => source.store(trx, replayed));
  }
  return summary;
}

async function notify<T extends WatchedTicket, C extends TicketClock>(database: Database, source: TicketClockSource<T, C>, ticket: T, clock: C, pass: ReplayPass<T, C>, recipients: Recipients, now: number): Promise<'atRisk' | 'breached' | null> {
  const sla = clock.sla ?? ticket.sla ?? '';
  // A service request has no priority and its target is its model's, not an SLA's.
  const priority = ticket.priority ? ` (${ticket.priority})` : '';
  const under = sla ? ` under ${sla}` : '';
  // Where the source's own reaction (an escalation level) answers this event, its e-mail is the
  // one people get (it names the breach record too), not a second one from here.
  const answered = (event: 'at-risk' | 'breached') => pass.answers?.(clock, event) ?? false;
  if (clock.breached && clock.breachedAt !== null) {
    const to = await recipients(ticket.assigneeId);
    const breachedAt = clock.breachedAt;
    const recorded = await recordBreach(database.db, { reference: ticket.reference, field: source.breachField }, { ...clock, sla, breachedAt }, now, async (trx, breach) => {
      if (answered('breached')) return;
      await queueEmail(trx, {
        to,
        subject: `${ticket.reference} breached ${clock.name} — ${breach}`,
        text: `${ticket.reference}${priority} "${ticket.title}" missed its target "${clock.name}"${under} at ${new Date(breachedAt).toISOString()}.\nBreach record ${breach} is open for investigation.`,
      }, `breached:${ticket.id}:${clock.clockId}`, now);
    });
    return recorded.created ? 'breached' : null;
  }
  if (clock.atRisk && clock.status === 'running') {
    if (answered('at-risk')) return 'atRisk';
    const percentUsed = clock.targetMillis ? (clock.elapsedMillis / clock.targetMillis) * 100 : 0;
    await queueEmail(database.db, {
      to: await recipients(ticket.assigneeId),
      subject: `${ticket.reference} is at risk of breaching ${clock.name}`,
      text: `${ticket.reference}${priority} "${ticket.title}" has used ${Math.round(percentUsed)}% of "${clock.name}"${under}; ${clock.remainingMillis !== null ? formatDuration(clock.remainingMillis) : 'no time'} remains.`,
    }, `at-risk:${ticket.id}:${clock.clockId}`, now);
    return 'atRisk';
  }
  return null;
}
