import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyHistory } from '../../src/kernel/history/history-verify.js';
import { verifyRecordStates } from '../../src/kernel/records/record-verify.js';
import { asUser, json, startTestApp, type SignedIn, type TestApp } from '../support/test-app.js';
import { storeNames } from '../support/test-databases.js';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/xes');
const sample = readFileSync(path.join(fixtures, 'bpic2013-incidents-sample.xes'));
const badTimestamp = readFileSync(path.join(fixtures, 'bpic2013-incidents-bad-timestamp.xes'));
const closedProblems = readFileSync(path.join(fixtures, 'bpic2013-closed-problems-sample.xes'));

interface Issue { line: number; number: string | null; field: string; reason: string }
interface Run {
  id: string; fileName: string; format: string; mode: string; status: string; checkedBy: string | null; error: string | null;
  progress: { processed: number; total: number | null; percent: number };
  report: null | {
    rows: number; incidents: number; imported: number; alreadyImported: number; issueCount: number; notes: string[]; issues: Issue[];
    xes: null | { kind: string | null; detected: string | null; recordType: string | null; mapping: Record<string, unknown> | null; overrides: Record<string, unknown>; throughput: { cases: number; meanMs: number | null; medianMs: number | null } | null };
  };
}

function multipart(filename: string, content: Buffer) {
  const boundary = '----certus-xes-test';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    content, Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}

const hour = 3_600_000;

