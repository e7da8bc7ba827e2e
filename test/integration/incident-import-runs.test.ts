import { readFileSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyHistory } from '../../src/kernel/history/history-verify.js';
import { asUser, json, startTestApp, type SignedIn, type TestApp } from '../support/test-app.js';
import { storeNames } from '../support/test-databases.js';

const fixtures = path.resolve(import.meta.dirname, '../fixtures');
const malformed = readFileSync(path.join(fixtures, 'servicenow-malformed.csv'));
const clean = readFileSync(path.join(fixtures, 'servicenow-clean.csv'));
const maxImportBytes = 200_000;

interface Issue { line: number; number: string | null; field: string; reason: string }
interface Run {
  id: string; fileName: string; mode: string; status: string; phase: string | null; checkedBy: string | null; error: string | null;
  uploadedBy: { id: string; name: string };
  progress: { processed: number; total: number | null; totalIsEstimate: boolean; percent: number; rowsPerSecond: number | null };
  report: null | { rows: number; incidents: number; imported: number; alreadyImported: number; issueCount: number; notes: string[]; issues: Issue[] };
}

function multipart(filename: string, content: Buffer, field = 'file') {
  const boundary = '----certus-import-test';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    content, Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}

/** A one-entry zip (deflated), as an export tool would write it. */
function zipOf(name: string, content: Buffer): Buffer {
  const data = deflateRawSync(content);
  const nameBytes = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc32(content), 14); local.writeUInt32LE(data.length, 18); local.writeUInt32LE(content.length, 22); local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc32(content), 16); central.writeUInt32LE(data.length, 20); central.writeUInt32LE(content.length, 24); central.writeUInt16LE(nameBytes.length, 28);
  const centralAt = local.length + nameBytes.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(1, 8); end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + nameBytes.length, 12); end.writeUInt32LE(centralAt, 16);
  return Buffer.concat([local, nameBytes, data, central, nameBytes, end]);
}

