import type { Executor } from '../../platform/db/database.js';
import { notStartedStates, pausedStates, serviceRequestWorkflow } from './service-request.workflow.js';

/** A service request or fulfilment task someone can pick up, with the due time of its request's target. */
export interface RequestWorkItem {
  kind: 'service-request' | 'request-task';
  reference: string;
  title: string;
  status: string;
  group: string | null;
  assigneeId: string | null;
  /** The service request it belongs to (itself, for a request). */
  request: string;
  /** When the request's fulfilment target is reached; null while its clock is paused or has no target. */
  dueAt: number | null;
  paused: boolean;
  createdAt: number;
}

/** A request waiting for its approver's decision. */
export interface ApprovalItem {
  reference: string;
  title: string;
  group: string | null;
  requesterId: string | null;
  /** When it was raised: approvals have no clock of their own (8.6.2: the target runs from approval). */
  createdAt: number;
}

/** Open requests in which fulfilment can go on: not done and not waiting for a decision. */
export const workableRequestStates = serviceRequestWorkflow.states
  .filter((s) => s.category === 'open' && !notStartedStates.includes(s.id)).map((s) => s.id);

export interface RequestWorkQuery {
  /** Work assigned to this person, or … */
  assigneeId?: string;
  /** … unassigned work of these groups. */
  unassignedIn?: string[];
  limit: number;
}

/**
 * The groups of the service requests and fulfilment tasks a person is assignee of, open or not.
 * Certus keeps no group membership, so a person's groups are read from the work they have been given.
 */
export async function requestGroupsOf(db: Executor, userId: string): Promise<string[]> {
  const requests = await db.selectFrom('service_requests').select('assignment_group as g').distinct().where('assignee_id', '=', userId).where('assignment_group', 'is not', null).execute();
  const tasks = await db.selectFrom('request_tasks').select('group_name as g').distinct().where('assignee_id', '=', userId).where('group_name', 'is not', null).execute();
  return [...new Set([...requests, ...tasks].flatMap((r) => (r.g ? [r.g] : [])))];
}

function matches<T extends { assigneeId: string | null; group: string | null }>(query: RequestWorkQuery) {
  return (item: T) => (query.assigneeId !== undefined ? item.assigneeId === query.assigneeId : item.assigneeId === null && item.group !== null && (query.unassignedIn ?? []).includes(item.group));
}

/**
 * Service requests being fulfilled, and for each request in fulfilment its next open task (8.6.2:
 * tasks are done in the model's order, so only the first open one can be worked), assigned to a
 * person or unassigned in their groups. Earliest due first; paused and target-less work last.
 */
export async function requestWork(db: Executor, query: RequestWorkQuery): Promise<RequestWorkItem[]> {
  if (query.assigneeId === undefined && (query.unassignedIn ?? []).length === 0) return [];
  const requests = await db.selectFrom('service_requests')
    .select(['reference', 'short_description', 'status', 'assignment_group', 'assignee_id', 'due_at', 'created_at'])
    .where('status', 'in', workableRequestStates)
    .$if(query.assigneeId !== undefined, (q) => q.where('assignee_id', '=', query.assigneeId!))
    .$if(query.assigneeId === undefined, (q) => q.where('assignee_id', 'is', null).where('assignment_group', 'in', query.unassignedIn!))
    .execute();
  const tasks = await db.selectFrom('request_tasks as t').innerJoin('service_requests as r', 'r.reference', 't.request')
    .select(['t.reference', 't.title', 't.status', 't.group_name', 't.assignee_id', 't.position', 't.created_at', 't.request', 'r.due_at'])
    .where('t.status', '=', 'open').where('r.status', '=', 'in-fulfilment')
    .execute();
  const items: RequestWorkItem[] = requests.map((r) => ({
    kind: 'service-request', reference: r.reference, title: r.short_description ?? r.reference, status: r.status, group: r.assignment_group, assigneeId: r.assignee_id,
    request: r.reference, dueAt: pausedStates.includes(r.status) || r.due_at === null ? null : Number(r.due_at), paused: pausedStates.includes(r.status), createdAt: Number(r.created_at),
  }));
  const next = nextOpenTasks(tasks.map((t) => ({ ...t, position: t.position ?? 0 })));
  for (const t of next) {
    items.push({
      kind: 'request-task', reference: t.reference, title: t.title, status: t.status, group: t.group_name, assigneeId: t.assignee_id,
      request: t.request, dueAt: t.due_at === null ? null : Number(t.due_at), paused: false, createdAt: Number(t.created_at),
    });
  }
  return items.filter(matches(query)).sort(byDue).slice(0, query.limit);
}

/** The first open task (lowest position) of each request. */
export function nextOpenTasks<T extends { request: string; position: number }>(tasks: readonly T[]): T[] {
  const first = new Map<string, T>();
  for (const task of tasks) {
    const seen = first.get(task.request);
    if (!seen || task.position < seen.position) first.set(task.request, task);
  }
  return [...first.values()];
}

/** Earliest due first; no due time (paused, no target) after every due one; then oldest first. */
export function byDue(a: { dueAt: number | null; createdAt: number; reference: string }, b: { dueAt: number | null; createdAt: number; reference: string }): number {
  const dueA = a.dueAt ?? Number.MAX_SAFE_INTEGER;
  const dueB = b.dueAt ?? Number.MAX_SAFE_INTEGER;
  return dueA - dueB || a.createdAt - b.createdAt || a.reference.localeCompare(b.reference);
}

/** Requests awaiting this person's approval, oldest first. */
export async function approvalsFor(db: Executor, userId: string, limit: number): Promise<ApprovalItem[]> {
  const rows = await db.selectFrom('service_requests').select(['reference', 'short_description', 'assignment_group', 'requester_id', 'created_at'])
    .where('status', 'in', notStartedStates).where('approver_id', '=', userId)
    .orderBy('created_at').orderBy('reference').limit(limit).execute();
  return rows.map((r) => ({ reference: r.reference, title: r.short_description ?? r.reference, group: r.assignment_group, requesterId: r.requester_id, createdAt: Number(r.created_at) }));
}
