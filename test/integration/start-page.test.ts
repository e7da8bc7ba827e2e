import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watchSlas } from '../../src/modules/service-levels/index.js';
import { asUser, json, startTestApp, type SignedIn, type TestApp } from '../support/test-app.js';
import { storeNames } from '../support/test-databases.js';
import { h, incidentWith, slaFixture } from './sla-fixture.js';
import { requestApi } from './requests-fixture.js';

interface WorkItem { kind: string; reference: string; group: string | null; dueAt: number | null; breached: boolean }
interface StartPage {
  sections: string[];
  work?: { groups: string[]; kinds: string[]; assigned: WorkItem[]; unassigned: WorkItem[] };
  approvals?: { items: { reference: string }[] };
  overview?: { readiness?: { percentDone: number }; assessment?: unknown; audits?: { reference: string }[]; improvements?: { open: number }; sla?: { target: number; months: unknown[] } };
  audit?: { inProgress: { reference: string; requirements: number; answered: number }[]; evidence: { assessment: { reference: string } } | null };
}

describe.each(storeNames())('start pages on %s', (store) => {
  let t: TestApp;
  let agent: SignedIn;
  let other: SignedIn;
  let manager: SignedIn;
  let auditor: SignedIn;
  let top: SignedIn;
  let requester: SignedIn;
  const refs: Record<string, string> = {};
  const start = async (user: SignedIn) => {
    const res = await t.app.inject({ method: 'GET', url: '/api/start', headers: asUser(user) });
    expect(res.statusCode, res.body).toBe(200);
    return json<StartPage>(res);
  };

  beforeAll(async () => {
    t = await startTestApp(store);
    const slm = await t.user(['service-level-manager']);
    agent = await t.user(['service-desk-agent']);
    other = await t.user(['service-desk-agent']);
    manager = await t.user(['sms-manager']);
    auditor = await t.user(['internal-auditor']);
    top = await t.user(['top-management']);
    requester = await t.user(['requester']);
    const { service } = await slaFixture(t, slm, 'Start');
    const now = Date.now();
    const assign = (at: number, who: SignedIn | null, group: string) => ({ at, to: 'assigned', fields: { assignmentGroup: group, assigneeId: who?.userId ?? null } });
    // Mine: a P1 breached an hour ago, and a P3 due in seven hours.
    refs.late = (await incidentWith(t, agent, { shortDescription: 'Core switch down', impact: 'high', urgency: 'high', service }, now - 5 * h, [assign(now - 5 * h + 60_000, agent, 'Hosting')])).reference;
    refs.later = (await incidentWith(t, agent, { shortDescription: 'Slow VPN', impact: 'medium', urgency: 'medium', service }, now - h, [assign(now - h + 60_000, agent, 'Hosting')])).reference;
    // My group's, unassigned; another group's, unassigned; my group's, someone else's.
    refs.open = (await incidentWith(t, agent, { shortDescription: 'Disk nearly full', impact: 'medium', urgency: 'medium', service }, now - 2 * h, [assign(now - 2 * h + 60_000, null, 'Hosting')])).reference;
    refs.network = (await incidentWith(t, agent, { shortDescription: 'Wi-Fi drops', impact: 'low', urgency: 'low', service }, now - 2 * h, [assign(now - 2 * h + 60_000, null, 'Network')])).reference;
    refs.taken = (await incidentWith(t, agent, { shortDescription: 'Printer queue stuck', impact: 'low', urgency: 'low', service }, now - 2 * h, [assign(now - 2 * h + 60_000, other, 'Hosting')])).reference;
    await watchSlas(t.certus.database, now);

    const api = requestApi(t);
    const workplace = await api.liveService(manager, slm);
    const hostingModel = await api.publishedModel(manager, workplace, { fulfilmentGroup: 'Hosting' });
    const approvalModel = await api.publishedModel(manager, workplace, { name: 'Firewall opening', approvalRequired: true, approverId: top.userId });
    refs.request = (await api.raise(requester, hostingModel)).reference;
    refs.approval = (await api.raise(requester, approvalModel)).reference;
    const planned = await t.app.inject({ method: 'POST', url: '/api/assessments', headers: asUser(auditor), payload: { title: 'Internal audit of 8.6', kind: 'internal-audit', scope: '8.6', plannedStart: '2027-01-11' } });
    expect(planned.statusCode, planned.body).toBe(201);
    refs.audit = json<{ reference: string }>(planned).reference;
  });
  afterAll(async () => t?.close());

  it('gives an agent what is assigned to them and their groups\' unassigned work, soonest due first', async () => {
    const page = await start(agent);
    expect(page.sections).toEqual(['work', 'approvals']);
    expect(page.overview).toBeUndefined();
    expect(page.audit).toBeUndefined();
    const work = page.work!;
    expect(work.groups).toEqual(['Hosting']);
    expect(work.assigned.map((i) => i.reference)).toEqual([refs.late, refs.later]);
    expect(work.assigned[0]).toMatchObject({ kind: 'incident', breached: true });
    expect(work.assigned[0]!.dueAt!).toBeLessThan(work.assigned[1]!.dueAt!);
    const unassigned = work.unassigned.map((i) => i.reference);
    expect(unassigned).toContain(refs.open);
    expect(unassigned).toContain(refs.request);
    expect(unassigned).not.toContain(refs.network);
    expect(unassigned).not.toContain(refs.taken);
    expect(unassigned).not.toContain(refs.approval);
  });

  it('shows an approver the requests waiting for their decision', async () => {
    const page = await start(top);
    expect(page.sections).toEqual(['overview', 'approvals']);
    expect(page.approvals!.items.map((i) => i.reference)).toEqual([refs.approval]);
    expect((await start(agent)).approvals!.items).toEqual([]);
    expect((await start(auditor)).approvals).toBeUndefined();
  });

  it('gives the SMS manager the overview, and says there is no assessment rather than showing zero', async () => {
    const page = await start(manager);
    expect(page.sections[0]).toBe('overview');
    const overview = page.overview!;
    expect(overview.readiness!.percentDone).toBe(0);
    expect(overview.assessment).toBeNull();
    expect(overview.audits!.map((a) => a.reference)).toEqual([refs.audit]);
    expect(overview.improvements!.open).toBe(0);
    expect(overview.sla!.target).toBe(95);
    expect(overview.sla!.months).toHaveLength(6);
  });

  it('gives the internal auditor the audits in progress and no one else\'s sections', async () => {
    const page = await start(auditor);
    expect(page.sections).toEqual(['audit']);
    expect(page.work).toBeUndefined();
    expect(page.overview).toBeUndefined();
    expect(page.audit!.inProgress).toMatchObject([{ reference: refs.audit, answered: 0 }]);
    expect(page.audit!.inProgress[0]!.requirements).toBeGreaterThan(0);
    expect(page.audit!.evidence!.assessment.reference).toBe(refs.audit);
  });

  it('refuses a requester, whose start page is the portal', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/start', headers: asUser(requester) });
    expect(res.statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/start' })).statusCode).toBe(401);
  });
});
