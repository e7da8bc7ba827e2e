import { AppError, type FieldProblem } from '../../platform/http/app-error.js';

/**
 * What an SLA, OLA or underpinning-contract clock measures, as plain JSON so it can be stored
 * with the agreement it belongs to (8.3.3 service level management, 8.3.4 supplier management).
 */

/** One moment of a ticket's life. Fields left out are unchanged since the previous event. */
export interface TimelineEvent {
  /** Epoch milliseconds; events are in time order. */
  at: number;
  status?: string;
  priority?: string;
  slaId?: string | null;
  assignmentGroup?: string | null;
  /** The ticket is with a supplier (an underpinning contract's clock runs). */
  supplierHeld?: boolean;
  /** Which supplier holds it, when the clock is for one supplier's contract. */
  supplier?: string | null;
  /** This event is (or includes) the first response to the customer. */
  responded?: boolean;
}

/** When a clock runs at all, besides its pause and stop statuses. Data, not code, so it can be stored. */
export type RunCondition =
  | { kind: 'always' }
  /** An OLA clock for a resolver group: runs while the ticket is assigned to that group. */
  | { kind: 'ola'; group: string }
  /** An underpinning-contract clock: runs while a supplier (this one, if named) holds the ticket. */
  | { kind: 'supplier'; supplier?: string }
  | { kind: 'status-in'; statuses: string[] }
  | { kind: 'all'; of: RunCondition[] }
  | { kind: 'any'; of: RunCondition[] }
  | { kind: 'not'; condition: RunCondition };

/**
 * `resume`: the clock continues from where it stopped; `restart`: a new measurement starts at
 * zero on reopening; `stay-stopped`: once stopped it never runs again.
 */
export type ReopenPolicy = 'resume' | 'restart' | 'stay-stopped';

/**
 * `retroactive` (default): the clock is computed as if the final priority and SLA had applied
 * from the start. `from-change`: each priority's target applies from the moment it was set,
 * and a clock tied to an SLA runs only while the ticket is under that SLA.
 */
export type RecomputePolicy = 'retroactive' | 'from-change';

export interface ClockDefinition {
  /** Stable id, e.g. `resolution`, `response`, `ola-network`. */
  id: string;
  name?: string;
  /** Which calendar's business hours the clock counts; the caller's default when omitted. */
  calendarId?: string;
  /** The clock belongs to this SLA and applies only to tickets under it. */
  slaId?: string;
  /** Default `{ kind: 'always' }`. */
  runsWhile?: RunCondition;
  /** Statuses that pause the clock, e.g. `awaiting-customer`, `awaiting-supplier`. */
  pauseStatuses?: string[];
  /** Statuses that stop the clock, e.g. `resolved`, `closed`. */
  stopStatuses: string[];
  /** A response clock: stops at the first event marked `responded`. */
  stopOnFirstResponse?: boolean;
  /** Default `resume`; a response clock never restarts whatever this says. */
  onReopen?: ReopenPolicy;
  /** Default `retroactive`. */
  recompute?: RecomputePolicy;
  /** Business milliseconds allowed, per priority. A priority without a target is not measured. */
  targets: Record<string, number>;
  /** Percent of the target at which the clock is at risk; default 75. */
  atRiskPercent?: number;
}

export interface CompiledClock {
  definition: ClockDefinition;
  pauseStatuses: ReadonlySet<string>;
  stopStatuses: ReadonlySet<string>;
  runsWhile: RunCondition;
  runsAlways: boolean;
  onReopen: ReopenPolicy;
  recompute: RecomputePolicy;
  atRiskPercent: number;
  targets: ReadonlyMap<string, number>;
}

const compiledClocks = new WeakMap<ClockDefinition, CompiledClock>();

