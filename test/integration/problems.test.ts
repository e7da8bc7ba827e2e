import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { principalOfUser } from '../../src/platform/auth/principals.js';
import { createRecord } from '../../src/kernel/records/record.service.js';
import { incidentRecord } from '../../src/modules/incidents/index.js';
import { detectRecurrence } from '../../src/modules/problems/index.js';
import { asUser, json, startTestApp, type SignedIn, type TestApp } from '../support/test-app.js';
import { storeNames } from '../support/test-databases.js';
import { liveService } from './catalogue-fixture.js';

interface Problem { id: string; reference: string; version: number; status: string; knownError: boolean | null; closedAt: string | null; recurrences: number | null }

describe.each(storeNames())('problems on %s', (store) => {
  let t: TestApp;
  let manager: SignedIn;
  let agent: SignedIn;
  let mail = '';
  let printing = '';
  beforeAll(async () => {
    t = await startTestApp(store);
    manager = await t.user(['incident-problem-manager']);
    agent = await t.user(['service-desk-agent']);
    const catalogueEditor = await t.user(['sms-manager']);
    mail = await liveService(t, catalogueEditor, 'Mail relay');
    printing = await liveService(t, catalogueEditor, 'Printing');
  });
  afterAll(async () => t?.close());

  const raise = async (extra: Record<string, unknown> = {}) => json<Problem>(await t.app.inject({ method: 'POST', url: '/api/problems', headers: asUser(manager), payload: { title: 'Mail relay drops messages', category: 'software', priority: 'P2', service: mail, ...extra } }));
  const move = async (p: Problem, to: string, fields: Record<string, unknown> = {}, who = manager) => {
    const res = await t.app.inject({ method: 'POST', url: `/api/problems/${p.id}/transitions`, headers: { ...asUser(who), 'if-match': `"${p.version}"` }, payload: { to, fields } });
    return { res, body: json<Problem>(res) };
  };

  it('records a known error with its workaround, which agents find in the known-error database', async () => {
    let p = await raise();
    const early = await move(p, 'known-error', { rootCause: 'Queue full' });
    expect(json<{ errors: { field: string }[] }>(early.res).errors.map((e) => e.field)).toEqual(['workaround']);
    p = (await move(p, 'known-error', { rootCause: 'Relay queue fills when the spam filter stalls', workaround: 'Restart the filter service, then flush the relay queue' })).body;
    expect(p.knownError).toBe(true);
    const kedb = json<{ items: { reference: string }[] }>(await t.app.inject({ method: 'GET', url: '/api/problems?knownError=true&q=flush%20the%20relay', headers: asUser(agent) }));
    expect(kedb.items.map((i) => i.reference)).toEqual([p.reference]);
  });

  it('closes only with a root cause, or with a justified reason why there is none', async () => {
    let p = await raise({ title: 'Intermittent VPN drops' });
    p = (await move(p, 'investigating')).body;
    const bare = await move(p, 'closed', { closureReason: 'cause-removed' });
    expect(json<{ errors: { field: string }[] }>(bare.res).errors[0]!.field).toBe('rootCause');
    const unjustified = await move(p, 'closed', { closureReason: 'no-root-cause-found' });
    expect(json<{ errors: { field: string }[] }>(unjustified.res).errors[0]!.field).toBe('closureJustification');
    const closed = await move(p, 'closed', { closureReason: 'no-root-cause-found', closureJustification: 'Not seen for 90 days after the carrier replaced a line card; monitoring stays on.' });
    expect(closed.body.status).toBe('closed');
    expect(closed.body.closedAt).not.toBeNull();
    expect((await move(p, 'closed', {}, agent)).res.statusCode).toBe(412);
  });

  it('proposes problems from incident trends and flags recurrence after closure', async () => {
    const { db } = t.certus.database;
    const principal = await principalOfUser(db, agent.userId);
    const now = Date.now();
    for (let i = 0; i < 4; i++) {
      await db.transaction().execute((trx) => createRecord(trx, incidentRecord, principal, { shortDescription: `Printer jam ${i}`, category: 'hardware', impact: 'low', urgency: 'low', service: printing }, now - (i + 1) * 86_400_000));
    }
    const proposals = json<{ items: { service: string; category: string; count: number; openProblem: string | null }[] }>(await t.app.inject({ method: 'GET', url: '/api/problem-proposals?days=30&threshold=3', headers: asUser(manager) }));
    expect(proposals.items).toContainEqual(expect.objectContaining({ service: printing, category: 'hardware', count: 4, openProblem: null }));

    let p = await raise({ title: 'Printers jam', category: 'hardware', service: printing });
    const covered = json<{ items: { service: string; openProblem: string | null }[] }>(await t.app.inject({ method: 'GET', url: '/api/problem-proposals?days=30&threshold=3', headers: asUser(manager) }));
    expect(covered.items.find((i) => i.service === printing)!.openProblem).toBe(p.reference);
    p = (await move(p, 'closed', { closureReason: 'cause-removed', rootCause: 'Worn rollers' })).body;
    expect(await detectRecurrence(t.certus.database)).toBe(0);
    await db.transaction().execute((trx) => createRecord(trx, incidentRecord, principal, { shortDescription: 'Printer jam again', category: 'hardware', impact: 'low', urgency: 'low', service: printing }, Date.now() + 1000));
    expect(await detectRecurrence(t.certus.database, Date.now() + 2000)).toBe(1);
    const after = json<Problem>(await t.app.inject({ method: 'GET', url: `/api/problems/${p.id}`, headers: asUser(manager) }));
    expect(after.recurrences).toBe(1);
    const forced = await t.app.inject({ method: 'PATCH', url: `/api/problems/${p.id}`, headers: { ...asUser(manager), 'if-match': `"${after.version}"` }, payload: { recurrences: 0 } });
    expect(forced.statusCode).toBe(400);
  });
});
