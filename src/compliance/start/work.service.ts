import type { Executor } from '../../platform/db/database.js';
import { incidentGroupsOf, incidentQueue, type QueueItem, type QueueQuery } from '../../modules/incidents/index.js';
import { byDue, requestGroupsOf, requestWork, type RequestWorkItem } from '../../modules/requests/index.js';
import type { WorkKind } from './start.sections.js';

/** One piece of work on a start page, whatever its record type. */
export interface WorkItem {
  kind: WorkKind;
  reference: string;
  title: string;
  status: string;
  priority: string | null;
  group: string | null;
  /** The service request a fulfilment task belongs to. */
  request: string | null;
  /** When its SLA or fulfilment target is reached; null while paused or without a target. */
  dueAt: number | null;
  breached: boolean;
  atRisk: boolean;
  paused: boolean;
  createdAt: number;
}

export interface WorkSection {
  /** The person's groups, read from the work they are assignee of (Certus keeps no group membership). */
  groups: string[];
  kinds: WorkKind[];
  assigned: WorkItem[];
  unassigned: WorkItem[];
  limit: number;
  now: number;
}

export const workLimit = 25;

export function fromIncident(item: QueueItem): WorkItem {
  const clock = item.clock;
  return {
    kind: 'incident', reference: item.reference, title: item.shortDescription, status: item.status, priority: item.priority, group: item.assignmentGroup,
    request: null, dueAt: clock?.status === 'running' ? clock.dueAt : null, breached: clock?.breached ?? false, atRisk: clock?.atRisk ?? false,
    paused: clock?.status === 'paused', createdAt: item.createdAt,
  };
}

export function fromRequestWork(item: RequestWorkItem, now: number): WorkItem {
  return {
    kind: item.kind, reference: item.reference, title: item.title, status: item.status, priority: null, group: item.group,
    request: item.kind === 'request-task' ? item.request : null, dueAt: item.dueAt, breached: item.dueAt !== null && item.dueAt <= now, atRisk: false,
    paused: item.paused, createdAt: item.createdAt,
  };
}

/**
 * Everything in one list by SLA due time: breached (due in the past) first, then the soonest due;
 * work whose clock is paused or has no target after all of it, oldest first.
 */
export function mergeByDue(lists: WorkItem[][], limit: number): WorkItem[] {
  return lists.flat().sort(byDue).slice(0, limit);
}

/** A person's groups: those of the incidents, requests and tasks they are assignee of. */
export async function groupsOf(db: Executor, userId: string, kinds: readonly WorkKind[]): Promise<string[]> {
  const groups = [
    ...(kinds.includes('incident') ? await incidentGroupsOf(db, userId) : []),
    ...(kinds.includes('service-request') || kinds.includes('request-task') ? await requestGroupsOf(db, userId) : []),
  ];
  return [...new Set(groups)].sort((a, b) => a.localeCompare(b, 'en'));
}

/** What is assigned to a person and what waits unassigned in their groups, each by SLA due time. */
export async function workSection(db: Executor, userId: string, kinds: readonly WorkKind[], now = Date.now(), limit = workLimit): Promise<WorkSection> {
  const groups = await groupsOf(db, userId, kinds);
  const incidents = async (query: Omit<QueueQuery, 'sort' | 'limit'>) =>
    (kinds.includes('incident') ? (await incidentQueue(db, { ...query, sort: 'due', limit }, now)).items.map(fromIncident) : []);
  const requests = async (query: { assigneeId?: string; unassignedIn?: string[] }) =>
    (await requestWork(db, { ...query, limit })).filter((i) => kinds.includes(i.kind)).map((i) => fromRequestWork(i, now));
  const assigned = mergeByDue([await incidents({ assigneeId: userId }), await requests({ assigneeId: userId })], limit);
  const unassigned = groups.length === 0 ? [] : mergeByDue([await incidents({ assignmentGroups: groups, unassigned: true }), await requests({ unassignedIn: groups })], limit);
  return { groups, kinds: [...kinds], assigned, unassigned, limit, now };
}
