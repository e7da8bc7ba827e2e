import type { ApiResponse } from '../shared/api-schema';
import { formatSpan } from '../queue/countdown';

export type StartPageData = ApiResponse<'start-page'>;
export type WorkItem = NonNullable<StartPageData['work']>['assigned'][number];
export type Overview = NonNullable<StartPageData['overview']>;
export type AuditData = NonNullable<StartPageData['audit']>;

/** What the due column says: the time left or overdue against the target, or why there is none. */
export function dueText(item: Pick<WorkItem, 'dueAt' | 'paused' | 'breached'>, now: number): string {
  if (item.paused) return 'paused';
  if (item.dueAt === null) return 'no target';
  const left = item.dueAt - now;
  return left > 0 ? `due in ${formatSpan(left)}` : `overdue ${formatSpan(-left)}`;
}

export type DueState = 'breached' | 'at-risk' | 'on-track' | 'paused' | 'none';

export function dueState(item: Pick<WorkItem, 'dueAt' | 'paused' | 'breached' | 'atRisk'>, now: number): DueState {
  if (item.paused) return 'paused';
  if (item.breached || (item.dueAt !== null && item.dueAt <= now)) return 'breached';
  if (item.atRisk) return 'at-risk';
  return item.dueAt === null ? 'none' : 'on-track';
}

/** The queue filtered to a person's own or their groups' incidents, as the page links to it. */
export function queueLink(filter: { assigneeId?: 'me'; assignmentGroup?: string }): string {
  const query = new URLSearchParams();
  if (filter.assigneeId) query.set('assigneeId', filter.assigneeId);
  if (filter.assignmentGroup) query.set('assignmentGroup', filter.assignmentGroup);
  const qs = query.toString();
  return qs ? `/queue?${qs}` : '/queue';
}

/** The day before a YYYY-MM-DD date: list filters include their end, "overdue" means before today. */
export function dayBefore(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

const monthFormat = new Intl.DateTimeFormat('en-GB', { month: 'short', year: '2-digit', timeZone: 'UTC' });

/** `2026-07` → `Jul 26`. */
export function monthLabel(month: string): string {
  return monthFormat.format(new Date(`${month}-01T00:00:00Z`));
}

/** The words a screen reader hears for the attainment chart: every month's figure and the target. */
export function attainmentDescription(sla: NonNullable<Overview['sla']>): string {
  const months = sla.months.map((m) => `${monthLabel(m.month)} ${m.attainmentPercent === null ? 'nothing measured' : `${m.attainmentPercent}%`}`);
  return `SLA attainment by month. ${months.join(', ')}. Target ${sla.target}%.`;
}

/** The words a screen reader hears for the maturity chart. */
export function maturityDescription(maturity: NonNullable<Overview['assessment']>['maturity']): string {
  const levels = maturity.processes.map((p) => `${p.title} ${p.level === null ? 'not rated' : `level ${p.level}`}`);
  return `Capability level by process. ${levels.join(', ')}. Floor for certification: level ${maturity.floor}.`;
}
