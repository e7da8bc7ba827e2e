import type { AliasedSelectQueryBuilder } from 'kysely';
import type { Database, Executor, Trx } from '../../platform/db/database.js';
import type { RecordTypeDefinition } from '../../kernel/records/record-type.js';

/**
 * What service level management needs from a module whose tickets run clocks against agreed
 * targets (incidents and service requests): which tickets to replay, their clocks, and the stored clocks to
 * count. The module registers its source; the SLA watch, the breach records, the dashboard and
 * the SLA KPIs read tickets only through it, never the module's tables or files.
 */

export type ClockKind = 'sla' | 'ola' | 'contract';

/** One clock of a ticket as last replayed. */
export interface TicketClock {
  clockId: string;
  name: string;
  kind: ClockKind;
  sla: string | null;
  priority: string | null;
  status: 'running' | 'paused' | 'stopped' | 'inactive';
  targetMillis: number | null;
  elapsedMillis: number;
  remainingMillis: number | null;
  atRisk: boolean;
  breached: boolean;
  breachedAt: number | null;
}

/** A ticket as the watch's e-mails describe it. */
export interface WatchedTicket {
  id: string;
  reference: string;
  /** Not yet resolved, fulfilled, closed or cancelled: only such a ticket is notified or escalated. */
  open: boolean;
  priority: string | null;
  title: string;
  assigneeId: string | null;
  sla: string | null;
}

/**
 * The columns every module's stored clocks table holds (incidents' and requests' alike), beside
 * the ticket's id and whatever the module adds; booleans are 0/1 on both databases.
 */
export interface StoredClockColumns {
  clock_id: string;
  name: string;
  /** sla, ola or contract. */
  kind: string;
  /** response or resolution. */
  measure: string;
  sla: string | null;
  calendar_id: string | null;
  priority: string | null;
  target_ms: number | null;
  elapsed_ms: number;
  paused_ms: number;
  remaining_ms: number | null;
  due_at: number | null;
  at_risk_at: number | null;
  /** running, paused, stopped or inactive. */
  status: string;
  pause_reason: string | null;
  at_risk: number;
  breached: number;
  breached_at: number | null;
  stopped_at: number | null;
  met: number | null;
  computed_at: number;
}

/** A stored clock as the dashboard and the KPIs aggregate it; flags are 0/1 on both databases. */
export interface TicketClockRow {
  ticket_id: string;
  clock_id: string;
  kind: string;
  measure: string;
  status: string;
  met: number | null;
  elapsed_ms: number;
  stopped_at: number | null;
  breached: number;
  breached_at: number | null;
  due_at: number | null;
  at_risk: number;
  at_risk_at: number | null;
  service: string | null;
  open: number;
}

/** A stored clock that breached, as its breach record names it. */
export interface BreachedClockRow {
  ticket: string;
  clockId: string;
  name: string;
  sla: string | null;
  priority: string | null;
  breachedAt: number;
}

/** One pass of the watch over a source's tickets. */
export interface ReplayPass<T extends WatchedTicket, C extends TicketClock> {
  /** The ticket's clocks replayed at the pass's time (not stored). */
  replay(ticket: T): Promise<C[]>;
  /** After the watch's notices for an open ticket: the source's own reaction (incidents escalate); true if it acted. */
  escalate?(ticket: T, clocks: C[]): Promise<boolean>;
  /** Whether the source's own reaction answers this event on this clock, so the watch sends no e-mail of its own. */
  answers?(clock: C, event: 'at-risk' | 'breached'): boolean;
}

/** The reference field a breach record names its ticket in: one per kind of ticket. */
export type BreachTicketField = 'incident' | 'request';

export interface TicketClockSource<T extends WatchedTicket, C extends TicketClock> {
  /** The ticket's record type; breach records name the ticket in their `breachField` reference field. */
  record: RecordTypeDefinition;
  breachField: BreachTicketField;
  /** The tickets whose clocks need replaying now. */
  toReplay(db: Executor, now: number): Promise<string[]>;
  load(db: Executor, ids: readonly string[]): Promise<T[]>;
  startPass(database: Database, now: number): Promise<ReplayPass<T, C>>;
  /** Replaces these tickets' stored clocks with these, in the caller's transaction. */
  store(trx: Trx, entries: readonly (readonly [string, readonly C[]])[]): Promise<void>;
  /** The stored clocks, with the ticket's service and whether it is open, as a subquery aliased `c`. */
  clockRows(db: Executor): AliasedSelectQueryBuilder<TicketClockRow, 'c'>;
  /** Every stored clock that breached. */
  breachedClocks(db: Executor): Promise<BreachedClockRow[]>;
}

/** A registered source with its ticket and clock types hidden, so sources of different kinds sit in one list. */
export interface RegisteredClockSource {
  record: RecordTypeDefinition;
  breachField: BreachTicketField;
  toReplay(db: Executor, now: number): Promise<string[]>;
  clockRows(db: Executor): AliasedSelectQueryBuilder<TicketClockRow, 'c'>;
  breachedClocks(db: Executor): Promise<BreachedClockRow[]>;
  /** Runs `work` with the source's own types. */
  use<R>(work: <T extends WatchedTicket, C extends TicketClock>(source: TicketClockSource<T, C>) => R): R;
}

const sources: RegisteredClockSource[] = [];

/**
 * Registers a module's tickets with service level management (the incidents module does so in
 * its manifest). One source per record type: registering one again replaces it.
 */
export function registerTicketClockSource<T extends WatchedTicket, C extends TicketClock>(source: TicketClockSource<T, C>): void {
  const registered: RegisteredClockSource = {
    record: source.record,
    breachField: source.breachField,
    toReplay: (db, now) => source.toReplay(db, now),
    clockRows: (db) => source.clockRows(db),
    breachedClocks: (db) => source.breachedClocks(db),
    use: (work) => work(source),
  };
  const at = sources.findIndex((s) => s.record.type === source.record.type);
  if (at >= 0) sources[at] = registered;
  else sources.push(registered);
}

export function ticketClockSources(): readonly RegisteredClockSource[] {
  return sources;
}

/** The record type a breach record's field names its ticket by (the incident's, the service request's), once its module has registered. */
export function breachTicketRecord(field: BreachTicketField): RecordTypeDefinition | undefined {
  return sources.find((s) => s.breachField === field)?.record;
}
