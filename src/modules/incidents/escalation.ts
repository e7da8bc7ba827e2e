import type { FieldProblem } from '../../platform/http/app-error.js';
import { businessPosition, instantAtBusinessPosition, type BusinessCalendar } from '../../kernel/calendar/index.js';

/**
 * Functional escalation of incidents by their SLA resolution clock (8.6.1): levels an
 * organisation sets, each reached when the clock is at risk, has breached, or has used a given
 * share of its target, and each naming who is told. Levels only go up while the incident is
 * open; each rise is a history event on the incident.
 */

export const escalationTriggers = ['at-risk', 'breached', 'elapsed'] as const;
export type EscalationTrigger = (typeof escalationTriggers)[number];
export const escalationRecipients = ['assignee', 'assignment-group', 'incident-problem-manager', 'service-level-manager', 'sms-manager', 'service-owner'] as const;
export type EscalationRecipient = (typeof escalationRecipients)[number];

export interface EscalationLevel {
  when: EscalationTrigger;
  /** For `elapsed`: the share of the target used, in percent (150 = half as long again). */
  percent?: number;
  notify: EscalationRecipient[];
}

export interface EscalationSettings {
  levels: EscalationLevel[];
  /** Where to write to an assignment group, by group name (there is no group directory yet). */
  groupAddresses: Record<string, string>;
}

export const defaultEscalation: EscalationSettings = {
  levels: [
    { when: 'at-risk', notify: ['assignee', 'assignment-group'] },
    { when: 'breached', notify: ['incident-problem-manager', 'service-level-manager'] },
    { when: 'elapsed', percent: 150, notify: ['sms-manager', 'service-owner'] },
  ],
  groupAddresses: {},
};

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Every problem with a proposed set of levels, each naming its field. */
export function escalationProblems(settings: EscalationSettings): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (settings.levels.length === 0 || settings.levels.length > 5) problems.push({ field: 'levels', reason: 'must have between one and five levels' });
  let previousRank = -1;
  let previousPercent = 0;
  settings.levels.forEach((level, i) => {
    const field = `levels[${i}]`;
    const rank = escalationTriggers.indexOf(level.when);
    if (rank < 0) {
      problems.push({ field: `${field}.when`, reason: `must be one of ${escalationTriggers.join(', ')}` });
      return;
    }
    if (level.when === 'elapsed') {
      if (typeof level.percent !== 'number' || !(level.percent > 0 && level.percent <= 1000)) problems.push({ field: `${field}.percent`, reason: 'must be a share of the target above 0 and at most 1000 (percent)' });
      else if (level.percent <= previousPercent) problems.push({ field: `${field}.percent`, reason: 'must be higher than the level before' });
      else previousPercent = level.percent;
    } else if (level.percent !== undefined) problems.push({ field: `${field}.percent`, reason: 'applies to the elapsed trigger only' });
    if (rank < previousRank || (rank === previousRank && rank < 2)) problems.push({ field: `${field}.when`, reason: 'levels must go from at risk, to breached, to shares of the target, each once (shares rising)' });
    previousRank = rank;
    if (level.notify.length === 0) problems.push({ field: `${field}.notify`, reason: 'must name at least one recipient' });
    level.notify.forEach((r, j) => {
      if (!(escalationRecipients as readonly string[]).includes(r)) problems.push({ field: `${field}.notify[${j}]`, reason: `must be one of ${escalationRecipients.join(', ')}` });
    });
  });
  for (const [group, address] of Object.entries(settings.groupAddresses)) {
    if (!emailPattern.test(address)) problems.push({ field: `groupAddresses.${group}`, reason: 'must be an e-mail address' });
  }
  return problems;
}

export interface EscalationClock {
  status: string;
  atRisk: boolean;
  breached: boolean;
  elapsedMillis: number;
  targetMillis: number | null;
}

function holds(level: EscalationLevel, clock: EscalationClock): boolean {
  switch (level.when) {
    case 'at-risk': return clock.atRisk || clock.breached;
    case 'breached': return clock.breached;
    case 'elapsed': return clock.targetMillis !== null && (clock.elapsedMillis / clock.targetMillis) * 100 >= (level.percent ?? Infinity);
  }
}

/** The highest level (1-based) whose condition the clock meets; 0 for none. */
export function levelReached(settings: EscalationSettings, clock: EscalationClock): number {
  let reached = 0;
  settings.levels.forEach((level, i) => { if (holds(level, clock)) reached = i + 1; });
  return reached;
}

/**
 * When a running clock reaches the next `elapsed` level above `current`, so the watch can look
 * again then without replaying the incident before. At-risk and breach instants are stored
 * with the clock already.
 */
export function nextEscalationAt(settings: EscalationSettings, current: number, clock: EscalationClock & { computedAt: number }, calendar: BusinessCalendar | undefined): number | null {
  if (clock.status !== 'running' || clock.targetMillis === null || !calendar) return null;
  const next = settings.levels.slice(current).find((l) => l.when === 'elapsed');
  if (!next || next.percent === undefined) return null;
  const remaining = (next.percent / 100) * clock.targetMillis - clock.elapsedMillis;
  if (remaining <= 0) return clock.computedAt;
  return instantAtBusinessPosition(calendar, businessPosition(calendar, clock.computedAt) + remaining, clock.computedAt);
}
