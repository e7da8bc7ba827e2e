import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/demo.js';
import { asUser, json, startTestApp, type SignedIn, type TestApp } from '../support/test-app.js';
import { storeNames } from '../support/test-databases.js';

interface Suggestion { requirementId: string; rule: string; outcome: string; explanation: string; evidence: string[] }

/** The Clause 8 rules over the demo organisation, then over records changed through the API. */
describe.each(storeNames())('Clause 8 rules on %s', (store) => {
  let t: TestApp;
  let manager: SignedIn;
  beforeAll(async () => {
    t = await startTestApp(store);
    expect(await loadDemo(t.certus.database, t.certus.assembly)).toBe(true);
    manager = await t.user(['sms-manager', 'incident-problem-manager', 'service-level-manager']);
  }, 300_000);
  afterAll(async () => t?.close());

  const evaluate = async (query: string) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/compliance/evaluation?${query}`, headers: asUser(manager) });
    expect(res.statusCode, res.body).toBe(200);
    return new Map(json<{ items: Suggestion[] }>(res).items.map((s) => [s.requirementId, s]));
  };

  it('judges the demo organisation from its records, citing records that exist', async () => {
    const results = new Map([...await evaluate('clause=8.2'), ...await evaluate('clause=8.3'), ...await evaluate('clause=8.6')]);
    expect(Object.fromEntries([...results].map(([id, r]) => [id, r.outcome]))).toEqual({
      '8.2.4-01': 'conformant',
      '8.3.3-01': 'conformant', '8.3.3-03': 'partial', '8.3.3-04': 'conformant', '8.3.3-05': 'nonconformant',
      '8.6.1-01': 'conformant', '8.6.1-02': 'conformant', '8.6.1-04': 'partial', '8.6.1-05': 'conformant', '8.6.1-06': 'conformant', '8.6.1-07': 'partial',
      '8.6.2-01': 'partial', '8.6.2-02': 'conformant', '8.6.2-03': 'partial',
      // The backup incidents went on as before after PRB-000002 was closed: a gap the demo keeps.
      '8.6.3-01': 'partial', '8.6.3-02': 'conformant', '8.6.3-04': 'nonconformant',
    });
    expect(results.get('8.6.3-04')!.explanation).toMatch(/^Incidents on the same service and category did not fall after closure for any of the 1 problem .*\(PRB-000002: \d+ before, \d+ after\)\.$/);
    // Which demo requests meet their target depends on where the weekends fall before today
    // (96 of 136 on Thursday 3 December 2026, more on other days): the share, not the count, is the point.
    expect(results.get('8.6.2-01')!.explanation).toMatch(/^\d{2,3} of 136 requests fulfilled in the last 12 months \([5-8]\d %\) met their fulfilment target, below the 90 % expected\.$/);
    expect(results.get('8.6.2-03')!.explanation).toMatch(/^Only \d+ of \d+ requests closed in the last 12 months \(\d+ %\) were confirmed and rated by the requester/);
    expect(results.get('8.6.1-01')!.explanation).toMatch(/^369 incidents were recorded in the last 12 months/);
    expect(results.get('8.3.3-03')!.explanation).toContain('1 warning');
    // Every breached clock of the demo's history has its breach record, and nobody has investigated one yet.
    expect(results.get('8.3.3-05')!.explanation).toMatch(/^None of the \d{3} SLA breaches recorded in the last 12 months has been investigated, and \d{3} have been open for more than 30 days \(BRE-\d{6}, /);
    const cited = [...new Set([...results.values()].flatMap((r) => r.evidence))];
    expect(cited.length).toBeGreaterThan(20);
    for (const reference of cited) {
      const res = await t.app.inject({ method: 'GET', url: `/api/references/${reference}`, headers: asUser(manager) });
      expect(res.statusCode, reference).toBe(200);
    }
  });

  it('follows the records: a problem linked to a reviewed major incident, a public update, a breach investigated', async () => {
    const [reviewed, informed, breaches] = [await evaluate('requirement=8.6.1-07'), await evaluate('requirement=8.6.1-04'), await evaluate('requirement=8.3.3-05')];
    const major = reviewed.get('8.6.1-07')!.evidence[0]!;
    const unInformed = /for example (INC-\d{6})/.exec(informed.get('8.6.1-04')!.explanation)![1]!;
    expect(breaches.get('8.3.3-05')!.outcome).toBe('nonconformant');
    const oldestBreach = /\((BRE-\d{6})/.exec(breaches.get('8.3.3-05')!.explanation)![1]!;

    const link = await t.app.inject({ method: 'POST', url: `/api/problems/PRB-000001/links`, headers: asUser(manager), payload: { linkType: 'groups', target: major } });
    expect(link.statusCode, link.body).toBe(201);
    const comment = await t.app.inject({ method: 'POST', url: `/api/incidents/${unInformed}/comments`, headers: asUser(manager), payload: { body: 'Fixed: the VPN concentrator was restarted; please reconnect.', visibility: 'public' } });
    expect(comment.statusCode, comment.body).toBe(201);
    const breach = json<{ version: number }>(await t.app.inject({ method: 'GET', url: `/api/sla-breaches/${oldestBreach}`, headers: asUser(manager) }));
    const investigated = await t.app.inject({ method: 'POST', url: `/api/sla-breaches/${oldestBreach}/transitions`, headers: { ...asUser(manager), 'if-match': `"${breach.version}"` }, payload: { to: 'closed', fields: { cause: 'Carrier fault outside the desk\'s hours', action: 'Raised with Acme Networks at the quarterly review' } } });
    expect(investigated.statusCode, investigated.body).toBe(200);

    expect((await evaluate('requirement=8.6.1-07')).get('8.6.1-07')).toMatchObject({ outcome: 'conformant', explanation: expect.stringContaining('1 is linked to the problem') });
    const afterComment = (await evaluate('requirement=8.6.1-04')).get('8.6.1-04')!;
    // The demo keeps 310 of its 360 callers informed; one more public update counts at once.
    expect(informed.get('8.6.1-04')!.explanation).toMatch(/^Only 310 of 360 resolved incidents/);
    expect(afterComment).toMatchObject({ outcome: 'partial', explanation: expect.stringMatching(/^Only 311 of 360 resolved incidents/) });
    expect(afterComment.explanation).not.toContain(unInformed);
    const afterInvestigation = (await evaluate('requirement=8.3.3-05')).get('8.3.3-05')!;
    expect(afterInvestigation).toMatchObject({ outcome: 'partial', explanation: expect.stringMatching(/^1 of \d{3} SLA breaches recorded in the last 12 months were closed with a cause and an action, but \d{3} have been open/) });
    expect(afterInvestigation.explanation).not.toContain(oldestBreach);
  });

  it('shows the same suggestions beside the requirements in an assessment worksheet', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/assessments', headers: asUser(manager), payload: { title: 'Resolution processes', kind: 'internal-audit', scope: '8.6.1, 8.6.3' } });
    expect(created.statusCode, created.body).toBe(201);
    const { reference } = json<{ reference: string }>(created);
    const res = await t.app.inject({ method: 'GET', url: `/api/assessments/${reference}/worksheet`, headers: asUser(manager) });
    expect(res.statusCode, res.body).toBe(200);
    const rows = json<{ requirements: { id: string; suggestion: (Suggestion & { frozen: boolean }) | null }[] }>(res).requirements;
    const suggested = Object.fromEntries(rows.filter((r) => r.suggestion).map((r) => [r.id, r.suggestion!.outcome]));
    expect(suggested).toEqual({ '8.6.1-01': 'conformant', '8.6.1-02': 'conformant', '8.6.1-04': 'partial', '8.6.1-05': 'conformant', '8.6.1-06': 'conformant', '8.6.1-07': 'conformant', '8.6.3-01': 'partial', '8.6.3-02': 'conformant', '8.6.3-04': 'nonconformant' });
    expect(rows.find((r) => r.id === '8.6.1-03')!.suggestion).toBeNull();
    expect(rows.every((r) => !r.suggestion || r.suggestion.frozen === false)).toBe(true);
  });
});