describe.each(storeNames())('XES event log import on %s', (store) => {
  let t: TestApp;
  let manager: SignedIn;
  beforeAll(async () => {
    t = await startTestApp(store);
    manager = await t.user(['incident-problem-manager']);
  });
  afterAll(async () => t?.close());

  const upload = (filename: string, content: Buffer, query = '') => {
    const body = multipart(filename, content);
    return t.app.inject({ method: 'POST', url: `/api/incident-imports/xes${query}`, headers: { ...asUser(manager), 'content-type': body.contentType }, payload: body.payload });
  };
  const getRun = async (id: string) => json<Run>(await t.app.inject({ method: 'GET', url: `/api/incident-imports/${id}`, headers: asUser(manager) }));
  const runToEnd = async (filename: string, content: Buffer, query = '') => {
    const res = await upload(filename, content, query);
    expect(res.statusCode, res.body).toBe(202);
    const queued = json<Run>(res);
    expect(res.headers.location).toBe(`/api/incident-imports/${queued.id}`);
    expect(queued).toMatchObject({ status: 'queued', format: 'xes', report: null });
    await t.certus.jobs.runDue();
    return getRun(queued.id);
  };
  const incidents = () => t.certus.database.db.selectFrom('incidents').selectAll().orderBy('external_id').execute();

  it('offers the known kinds of log with their default mappings', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/incident-imports/xes-kinds', headers: asUser(manager) });
    expect(res.statusCode).toBe(200);
    const kinds = json<{ items: { kind: string; recordType: string; mapping: { reference: string; subStatus: string | null } }[] }>(res).items;
    expect(kinds.map((k) => [k.kind, k.recordType])).toEqual([['bpic2013-incidents', 'incidents'], ['bpic2013-problems', 'problems'], ['bpic2014-incident-activity', 'incidents'], ['generic', 'incidents']]);
    expect(kinds[0]!.mapping).toMatchObject({ reference: 'concept:name', subStatus: 'lifecycle:transition' });
  });

  it('rejects a log with a bad timestamp, naming the trace, the attribute and its line, and writes nothing', async () => {
    const run = await runToEnd('bad.xes', badTimestamp, '?dryRun=true');
    expect(run).toMatchObject({ status: 'rejected', report: { incidents: 3, issueCount: 1, imported: 0 } });
    expect(run.report!.issues).toEqual([{ line: 71, number: '1-200', field: 'time:timestamp', reason: '"2012-02-30T09:30:00+01:00" is not an XES date (yyyy-mm-ddThh:mm:ss±hh:mm)' }]);
    const csv = await t.app.inject({ method: 'GET', url: `/api/incident-imports/${run.id}/issues.csv`, headers: asUser(manager) });
    expect(csv.body.trim().split('\n')[1]).toMatch(/^71,1-200,time:timestamp,/);
    expect((await t.app.inject({ method: 'POST', url: `/api/incident-imports/${run.id}/import`, headers: asUser(manager) })).statusCode).toBe(409);
    expect(await incidents()).toEqual([]);
  });

  it('keeps the first 200 issues with the run and lists every one in issues.csv, read again from the stored log', async () => {
    const traces = Array.from({ length: 250 }, (_, i) => `<trace><string key="concept:name" value="1-${5000 + i}"/><event><string key="concept:name" value="Accepted"/><string key="lifecycle:transition" value="In Progress"/><date key="time:timestamp" value="2012-13-01T00:00:00Z"/></event></trace>`);
    const log = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n<log xmlns="http://www.xes-standard.org/">\n${traces.join('\n')}\n</log>\n`);
    const run = await runToEnd('many-problems.xes.gz', gzipSync(log), '?dryRun=true&kind=bpic2013-incidents');
    expect(run.report).toMatchObject({ incidents: 250, issueCount: 250 });
    expect(run.report!.issues.length).toBe(200);
    const csv = await t.app.inject({ method: 'GET', url: `/api/incident-imports/${run.id}/issues.csv`, headers: asUser(manager) });
    const lines = csv.body.trim().split('\n').slice(1);
    expect(lines.length).toBe(250);
    expect(lines[249]).toBe('252,1-5249,time:timestamp,"""2012-13-01T00:00:00Z"" is not an XES date (yyyy-mm-ddThh:mm:ss±hh:mm)"');
  });

  it('checks a gzip log in a dry run: detected kind, mapping and throughput, nothing written', async () => {
    const dry = await runToEnd('sample.xes.gz', gzipSync(sample), '?dryRun=true');
    expect(dry).toMatchObject({ status: 'succeeded', mode: 'dry-run', progress: { processed: 11, total: 11, percent: 100 }, report: { rows: 11, incidents: 3, issueCount: 0, imported: 0 } });
    expect(dry.report!.xes).toMatchObject({ kind: 'bpic2013-incidents', detected: 'bpic2013-incidents', recordType: 'incidents', mapping: { reference: 'concept:name', status: 'concept:name', subStatus: 'lifecycle:transition', group: 'org:group' } });
    expect(dry.report!.xes!.throughput).toEqual({ cases: 3, meanMs: Math.round((72 * hour + 48 * hour + 2 * hour) / 3), medianMs: 48 * hour });
    expect(dry.report!.notes.join(' ')).toContain('Throughput (first event to last) of 3 incidents: mean 40.7 hours, median 2 days.');
    expect(await incidents()).toEqual([]);
  });

  it('imports each trace as an incident with its events as history, then a re-run writes no duplicates', async () => {
    const run = await runToEnd('sample.xes', sample);
    expect(run).toMatchObject({ status: 'succeeded', mode: 'import', report: { incidents: 3, imported: 3, alreadyImported: 0 } });
    const rows = await incidents();
    expect(rows.map((r) => [r.external_id, r.status, r.priority, r.assignment_group, r.source])).toEqual([
      ['1-100', 'closed', 'P3', 'G2', 'xes:bpic2013-incidents'],
      ['1-200', 'closed', 'P2', 'G1', 'xes:bpic2013-incidents'],
      ['1-300', 'awaiting-supplier', 'P4', 'G3', 'xes:bpic2013-incidents'],
    ]);
    expect(rows.map((r) => [new Date(r.created_at).toISOString(), r.resolved_at && new Date(r.resolved_at).toISOString(), r.closed_at && new Date(r.closed_at).toISOString()])).toEqual([
      ['2012-01-02T08:00:00.000Z', '2012-01-03T08:00:00.000Z', '2012-01-05T08:00:00.000Z'],
      ['2012-02-01T07:00:00.000Z', '2012-02-03T07:00:00.000Z', '2012-02-03T07:00:00.000Z'],
      ['2012-03-01T09:00:00.000Z', null, null],
    ]);
    const history = json<{ items: { kind: string; at: string; data: { to?: string; activity?: string } }[] }>(await t.app.inject({ method: 'GET', url: `/api/incidents/${rows[0]!.reference}/history`, headers: asUser(manager) }));
    expect(history.items.map((e) => [e.kind, e.data.to ?? null, e.data.activity ?? null])).toEqual([
      ['created', null, null], ['transitioned', 'assigned', 'Queued – Awaiting Assignment'], ['transitioned', 'in-progress', 'Accepted – In Progress'],
      ['transitioned', 'resolved', 'Completed – Resolved'], ['transitioned', 'closed', 'Completed – Closed'],
    ]);
    expect((await verifyHistory(t.certus.database.db)).problems).toEqual([]);
    expect((await verifyRecordStates(t.certus.database.db, t.certus.assembly.registry)).problems).toEqual([]);

    const again = await runToEnd('sample-again.xes.gz', gzipSync(sample));
    expect(again).toMatchObject({ status: 'succeeded', report: { imported: 0, alreadyImported: 3 } });
    expect((await incidents()).length).toBe(3);
  });

  it('imports the file of a clean dry run with the mapping the request chose', async () => {
    const dry = await runToEnd('sample-override.xes', sample, '?dryRun=true&kind=generic&group=-&subStatus=lifecycle:transition');
    expect(dry.report!.xes).toMatchObject({ kind: 'generic', detected: 'bpic2013-incidents', overrides: { kind: 'generic', group: '-' }, mapping: { group: null } });
    expect(dry.report!.notes[0]).toContain('chosen; the file looks like the BPI Challenge 2013 incident log');
    const queued = await t.app.inject({ method: 'POST', url: `/api/incident-imports/${dry.id}/import`, headers: asUser(manager) });
    expect(queued.statusCode, queued.body).toBe(202);
    await t.certus.jobs.runDue();
    const run = await getRun(json<Run>(queued).id);
    expect(run).toMatchObject({ status: 'succeeded', checkedBy: dry.id, report: { imported: 3, xes: { kind: 'generic', mapping: { group: null } } } });
    const generic = (await incidents()).filter((r) => r.source === 'xes:generic');
    expect(generic.map((r) => [r.external_id, r.assignment_group])).toEqual([['1-100', null], ['1-200', null], ['1-300', null]]);
  });

  it('imports a problem log as problems, closed when the log closes them, once', async () => {
    const run = await runToEnd('closed_problems.xes', closedProblems);
    expect(run).toMatchObject({ status: 'succeeded', report: { incidents: 2, imported: 2, xes: { kind: 'bpic2013-problems', recordType: 'problems', mapping: { statusSeparator: '-' } } } });
    const problems = await t.certus.database.db.selectFrom('problems').selectAll().orderBy('external_id').execute();
    expect(problems.map((p) => [p.external_id, p.status, p.closed_at && new Date(p.closed_at).toISOString(), p.root_cause, p.source])).toEqual([
      ['1-900', 'closed', '2011-05-10T07:00:00.000Z', null, 'xes:bpic2013-problems'],
      ['1-901', 'investigating', null, null, 'xes:bpic2013-problems'],
    ]);
    expect((await verifyRecordStates(t.certus.database.db, t.certus.assembly.registry)).problems).toEqual([]);
    const again = await runToEnd('closed_problems.xes', closedProblems);
    expect(again).toMatchObject({ status: 'succeeded', report: { imported: 0, alreadyImported: 2 } });
  });

  it('refuses a file that is not an XES log, and a bad override, as problems naming the field', async () => {
    const cases = [
      { res: await upload('export.xes', Buffer.from('number,state\nINC1,New\n')), status: 415, field: 'file', reason: 'it is not XML' },
      { res: await upload('export.xes', Buffer.from('<?xml version="1.0"?><html/>')), status: 415, field: 'file', reason: 'its root element is <html>, not <log>' },
      { res: await upload('export.xes.gz', sample), status: 415, field: 'file', reason: 'is named .gz but is not gzip' },
      { res: await upload('export.csv', sample), status: 415, field: 'file', reason: 'is not a .xes or .xes.gz file' },
      { res: await upload('export.xes', Buffer.alloc(0)), status: 400, field: 'file', reason: 'is empty' },
      { res: await upload('export.xes', sample, '?kind=bpic2099'), status: 400, field: 'kind', reason: '' },
      { res: await upload('export.xes', sample, '?colour=blue'), status: 400, field: 'colour', reason: '' },
    ];
    for (const { res, status, field, reason } of cases) {
      expect(res.statusCode, res.body).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      const problem = json<{ errors: { field: string; reason: string }[] }>(res);
      expect(problem.errors.map((e) => e.field).join(' ')).toContain(field);
      expect(problem.errors.map((e) => e.reason).join(' ')).toContain(reason);
      expect(res.body).not.toContain('INC1,New');
    }
  });

  it('describes the XES routes in the OpenAPI document', async () => {
    const doc = json<{ paths: Record<string, Record<string, { operationId: string }>> }>(await t.app.inject({ method: 'GET', url: '/api/openapi.json' }));
    expect(doc.paths['/api/incident-imports/xes']!.post!.operationId).toBe('start-xes-import');
    expect(doc.paths['/api/incident-imports/xes-kinds']!.get!.operationId).toBe('list-xes-kinds');
  });
});