describe.each(storeNames())('incident import runs on %s', (store) => {
  let t: TestApp;
  let manager: SignedIn;
  beforeAll(async () => {
    t = await startTestApp(store, { env: { CERTUS_MAX_IMPORT_BYTES: String(maxImportBytes) } });
    manager = await t.user(['incident-problem-manager']);
  });
  afterAll(async () => t?.close());

  const upload = (filename: string, content: Buffer, options: { dryRun?: boolean; user?: SignedIn; field?: string } = {}) => {
    const body = multipart(filename, content, options.field);
    return t.app.inject({ method: 'POST', url: `/api/incident-imports${options.dryRun ? '?dryRun=true' : ''}`, headers: { ...asUser(options.user ?? manager), 'content-type': body.contentType }, payload: body.payload });
  };
  const getRun = async (id: string) => json<Run>(await t.app.inject({ method: 'GET', url: `/api/incident-imports/${id}`, headers: asUser(manager) }));
  /** Queues the upload and runs the job queue once, as the server's job runner would. */
  const runToEnd = async (filename: string, content: Buffer, dryRun: boolean) => {
    const res = await upload(filename, content, { dryRun });
    expect(res.statusCode, res.body).toBe(202);
    const queued = json<Run>(res);
    expect(res.headers.location).toBe(`/api/incident-imports/${queued.id}`);
    expect(queued).toMatchObject({ status: 'queued', mode: dryRun ? 'dry-run' : 'import', fileName: filename, report: null });
    await t.certus.jobs.runDue();
    return getRun(queued.id);
  };
  const incidentCount = async () => (await t.certus.database.db.selectFrom('incidents').select('id').execute()).length;

  it('rejects a dry run of a malformed export, listing each issue with its line and field, and writes nothing', async () => {
    const run = await runToEnd('malformed.csv', malformed, true);
    expect(run).toMatchObject({ status: 'rejected', phase: null, error: null, uploadedBy: { id: manager.userId } });
    expect(run.report).toMatchObject({ rows: 15, incidents: 3, issueCount: 5, imported: 0 });
    expect(run.progress).toMatchObject({ processed: 15, total: 15, totalIsEstimate: false, percent: 100 });
    expect(run.report!.issues.map((i) => `${i.line}:${i.number}:${i.field}`)).toEqual(['3:INC0000001:opened_at', '7:INC0000002:incident_state', '10:INC0000002:reopen_count', '14:INC0000003:impact', '16:INC0000004:row']);
    expect(run.report!.issues[0]!.reason).toContain('31/2/2016 08:00');
    expect(await incidentCount()).toBe(0);

    const csv = await t.app.inject({ method: 'GET', url: `/api/incident-imports/${run.id}/issues.csv`, headers: asUser(manager) });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toBe('line,number,field,reason');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 3).join(','))).toEqual(['3,INC0000001,opened_at', '7,INC0000002,incident_state', '10,INC0000002,reopen_count', '14,INC0000003,impact', '16,INC0000004,row']);

    const importIt = await t.app.inject({ method: 'POST', url: `/api/incident-imports/${run.id}/import`, headers: asUser(manager) });
    expect(importIt.statusCode).toBe(409);
    expect(json<{ detail: string }>(importIt).detail).toContain('rejected');
  });

  it('rejects an import of a file with problems as a whole: nothing is written', async () => {
    const run = await runToEnd('malformed.csv', malformed, false);
    expect(run).toMatchObject({ status: 'rejected', mode: 'import', report: { issueCount: 5, imported: 0 } });
    expect(await incidentCount()).toBe(0);
  });

  it('keeps the first 200 issues with the run and lists every one in issues.csv', async () => {
    const [header, row] = clean.toString('utf8').split('\n');
    const rows = Array.from({ length: 250 }, (_, i) => row!.replace('INC0000001', `INC${1_000_000 + i}`).replace(',2 - Medium,2 - Medium,', ',Severe,2 - Medium,'));
    const run = await runToEnd('many-problems.csv', Buffer.from([header, ...rows].join('\n')), true);
    expect(run.report).toMatchObject({ rows: 250, issueCount: 250 });
    expect(run.report!.issues.length).toBe(200);
    const csv = await t.app.inject({ method: 'GET', url: `/api/incident-imports/${run.id}/issues.csv`, headers: asUser(manager) });
    const lines = csv.body.trim().split('\n').slice(1);
    expect(lines.length).toBe(250);
    expect(lines[249]).toBe('251,INC1000249,impact,"""Severe"" is not 1 - High, 2 - Medium or 3 - Low"');
  });

  it('rejects a file that is not a ServiceNow export, naming the file as the problem', async () => {
    const run = await runToEnd('other.csv', Buffer.from('id,title\n1,Printer on fire\n'), true);
    expect(run.status).toBe('rejected');
    expect(run.report!.issues).toEqual([{ line: 1, number: null, field: 'file', reason: expect.stringContaining('missing columns number, incident_state') as string }]);
  });

  it('checks a clean export, then imports the checked file with each incident\'s history', async () => {
    const dry = await runToEnd('clean.zip', zipOf('servicenow-clean.csv', clean), true);
    expect(dry).toMatchObject({ status: 'succeeded', mode: 'dry-run', report: { rows: 14, incidents: 3, imported: 0, alreadyImported: 0, issueCount: 0, issues: [] } });
    expect(dry.progress).toMatchObject({ processed: 14, total: 14, totalIsEstimate: false, percent: 100 });
    expect(dry.report!.notes.join(' ')).toContain('1 row(s) carry state -100');
    expect(await incidentCount()).toBe(0);

    const queued = await t.app.inject({ method: 'POST', url: `/api/incident-imports/${dry.id}/import`, headers: asUser(manager) });
    expect(queued.statusCode, queued.body).toBe(202);
    const again = await t.app.inject({ method: 'POST', url: `/api/incident-imports/${dry.id}/import`, headers: asUser(manager) });
    expect(again.statusCode).toBe(409);
    await t.certus.jobs.runDue();
    const run = await getRun(json<Run>(queued).id);
    expect(run).toMatchObject({ status: 'succeeded', mode: 'import', checkedBy: dry.id, fileName: 'clean.zip', report: { rows: 14, incidents: 3, imported: 3, alreadyImported: 0 } });
    expect(run.progress).toMatchObject({ processed: 14, total: 14, percent: 100 });

    const incidents = await t.certus.database.db.selectFrom('incidents').select(['reference', 'external_id', 'status', 'created_by']).orderBy('external_id').execute();
    expect(incidents.map((i) => [i.external_id, i.status, i.created_by])).toEqual([['INC0000001', 'closed', manager.userId], ['INC0000002', 'closed', manager.userId], ['INC0000003', 'awaiting-caller', manager.userId]]);
    const history = json<{ items: { kind: string; data: { to?: string } }[] }>(await t.app.inject({ method: 'GET', url: `/api/incidents/${incidents[1]!.reference}/history`, headers: asUser(manager) }));
    expect(history.items.filter((e) => e.kind === 'transitioned').map((e) => e.data.to)).toEqual(['in-progress', 'awaiting-supplier', 'resolved', 'in-progress', 'resolved', 'closed']);
    expect((await verifyHistory(t.certus.database.db)).problems).toEqual([]);
    const listed = json<{ items: { externalId: string }[] }>(await t.app.inject({ method: 'GET', url: '/api/incidents?source=servicenow', headers: asUser(manager) }));
    expect(listed.items.map((i) => i.externalId).sort()).toEqual(['INC0000001', 'INC0000002', 'INC0000003']);

    // The same bytes sent again as an import: checked already, and every incident is there.
    const rerun = await runToEnd('clean-again.csv', clean, false);
    expect(rerun).toMatchObject({ status: 'succeeded', report: { imported: 0, alreadyImported: 3 } });
    expect(await incidentCount()).toBe(3);
  });

  it('lists runs newest first, a page at a time', async () => {
    const first = json<{ items: Run[]; nextCursor: string | null }>(await t.app.inject({ method: 'GET', url: '/api/incident-imports?limit=2', headers: asUser(manager) }));
    expect(first.items.map((r) => r.fileName)).toEqual(['clean-again.csv', 'clean.zip']);
    expect(first.items[0]!.report).not.toHaveProperty('issues');
    const second = json<{ items: Run[]; nextCursor: string | null }>(await t.app.inject({ method: 'GET', url: `/api/incident-imports?limit=2&cursor=${first.nextCursor!}`, headers: asUser(manager) }));
    expect(second.items.map((r) => r.mode)).toEqual(['dry-run', 'dry-run']);
    expect(second.items.map((r) => r.fileName)).toEqual(['clean.zip', 'other.csv']);
  });

  it('refuses uploads without a file, of another type or too large, and unknown runs, as problems naming the field', async () => {
    const cases = [
      { res: await upload('clean.csv', clean, { field: 'attachment' }), status: 400, field: 'file' },
      { res: await t.app.inject({ method: 'POST', url: '/api/incident-imports', headers: asUser(manager), payload: {} }), status: 415, field: 'file' },
      { res: await upload('export.xlsx', clean), status: 415, field: 'file' },
      { res: await upload('export.zip', clean), status: 415, field: 'file' },
      { res: await upload('export.csv', Buffer.from([0x49, 0x4e, 0x43, 0x00, 0x01])), status: 415, field: 'file' },
      { res: await upload('export.csv', Buffer.alloc(0)), status: 400, field: 'file' },
      { res: await upload('export.csv', Buffer.concat([clean, Buffer.alloc(maxImportBytes, 0x20)])), status: 413, field: 'file' },
    ];
    for (const { res, status, field } of cases) {
      expect(res.statusCode, res.body).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(json<{ errors: { field: string }[] }>(res).errors.map((e) => e.field)).toContain(field);
    }
    const unknown = '01900000-0000-7000-8000-000000000000';
    for (const url of [`/api/incident-imports/${unknown}`, `/api/incident-imports/${unknown}/issues.csv`]) {
      expect((await t.app.inject({ method: 'GET', url, headers: asUser(manager) })).statusCode).toBe(404);
    }
    expect((await t.app.inject({ method: 'POST', url: `/api/incident-imports/${unknown}/import`, headers: asUser(manager) })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/incident-imports/not-a-run', headers: asUser(manager) })).statusCode).toBe(400);
  });

  it('describes the import routes in the OpenAPI document', async () => {
    const doc = json<{ paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown> }>> }>(await t.app.inject({ method: 'GET', url: '/api/openapi.json' }));
    expect(doc.paths['/api/incident-imports']!.post!).toMatchObject({ operationId: 'start-incident-import', responses: { 202: expect.anything(), 413: expect.anything(), 415: expect.anything() } });
    expect(doc.paths['/api/incident-imports/{id}']!.get!.operationId).toBe('get-incident-import');
    expect(doc.paths['/api/incident-imports/{id}/import']!.post!.operationId).toBe('import-checked-incident-file');
    expect(doc.paths['/api/incident-imports/{id}/issues.csv']!.get!.operationId).toBe('download-incident-import-issues');
  });

  it('lets only import managers upload, and auditors read runs', async () => {
    const agent = await t.user(['service-desk-agent']);
    const auditor = await t.user(['internal-auditor']);
    expect((await upload('clean.csv', clean, { user: agent, dryRun: true })).statusCode).toBe(403);
    expect((await upload('clean.csv', clean, { user: auditor, dryRun: true })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/incident-imports', headers: asUser(agent) })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/incident-imports', headers: asUser(auditor) })).statusCode).toBe(200);
  });
});
