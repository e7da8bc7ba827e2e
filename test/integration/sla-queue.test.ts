import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watchSlas } from '../../src/modules/service-levels/index.js';
import { asUser, json, startTestApp, type SignedIn, type TestApp } from '../support/test-app.js';
import { storeNames } from '../support/test-databases.js';
import { h, incidentWith, slaFixture } from './sla-fixture.js';
import { liveService } from './catalogue-fixture.js';

interface QueueItem {
  reference: string;
  priority: string;
  createdAt: number;
  clock: { clockId: string; status: string; pauseReason: string | null; dueAt: number | null; remainingMillis: number | null; percentUsed: number | null; atRisk: boolean; breached: boolean; breachedAt: number | null } | null;
}
interface QueuePage { items: QueueItem[]; nextCursor: string | null; now: number }

describe.each(storeNames())('agent queue on %s', (store) => {
  let t: TestApp;
  let agent: SignedIn;
  let other: SignedIn;
  const refs: Record<string, string> = {};
  let now = 0;
  const queue = async (query = '', user = agent) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/incident-queue${query}`, headers: asUser(user) });
    expect(res.statusCode, res.body).toBe(200);
    return json<QueuePage>(res);
  };
  const names = (page: QueuePage) => page.items.map((i) => Object.entries(refs).find(([, r]) => r === i.reference)?.[0] ?? i.reference);

  beforeAll(async () => {
    t = await startTestApp(store);
    const slm = await t.user(['service-level-manager']);
    agent = await t.user(['service-desk-agent']);
    other = await t.user(['service-desk-agent']);
    const { service } = await slaFixture(t, slm, 'Queue');
    const withoutSla = await liveService(t, slm, 'Printing');
    now = Date.now();
    const assign = (at: number, who: SignedIn, group: string) => ({ at, to: 'assigned', fields: { assignmentGroup: group, assigneeId: who.userId } });
    // A: P1, 4 h target, 5 h gone: breached an hour ago.
    refs.A = (await incidentWith(t, agent, { shortDescription: 'Core switch down', impact: 'high', urgency: 'high', service }, now - 5 * h, [assign(now - 5 * h + 60_000, other, 'Network')])).reference;
    // B: P3, 8 h target, 7 h gone: at risk (87.5%), due in an hour.
    refs.B = (await incidentWith(t, agent, { shortDescription: 'Slow VPN', impact: 'medium', urgency: 'medium', service }, now - 7 * h, [assign(now - 7 * h + 60_000, other, 'Network')])).reference;
    // C: P2, 8 h target, 1 h gone, mine.
    refs.C = (await incidentWith(t, agent, { shortDescription: 'Shared drive read-only', impact: 'high', urgency: 'medium', service }, now - h, [assign(now - h + 60_000, agent, 'Hosting')])).reference;
    // D: P4, waiting for the caller.
    refs.D = (await incidentWith(t, agent, { shortDescription: 'New mouse please', impact: 'low', urgency: 'low', service }, now - 2 * h, [{ at: now - 1.5 * h, to: 'in-progress' }, { at: now - h, to: 'awaiting-caller' }])).reference;
    // E: on a service without an SLA: no clock.
    refs.E = (await incidentWith(t, agent, { shortDescription: 'Odd noise from printer', impact: 'medium', urgency: 'medium', service: withoutSla }, now - 3 * h)).reference;
    // F: resolved, so not in the queue.
    refs.F = (await incidentWith(t, agent, { shortDescription: 'Password reset', impact: 'low', urgency: 'medium', service }, now - 4 * h, [{ at: now - 3 * h, to: 'resolved', fields: { resolutionCode: 'fixed', resolutionNotes: 'Reset' } }])).reference;
    await watchSlas(t.certus.database, now);
  });
  afterAll(async () => t?.close());

  it('orders open incidents by when their lead clock breaches, with live flags', async () => {
    const page = await queue();
    expect(names(page)).toEqual(['A', 'B', 'C', ...[refs.D, refs.E].sort().map((r) => (r === refs.D ? 'D' : 'E'))]);
    const [a, b, c] = page.items;
    expect(a!.clock).toMatchObject({ clockId: 'resolution', status: 'running', breached: true, atRisk: false, breachedAt: now - h, remainingMillis: 0 });
    expect(b!.clock).toMatchObject({ breached: false, atRisk: true, dueAt: now + h });
    expect(b!.clock!.percentUsed).toBeGreaterThanOrEqual(87.5);
    expect(b!.clock!.percentUsed).toBeLessThan(88);
    expect(c!.clock).toMatchObject({ atRisk: false, breached: false, dueAt: now + 7 * h });
    const d = page.items.find((i) => i.reference === refs.D)!;
    expect(d.clock).toMatchObject({ status: 'paused', pauseReason: 'awaiting-caller', dueAt: null, breached: false });
    expect(page.items.find((i) => i.reference === refs.E)!.clock).toBeNull();
  });

  it('filters by priority, group, assignee, at risk and breached', async () => {
    expect(names(await queue('?priority=P1,P2'))).toEqual(['A', 'C']);
    expect(names(await queue('?assignmentGroup=Network'))).toEqual(['A', 'B']);
    expect(names(await queue('?assigneeId=me'))).toEqual(['C']);
    expect(names(await queue('?assigneeId=me', other))).toEqual(['A', 'B']);
    expect(names(await queue('?atRisk=true'))).toEqual(['B']);
    expect(names(await queue('?breached=true'))).toEqual(['A']);
    expect(names(await queue('?atRisk=true&breached=true'))).toEqual(['A', 'B']);
  });

  it('sorts by priority or age and pages with a cursor', async () => {
    expect(names(await queue('?sort=priority'))).toEqual(['A', 'C', 'B', 'E', 'D']);
    expect(names(await queue('?sort=created'))).toEqual(['B', 'A', 'E', 'D', 'C']);
    for (const sort of ['due', 'priority', 'created']) {
      const all = names(await queue(`?sort=${sort}`));
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: QueuePage = await queue(`?sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...names(page));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(all);
    }
  });

  it('exports the filtered queue as CSV, with the escalation level', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/incident-queue?format=csv&priority=P1,P2', headers: asUser(agent) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const [header, ...rows] = res.body.trim().split('\n');
    expect(header!.split(',').slice(0, 3)).toEqual(['reference', 'shortDescription', 'priority']);
    expect(rows.map((r) => r.split(',')[0])).toEqual([refs.A, refs.C]);
    // The watch ran once: A's resolution clock had breached, so it is at level 2.
    expect((await queue('?priority=P1')).items[0]).toMatchObject({ reference: refs.A, escalationLevel: 2 });
  });

  it('recomputes an incident changed since the watch last looked', async () => {
    const current = json<{ id: string; version: number }>(await t.app.inject({ method: 'GET', url: `/api/incidents/${refs.B}`, headers: asUser(agent) }));
    const res = await t.app.inject({ method: 'PATCH', url: `/api/incidents/${current.id}`, headers: { ...asUser(agent), 'if-match': `"${current.version}"` }, payload: { impact: 'high', urgency: 'high' } });
    expect(res.statusCode, res.body).toBe(200);
    const b = (await queue()).items.find((i) => i.reference === refs.B)!;
    // Now P1: its 4 h target passed 3 h ago.
    expect(b).toMatchObject({ priority: 'P1', clock: { breached: true, breachedAt: now - 3 * h } });
  });

  it('names the field of a bad filter or cursor, and is for staff only', async () => {
    const bad = await t.app.inject({ method: 'GET', url: '/api/incident-queue?priority=P9', headers: asUser(agent) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ errors: { field: string }[] }>().errors[0]!.field).toBe('priority');
    const cursor = await t.app.inject({ method: 'GET', url: '/api/incident-queue?cursor=nonsense', headers: asUser(agent) });
    expect(cursor.statusCode).toBe(400);
    expect(cursor.json<{ errors: { field: string }[] }>().errors[0]!.field).toBe('cursor');
    const requester = await t.user(['requester']);
    expect((await t.app.inject({ method: 'GET', url: '/api/incident-queue', headers: asUser(requester) })).statusCode).toBe(403);
  });
});