function checkCondition(condition: unknown, field: string, problems: FieldProblem[]): void {
  const c = condition as Record<string, unknown> | null;
  if (typeof c !== 'object' || c === null) {
    problems.push({ field, reason: 'must be a condition such as { kind: "ola", group: "network" }' });
    return;
  }
  switch (c.kind) {
    case 'always': return;
    case 'ola':
      if (typeof c.group !== 'string' || c.group === '') problems.push({ field: `${field}.group`, reason: 'must name the resolver group' });
      return;
    case 'supplier':
      if (c.supplier !== undefined && typeof c.supplier !== 'string') problems.push({ field: `${field}.supplier`, reason: 'must be a supplier id when given' });
      return;
    case 'status-in':
      if (!Array.isArray(c.statuses) || !c.statuses.every((s) => typeof s === 'string')) problems.push({ field: `${field}.statuses`, reason: 'must be a list of statuses' });
      return;
    case 'all':
    case 'any':
      if (!Array.isArray(c.of)) problems.push({ field: `${field}.of`, reason: 'must be a list of conditions' });
      else c.of.forEach((inner: unknown, i) => checkCondition(inner, `${field}.of[${i}]`, problems));
      return;
    case 'not':
      checkCondition(c.condition, `${field}.condition`, problems);
      return;
    default:
      problems.push({ field: `${field}.kind`, reason: `${JSON.stringify(c.kind)} is not one of always, ola, supplier, status-in, all, any, not` });
  }
}

function checkStatuses(value: unknown, field: string, problems: FieldProblem[]): void {
  if (value !== undefined && (!Array.isArray(value) || !value.every((s) => typeof s === 'string'))) {
    problems.push({ field, reason: 'must be a list of status names' });
  }
}

/** Validates a definition (every problem at once, as one `validation` AppError) and caches the compiled form. */
export function compileClock(definition: ClockDefinition): CompiledClock {
  const cached = compiledClocks.get(definition);
  if (cached) return cached;
  const problems: FieldProblem[] = [];
  const raw = definition as unknown as Record<string, unknown>;
  if (typeof raw.id !== 'string' || raw.id === '') problems.push({ field: 'id', reason: 'must be a non-empty string' });
  checkStatuses(raw.pauseStatuses, 'pauseStatuses', problems);
  checkStatuses(raw.stopStatuses, 'stopStatuses', problems);
  if (raw.stopStatuses === undefined) problems.push({ field: 'stopStatuses', reason: 'is required (e.g. ["resolved", "closed"])' });
  if (raw.runsWhile !== undefined) checkCondition(raw.runsWhile, 'runsWhile', problems);
  if (raw.onReopen !== undefined && !['resume', 'restart', 'stay-stopped'].includes(raw.onReopen as string)) {
    problems.push({ field: 'onReopen', reason: 'must be resume, restart or stay-stopped' });
  }
  if (raw.recompute !== undefined && !['retroactive', 'from-change'].includes(raw.recompute as string)) {
    problems.push({ field: 'recompute', reason: 'must be retroactive or from-change' });
  }
  const percent = raw.atRiskPercent ?? 75;
  if (typeof percent !== 'number' || !(percent > 0 && percent <= 100)) problems.push({ field: 'atRiskPercent', reason: 'must be a number above 0 and at most 100' });
  const targets = new Map<string, number>();
  if (typeof raw.targets !== 'object' || raw.targets === null || Array.isArray(raw.targets)) {
    problems.push({ field: 'targets', reason: 'must map priorities to business milliseconds' });
  } else {
    for (const [priority, millis] of Object.entries(raw.targets as Record<string, unknown>)) {
      if (typeof millis !== 'number' || !Number.isFinite(millis) || millis <= 0) {
        problems.push({ field: `targets.${priority}`, reason: 'must be a positive number of business milliseconds' });
      } else targets.set(priority, Math.round(millis));
    }
  }
  for (const status of (Array.isArray(raw.pauseStatuses) ? raw.pauseStatuses : []) as unknown[]) {
    if (Array.isArray(raw.stopStatuses) && raw.stopStatuses.includes(status)) {
      problems.push({ field: 'pauseStatuses', reason: `${String(status)} cannot both pause and stop the clock` });
    }
  }
  if (problems.length > 0) {
    const summary = problems.map((p) => `${p.field} ${p.reason}`).join('; ');
    throw new AppError('validation', `The clock definition ${typeof raw.id === 'string' ? `"${raw.id}" ` : ''}is not valid: ${summary}.`, { errors: problems });
  }
  const runsWhile = definition.runsWhile ?? { kind: 'always' };
  const compiled: CompiledClock = {
    definition,
    pauseStatuses: new Set(definition.pauseStatuses ?? []),
    stopStatuses: new Set(definition.stopStatuses),
    runsWhile,
    runsAlways: runsWhile.kind === 'always',
    onReopen: definition.stopOnFirstResponse ? 'stay-stopped' : definition.onReopen ?? 'resume',
    recompute: definition.recompute ?? 'retroactive',
    atRiskPercent: percent as number,
    targets,
  };
  compiledClocks.set(definition, compiled);
  return compiled;
}
