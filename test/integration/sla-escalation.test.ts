import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import { assemble, jobRunnerFor } from '../../src/certus.js';
import { listHistory } from '../../src/kernel/history/history.service.js';
import { watchSlas } from '../../src/modules/service-levels/index.js';
import { asUser, json, startTestApp, type SignedIn, type TestApp } from '../support/test-app.js';
import { storeNames } from '../support/test-databases.js';
import { h, incidentWith, slaFixture } from './sla-fixture.js';

interface Mail { to: string; subject: string }

describe.each(storeNames())('incident escalation on %s', (store) => {
  let smtp: SMTPServer;
  const received: Mail[] = [];
  let t: TestApp;
  let manager: SignedIn;
  let agent: SignedIn;
  let service = '';

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
      onData(stream, session, callback) {
        simpleParser(stream).then((mail) => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address).sort().join(','), subject: mail.subject ?? '' });
          callback();
        }, callback);
      },
    });
    smtp.listen(0, '127.0.0.1');
    await once(smtp.server, 'listening');
    const port = (smtp.server.address() as AddressInfo).port;
    t = await startTestApp(store, { env: { CERTUS_SMTP_URL: `smtp://127.0.0.1:${port}`, CERTUS_MAIL_FROM: 'Certus <certus@northwind.example>' } });
    const slm = await t.user(['service-level-manager'], `slm.${store}@escalation.example`);
    manager = await t.user(['incident-problem-manager'], `ipm.${store}@escalation.example`);
    await t.user(['sms-manager'], `sms.${store}@escalation.example`);
    agent = await t.user(['service-desk-agent'], `agent.${store}@escalation.example`);
    service = (await slaFixture(t, slm, 'Escalation')).service;
    // The service owner hears at level 3.
    const owner = await t.user(['service-desk-agent'], `owner.${store}@escalation.example`);
    const svc = json<{ id: string; version: number }>(await t.app.inject({ method: 'GET', url: `/api/services/${service}`, headers: asUser(slm) }));
    const patched = await t.app.inject({ method: 'PATCH', url: `/api/services/${svc.id}`, headers: { ...asUser(slm), 'if-match': `"${svc.version}"` }, payload: { serviceOwner: owner.userId } });
    expect(patched.statusCode, patched.body).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  const settings = (headers: Record<string, string>, payload?: unknown) => t.app.inject({ method: payload === undefined ? 'GET' : 'PUT', url: '/api/incident-settings/escalation', headers: { ...asUser(manager), ...headers }, payload: payload as Record<string, unknown> });

  it('validates escalation settings, naming the field, and guards them with ETags', async () => {
    const read = await settings({});
    expect(read.statusCode).toBe(200);
    expect(read.headers.etag).toBe('"0"');
    const body = read.json<{ levels: { when: string; percent?: number; notify: string[] }[]; groupAddresses: Record<string, string> }>();
    expect(body.levels.map((l) => l.when)).toEqual(['at-risk', 'breached', 'elapsed']);
    const next = { ...body, groupAddresses: { 'Service desk': 'desk@escalation.example' } };
    expect((await settings({}, next)).statusCode).toBe(428);
    const bad = await settings({ 'if-match': '"0"' }, { ...next, levels: [...body.levels.slice(0, 2), { when: 'elapsed', percent: -5, notify: ['sms-manager'] }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toEqual(['levels[2].percent']);
    const unknown = await settings({ 'if-match': '"0"' }, { ...next, levels: [{ when: 'at-risk', notify: ['the-board'] }] });
    expect(unknown.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toEqual(['levels[0].notify[0]']);
    const saved = await settings({ 'if-match': '"0"' }, next);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.headers.etag).toBe('"1"');
    expect((await settings({ 'if-match': '"0"' }, next)).statusCode).toBe(412);
    const history = await listHistory(t.certus.database.db, 'incident-escalation-settings');
    expect(history.map((e) => e.kind)).toEqual(['updated']);
    const agentPut = await t.app.inject({ method: 'PUT', url: '/api/incident-settings/escalation', headers: { ...asUser(agent), 'if-match': '"1"' }, payload: next });
    expect(agentPut.statusCode).toBe(403);
  });

  it('escalates through levels 1, 2 and 3, telling the right people, each step in the incident\'s history', async () => {
    const { db } = t.certus.database;
    const start = Date.parse('2026-05-04T09:00:00Z');
    // P3: 8 h resolution target; at risk at 6 h, breached at 8 h, level 3 at 150% = 12 h.
    const incident = await incidentWith(t, agent, { shortDescription: 'Ticketing system slow', impact: 'medium', urgency: 'medium', service }, start, [
      { at: start + 60_000, to: 'assigned', fields: { assignmentGroup: 'Service desk', assigneeId: agent.userId } },
    ]);
    const level = async () => (await db.selectFrom('incidents').select('escalation_level').where('id', '=', incident.id).executeTakeFirstOrThrow()).escalation_level;
    await watchSlas(t.certus.database, start + 2 * h);
    expect(await level()).toBeNull();
    expect((await watchSlas(t.certus.database, start + 6 * h + 1000)).escalated).toBe(1);
    expect(await level()).toBe(1);
    await watchSlas(t.certus.database, start + 7 * h);
    expect(await level()).toBe(1);
    await watchSlas(t.certus.database, start + 8 * h + 1000);
    expect(await level()).toBe(2);
    const snapshot = await db.selectFrom('incident_sla_clocks').select('escalate_at').where('incident_id', '=', incident.id).where('clock_id', '=', 'resolution').executeTakeFirstOrThrow();
    expect(snapshot.escalate_at).toBe(start + 12 * h);
    await watchSlas(t.certus.database, start + 12 * h);
    expect(await level()).toBe(3);
    await watchSlas(t.certus.database, start + 13 * h);

    const runner = await jobRunnerFor(t.certus.database, assemble(), t.store.config);
    expect((await runner.runDue()).failed).toBe(0);
    const escalations = received.filter((m) => m.subject.startsWith(`${incident.reference} escalated`)).sort((a, b) => a.subject.localeCompare(b.subject));
    expect(escalations).toEqual([
      { subject: `${incident.reference} escalated to level 1: at risk of missing its resolution target`, to: [`agent.${store}@escalation.example`, 'desk@escalation.example'].sort().join(',') },
      { subject: `${incident.reference} escalated to level 2: past its resolution target`, to: [`ipm.${store}@escalation.example`, `slm.${store}@escalation.example`].sort().join(',') },
      { subject: `${incident.reference} escalated to level 3: has used 150% of its resolution target`, to: [`owner.${store}@escalation.example`, `sms.${store}@escalation.example`].sort().join(',') },
    ]);
    const history = await listHistory(db, incident.id);
    const changes = history.flatMap((e) => ((e.data.changes ?? []) as { field: string; to: unknown }[]).filter((c) => c.field === 'escalationLevel').map((c) => [c.to, e.at]));
    expect(changes).toEqual([[1, start + 6 * h + 1000], [2, start + 8 * h + 1000], [3, start + 12 * h]]);
    const detail = json<{ escalationLevel: number }>(await t.app.inject({ method: 'GET', url: `/api/incidents/${incident.id}`, headers: asUser(agent) }));
    expect(detail.escalationLevel).toBe(3);
  });
});
