import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backfillIncidentClocks } from '../../src/modules/incidents/index.js';
import { recordMissingBreaches, watchSlas } from '../../src/modules/service-levels/index.js';
import { startTestApp, type SignedIn, type TestApp } from '../support/test-app.js';
import { storeNames } from '../support/test-databases.js';
import { h, incidentWith, slaFixture } from './sla-fixture.js';

describe.each(storeNames())('SLA breach records on %s', (store) => {
  let t: TestApp;
  let agent: SignedIn;
  let service = '';
  const resolve = (at: number) => ({ at, to: 'resolved', fields: { resolutionCode: 'fixed', resolutionNotes: 'Fixed' } });
  const breachesOf = (reference: string) => t.certus.database.db.selectFrom('sla_breaches').selectAll().where('incident', '=', reference).orderBy('clock').execute();
  const mails = async () => (await t.certus.database.db.selectFrom('jobs').select('dedupe_key').where('kind', '=', 'notify.email').execute()).map((j) => j.dedupe_key ?? '');

  beforeAll(async () => {
    t = await startTestApp(store);
    const slm = await t.user(['service-level-manager']);
    agent = await t.user(['service-desk-agent']);
    ({ service } = await slaFixture(t, slm, 'Breaches'));
  });
  afterAll(async () => t?.close());

  it('records the breaches of a ticket resolved before the watch saw it, once, without e-mail', async () => {
    const opened = Date.parse('2026-03-02T09:00:00Z');
    // P1 (4 h / 15 min), resolved after 6 h: both clocks breached, the ticket no longer open.
    const incident = await incidentWith(t, agent, { shortDescription: 'Core switch down', impact: 'high', urgency: 'high', service }, opened, [resolve(opened + 6 * h)]);
    await backfillIncidentClocks(t.certus.database.db, opened + 7 * h);
    const before = await mails();
    const now = opened + 8 * h;
    const summary = await watchSlas(t.certus.database, now);
    expect(summary.recorded).toBe(2);
    const breaches = await breachesOf(incident.reference);
    expect(breaches.map((b) => [b.clock, b.priority, b.status, b.breached_at, b.created_at])).toEqual([
      ['resolution', 'P1', 'open', opened + 4 * h, now],
      ['response', 'P1', 'open', opened + 15 * 60_000, now],
    ]);
    expect(await mails()).toEqual(before);
    // Another pass, or a backfill run again, finds nothing missing.
    expect((await watchSlas(t.certus.database, now + 60_000)).recorded).toBe(0);
    expect(await recordMissingBreaches(t.certus.database.db, now + 120_000)).toBe(0);
    expect(await breachesOf(incident.reference)).toHaveLength(2);
  });

  it('keeps one record per ticket and clock when several processes record at once', async () => {
    const opened = Date.parse('2026-03-05T09:00:00Z');
    const incident = await incidentWith(t, agent, { shortDescription: 'Storage array offline', impact: 'high', urgency: 'high', service }, opened, [resolve(opened + 5 * h)]);
    await backfillIncidentClocks(t.certus.database.db, opened + 6 * h);
    const counts = await Promise.all([1, 2, 3].map((n) => recordMissingBreaches(t.certus.database.db, opened + 6 * h + n)));
    expect(counts.reduce((a, n) => a + n, 0)).toBe(2);
    expect((await breachesOf(incident.reference)).map((b) => b.clock)).toEqual(['resolution', 'response']);
  });
});
