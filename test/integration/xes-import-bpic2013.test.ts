import { createReadStream, readFileSync } from 'node:fs';
import path from 'node:path';
import { createGunzip, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyRecordStates } from '../../src/kernel/records/record-verify.js';
import { asUser, json, startTestApp, type SignedIn, type TestApp } from '../support/test-app.js';

/**
 * The real Volvo IT incident log (BPI Challenge 2013, 7,554 incidents, 65,533 events): uploaded
 * gzipped, checked by a dry run and imported by the background job on SQLite. The count and the
 * throughput are computed here independently, from the raw XML with plain text matching.
 */
const logFile = path.resolve(import.meta.dirname, '../../../shared/data/bpic2013_incidents.xes.gz');

interface Throughput { cases: number; meanMs: number | null; medianMs: number | null }
interface Run {
  id: string; status: string; error: string | null;
  report: { rows: number; incidents: number; imported: number; issueCount: number; notes: string[]; xes: { kind: string; throughput: Throughput } } | null;
}

/** Per trace: its case number and its event times, first to last (Date.parse reads the offsets). */
function independentThroughput(): { cases: Map<string, number>; events: number; summary: Throughput } {
  const xml = gunzipSync(readFileSync(logFile)).toString('utf8');
  const cases = new Map<string, number>();
  let events = 0;
  for (const trace of xml.split('<trace>').slice(1)) {
    const name = /<string key="concept:name" value="([^"]+)"\/>/.exec(trace)![1]!;
    const times = [...trace.matchAll(/<date key="time:timestamp" value="([^"]+)"\/>/g)].map((m) => Date.parse(m[1]!));
    events += times.length;
    cases.set(name, Math.max(...times) - Math.min(...times));
  }
  const durations = [...cases.values()].sort((a, b) => a - b);
  const mid = durations.length / 2;
  const median = durations.length % 2 ? durations[Math.floor(mid)]! : (durations[mid - 1]! + durations[mid]!) / 2;
  return { cases, events, summary: { cases: durations.length, meanMs: Math.round(durations.reduce((s, d) => s + d, 0) / durations.length), medianMs: Math.round(median) } };
}

describe('import of the real BPI Challenge 2013 incident log and a sample of the 2014 log (SQLite)', () => {
  let t: TestApp;
  let manager: SignedIn;
  let dryRun: Run;
  let imported: Run;
  beforeAll(async () => {
    t = await startTestApp('sqlite');
    manager = await t.user(['incident-problem-manager']);
    const boundary = '----certus-bpic2013';
    const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bpic2013_incidents.xes.gz"\r\nContent-Type: application/gzip\r\n\r\n`), readFileSync(logFile), Buffer.from(`\r\n--${boundary}--\r\n`)]);
    const uploaded = json<Run>(await t.app.inject({ method: 'POST', url: '/api/incident-imports/xes?dryRun=true', headers: { ...asUser(manager), 'content-type': `multipart/form-data; boundary=${boundary}` }, payload }));
    const runOf = async (id: string) => json<Run>(await t.app.inject({ method: 'GET', url: `/api/incident-imports/${id}`, headers: asUser(manager) }));
    await t.certus.jobs.runDue();
    dryRun = await runOf(uploaded.id);
    const queued = json<Run>(await t.app.inject({ method: 'POST', url: `/api/incident-imports/${dryRun.id}/import`, headers: asUser(manager) }));
    await t.certus.jobs.runDue();
    imported = await runOf(queued.id);
  }, 600_000);
  afterAll(async () => t?.close());

  it('reads every trace without a problem, imports 7,554 incidents and reports their throughput as measured from the raw log', async () => {
    const expected = independentThroughput();
    expect(expected.summary.cases).toBe(7_554);
    expect(expected.events).toBe(65_533);
    expect(dryRun).toMatchObject({ status: 'succeeded', error: null, report: { rows: 65_533, incidents: 7_554, issueCount: 0, xes: { kind: 'bpic2013-incidents' } } });
    expect(imported).toMatchObject({ status: 'succeeded', error: null, report: { incidents: 7_554, imported: 7_554 } });
    expect(imported.report!.xes.throughput).toEqual(expected.summary);
    expect(imported.report!.notes.join(' ')).toContain('Throughput (first event to last) of 7,554 incidents: mean 12.1 days, median 7.5 days.');

    const rows = await t.certus.database.db.selectFrom('incidents').select(['external_id', 'created_at', 'updated_at']).execute();
    expect(rows.length).toBe(7_554);
    for (const row of rows) expect([row.external_id, row.updated_at - row.created_at]).toEqual([row.external_id, expected.cases.get(row.external_id!)]);
    expect((await verifyRecordStates(t.certus.database.db, t.certus.assembly.registry)).problems).toEqual([]);
  });

  it('reads a sample of the real BPIC 2014 log as wall-clock times, closed incidents with their resolution time unknown', async () => {
    const sample = await firstTracesOf(rabobankFile, 400 * 1024);
    const traces = sample.toString('utf8').split('<trace>').slice(1);
    // Only opening, (re)assignment and closing say a status; the other activities leave it as it was.
    const lastSaying = (trace: string) => [...trace.matchAll(/<string key="concept:name" value="(Open|Assignment|Reassignment|Closed)"\/>/g)].at(-1)?.[1];
    const closed = traces.filter((trace) => lastSaying(trace) === 'Closed').length;
    const boundary = '----certus-bpic2014';
    const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bpic2014-sample.xes"\r\nContent-Type: application/xml\r\n\r\n`), sample, Buffer.from(`\r\n--${boundary}--\r\n`)]);
    const uploaded = json<Run>(await t.app.inject({ method: 'POST', url: '/api/incident-imports/xes', headers: { ...asUser(manager), 'content-type': `multipart/form-data; boundary=${boundary}` }, payload }));
    await t.certus.jobs.runDue();
    const run = json<Run>(await t.app.inject({ method: 'GET', url: `/api/incident-imports/${uploaded.id}`, headers: asUser(manager) }));
    expect(run).toMatchObject({ status: 'succeeded', report: { incidents: traces.length, imported: traces.length, xes: { kind: 'bpic2014-incident-activity' } } });
    const rows = await t.certus.database.db.selectFrom('incidents').selectAll().where('source', '=', 'xes:bpic2014-incident-activity').execute();
    expect(rows.length).toBe(traces.length);
    // The log's first incident opens at 10:15:14 "+10:00", an artefact: kept as the wall-clock 10:15:14.
    const first = rows.find((r) => r.external_id === 'IM0000850')!;
    expect(new Date(first.created_at).toISOString()).toBe('2013-09-26T10:15:14.000Z');
    expect(rows.filter((r) => r.status === 'closed' && Number(r.resolved_at_unknown) === 1 && r.resolved_at === null && r.closed_at !== null).length).toBe(closed);
    expect(closed).toBeGreaterThan(0);
  });
});

const rabobankFile = path.resolve(import.meta.dirname, '../../../shared/data/bpic2014_BPIC14_f_incident_activity.xes.gz');

/** The start of a gzipped log, cut after the last whole trace within `bytes` and closed again: a sample, never the whole log. */
async function firstTracesOf(file: string, bytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of createReadStream(file).pipe(createGunzip()) as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= bytes) break;
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return Buffer.from(`${text.slice(0, text.lastIndexOf('</trace>') + '</trace>'.length)}\n</log>\n`);
}
