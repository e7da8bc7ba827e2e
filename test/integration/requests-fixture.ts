import { expect } from 'vitest';
import { asUser, json, type SignedIn, type TestApp } from '../support/test-app.js';

export interface RequestView {
  id: string; reference: string; status: string; version: number; model: string; service: string; requesterId: string;
  assignmentGroup: string | null; approverId: string | null; approvalDecision: string | null; decidedBy: string | null;
  dueAt: string | null; fulfilledAt: string | null; closedAt: string | null; fulfilledWithinTarget: boolean | null;
  fulfilmentBusinessMinutes: number | null; reopenCount: number; satisfaction: number | null; answers: Record<string, unknown>;
  shortDescription: string;
}

export interface TaskView { id: string; reference: string; status: string; version: number; position: number; title: string; group: string | null }

export const laptopForm = [
  { key: 'startDate', label: 'Start date', kind: 'date', required: true },
  { key: 'size', label: 'Laptop size', kind: 'enum', required: true, options: ['14 inch', '16 inch'] },
  { key: 'notes', label: 'Anything else', kind: 'longText', required: false },
  { key: 'external', label: 'External contractor', kind: 'boolean', required: false },
];
export const laptopTasks = [{ title: 'Order the laptop', group: 'Procurement' }, { title: 'Image and enrol it' }, { title: 'Hand it over' }];

/** Small builders over the HTTP API for the request tests. */
export function requestApi(t: TestApp) {
  const call = async (who: SignedIn, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, version?: number) =>
    t.app.inject({ method, url, headers: { ...asUser(who), ...(version === undefined ? {} : { 'if-match': `"${version}"` }) }, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });

  return {
    call,
    /** A live service owned by `owner`. */
    async liveService(manager: SignedIn, owner: SignedIn | null, extra: Record<string, unknown> = {}): Promise<string> {
      const made = await call(manager, 'POST', '/api/services', { name: `Workplace ${Math.random().toString(36).slice(2, 8)}`, serviceType: 'customer-facing', criticality: 'medium', serviceOwner: owner?.userId ?? null, ...extra });
      expect(made.statusCode, made.body).toBe(201);
      const svc = json<{ reference: string; version: number }>(made);
      const live = await call(manager, 'POST', `/api/services/${svc.reference}/transitions`, { to: 'live' }, svc.version);
      expect(live.statusCode, live.body).toBe(200);
      return svc.reference;
    },
    /** A published model on the service. */
    async publishedModel(manager: SignedIn, service: string, extra: Record<string, unknown> = {}): Promise<string> {
      const made = await call(manager, 'POST', '/api/request-models', {
        name: 'New starter laptop', service, fulfilmentGroup: 'End-user computing', fulfilmentTargetHours: 8,
        approvalRequired: false, formFields: laptopForm, tasks: laptopTasks, ...extra,
      });
      expect(made.statusCode, made.body).toBe(201);
      const model = json<{ reference: string; version: number }>(made);
      const published = await call(manager, 'POST', `/api/request-models/${model.reference}/transitions`, { to: 'published' }, model.version);
      expect(published.statusCode, published.body).toBe(200);
      return model.reference;
    },
    async raise(who: SignedIn, model: string, answers: Record<string, unknown> = { startDate: '2026-12-01', size: '14 inch' }, extra: Record<string, unknown> = {}): Promise<RequestView> {
      const res = await call(who, 'POST', '/api/service-requests', { model, answers, ...extra });
      expect(res.statusCode, res.body).toBe(201);
      return json<RequestView>(res);
    },
    async move(who: SignedIn, request: { reference: string; version: number }, to: string, fields: Record<string, unknown> = {}) {
      const res = await call(who, 'POST', `/api/service-requests/${request.reference}/transitions`, { to, fields }, request.version);
      return { res, body: json<RequestView>(res) };
    },
    async tasks(who: SignedIn, request: { reference: string }): Promise<TaskView[]> {
      const res = await call(who, 'GET', `/api/service-requests/${request.reference}/tasks`);
      expect(res.statusCode, res.body).toBe(200);
      return json<{ items: TaskView[] }>(res).items;
    },
    async finishTask(who: SignedIn, task: TaskView, to: 'done' | 'skipped' = 'done', fields: Record<string, unknown> = {}) {
      return call(who, 'POST', `/api/request-tasks/${task.reference}/transitions`, { to, fields }, task.version);
    },
  };
}
