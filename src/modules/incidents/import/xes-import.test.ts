import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readXes, type XesItem, type XesSource, type XesTrace } from './xes-reader.js';
import { detectKind, settingsFor } from './xes-mapping.js';
import { checkTrace, incidentFromCase, parseXesDate, problemFromCase } from './xes-cases.js';
import { checkXesLog, throughputSummary } from './xes-import.service.js';
import { checkXesUpload } from './xes-import-runs.js';

const fixtures = path.resolve(import.meta.dirname, '../../../../test/fixtures/xes');
const sample = readFileSync(path.join(fixtures, 'bpic2013-incidents-sample.xes'));
const problems = readFileSync(path.join(fixtures, 'bpic2013-closed-problems-sample.xes'));

/** A source that hands the bytes over in small chunks, so element and character boundaries fall mid-chunk. */
const sourceOf = (content: Buffer, chunk = 97): XesSource => async () => ({
  stream: Readable.from(Array.from({ length: Math.ceil(content.length / chunk) }, (_, i) => content.subarray(i * chunk, (i + 1) * chunk))),
  bytes: content.length,
});

async function itemsOf(content: Buffer): Promise<XesItem[]> {
  const items: XesItem[] = [];
  for await (const item of readXes(sourceOf(content))) items.push(item);
  return items;
}

const tracesOf = (items: XesItem[]) => items.flatMap((i) => ('trace' in i ? [i.trace] : []));

/** A BPIC 2014-like log: activity and time only, with the +10:00 offset that is an artefact. */
const rabobank = Buffer.from(`<?xml version="1.0" encoding="UTF-8" ?>
<log xes.version="1.0" xmlns="http://www.xes-standard.org/">
  <string key="concept:name" value="BPI2014F"/>
  <trace><string key="concept:name" value="IM0000850"/>
    <event><string key="IncidentActivity_Type" value="Open"/><string key="concept:name" value="Open"/><date key="time:timestamp" value="2013-09-26T10:15:14+10:00"/></event>
    <event><string key="IncidentActivity_Type" value="Assignment"/><string key="concept:name" value="Assignment"/><date key="time:timestamp" value="2013-09-26T10:15:49+10:00"/></event>
    <event><string key="IncidentActivity_Type" value="Closed"/><string key="concept:name" value="Closed"/><date key="time:timestamp" value="2013-10-02T11:22:13+10:00"/></event>
  </trace>
</log>`);

describe('reading an XES log as a stream', () => {
  it('yields the head, then each trace with its own attributes and events, skipping nested attributes', async () => {
    const items = await itemsOf(sample);
    expect('head' in items[0]!).toBe(true);
    const traces = tracesOf(items);
    expect(traces.map((t) => [t.attributes['concept:name'], t.events.length])).toEqual([['1-100', 4], ['1-200', 5], ['1-300', 2]]);
    expect(traces[0]!.events[1]!.attributes).toMatchObject({ 'concept:name': 'Accepted', 'lifecycle:transition': 'In Progress', 'org:group': 'G2' });
    expect(items[0]).toMatchObject({ head: { traceGlobals: ['concept:name'], eventGlobals: ['time:timestamp', 'concept:name'] } });
    // The nested float under the log's meta attribute is not taken for a log attribute.
    expect(items[0]).not.toHaveProperty('head.attributes.Ann');
  });

  it('reads a gzip log the same as its XML', async () => {
    expect(tracesOf(await itemsOf(gzipSync(sample)))).toEqual(tracesOf(await itemsOf(sample)));
  });

  it('names the line of each trace and event', async () => {
    const [first] = tracesOf(await itemsOf(sample));
    const lines = sample.toString('utf8').split('\n');
    expect(lines[first!.line - 1]).toContain('<trace>');
    expect(lines[first!.events[0]!.line - 1]).toContain('<event>');
  });

  it('refuses what is not an XES log with a plain reason, never its bytes', async () => {
    const reasons = async (content: Buffer) => itemsOf(content).then(() => 'read', (e: Error) => e.message);
    expect(await reasons(Buffer.from('number,state\nINC1,New\n'))).toBe('file: is not an XES event log: it is not XML');
    expect(await reasons(Buffer.from('<?xml version="1.0"?><html><body/></html>'))).toContain('its root element is <html>, not <log>');
    expect(await reasons(Buffer.from('<log><trace><event></trace></log>'))).toMatch(/^file: is not well-formed XML near line 1/);
    expect(await reasons(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]))).toBe('file: is not an XES event log: it is a PNG image');
    expect(await reasons(gzipSync(sample).subarray(0, 200))).toMatch(/^file: is not (a readable gzip file|well-formed XML)/);
  });
});

describe('checking an XES upload before it is stored', () => {
  it('accepts .xes and .xes.gz logs and refuses anything else with a reason naming the file', async () => {
    await expect(checkXesUpload('log.xes', sample)).resolves.toBeUndefined();
    await expect(checkXesUpload('log.xes.gz', gzipSync(sample))).resolves.toBeUndefined();
    const refused = (name: string, content: Buffer) => checkXesUpload(name, content).then(() => 'accepted', (e: Error) => e.message);
    expect(await refused('log.csv', sample)).toContain('is not a .xes or .xes.gz file');
    expect(await refused('log.xes.gz', sample)).toContain('is named .gz but is not gzip');
    expect(await refused('log.xes', Buffer.from('just some words'))).toContain('it is not XML');
    expect(await refused('log.xes', Buffer.from('<?xml version="1.0"?><svg/>'))).toContain('its root element is <svg>, not <log>');
    expect(await refused('log.xes', Buffer.from('<<<>>>'))).toContain('not well-formed XML');
  });
});

describe('the attribute mapping and the kind of log', () => {
  const headOnly = { attributes: {}, eventGlobals: [], traceGlobals: [] };
  it('detects the three known logs from their first trace, and falls back to generic defaults', async () => {
    const first = async (content: Buffer) => tracesOf(await itemsOf(content))[0]!;
    expect(detectKind('sample.xes', headOnly, await first(sample)).kind).toBe('bpic2013-incidents');
    expect(detectKind('bpic2013_open_problems.xes.gz', headOnly, await first(sample)).kind).toBe('bpic2013-problems');
    expect(detectKind('sample.xes', headOnly, await first(problems))).toMatchObject({ kind: 'bpic2013-problems', mapping: { statusSeparator: '-', subStatus: null } });
    expect(detectKind('sample.xes', headOnly, await first(rabobank))).toMatchObject({ kind: 'bpic2014-incident-activity', mapping: { wallClock: true } });
    const other: XesTrace = { line: 1, attributes: { 'concept:name': 'case 1' }, events: [{ line: 2, attributes: { 'concept:name': 'register request' } }] };
    expect(detectKind('other.xes', headOnly, other).kind).toBe('generic');
  });

  it('lets a request override the kind and any attribute, "-" turning an optional one off', () => {
    const settings = settingsFor(detectKind('s.xes', headOnly, null), { kind: 'bpic2013-incidents', group: '-', timestamp: 'when' });
    expect(settings).toMatchObject({ kind: 'bpic2013-incidents', detected: 'generic', recordType: 'incidents', mapping: { group: null, timestamp: 'when', subStatus: 'lifecycle:transition' } });
  });
});

describe('XES dates', () => {
  it('reads the offset, or ignores it for wall-clock logs, and refuses impossible dates', () => {
    expect(new Date(parseXesDate('2010-03-31T16:59:42+02:00', false)).toISOString()).toBe('2010-03-31T14:59:42.000Z');
    expect(new Date(parseXesDate('2006-01-11T16:49:42.000+02:00', false)).toISOString()).toBe('2006-01-11T14:49:42.000Z');
    expect(new Date(parseXesDate('2013-09-26T10:15:14+10:00', true)).toISOString()).toBe('2013-09-26T10:15:14.000Z');
    expect(new Date(parseXesDate('2013-09-26T10:15:14Z', false)).toISOString()).toBe('2013-09-26T10:15:14.000Z');
    for (const bad of ['2012-02-30T09:30:00+01:00', '2012-13-01T00:00:00Z', 'yesterday', '2012-01-01 10:00:00']) expect(parseXesDate(bad, false)).toBeNaN();
  });
});

describe('a trace as a record', () => {
  const settings = settingsFor(detectKind('s.xes', { attributes: {}, eventGlobals: [], traceGlobals: [] }, null), { kind: 'bpic2013-incidents' });
  const casesOf = async (content: Buffer, chosen = settings) => tracesOf(await itemsOf(content)).map((t) => checkTrace(t, chosen));

  it('takes its times from the events: opened at the first, resolved and closed where the status says so', async () => {
    const [a, b, c] = await casesOf(sample);
    const first = incidentFromCase(a!.case!, 'INC-000001', settings);
    expect(first).toMatchObject({ externalId: '1-100', status: 'closed', openedAt: Date.parse('2012-01-02T08:00:00Z') });
    expect(first.fields).toMatchObject({ resolvedAt: '2012-01-03T08:00:00.000Z', closedAt: '2012-01-05T08:00:00.000Z', resolvedAtUnknown: false, assignmentGroup: 'G2', reassignmentCount: 1, priority: 'P3', source: 'xes:bpic2013-incidents' });
    expect(first.events.map((e) => e.kind)).toEqual(['created', 'transitioned', 'transitioned', 'transitioned', 'transitioned']);
    // Reopened after its resolution, then completed straight into Closed: resolved when it closed.
    const second = incidentFromCase(b!.case!, 'INC-000002', settings);
    expect(second.fields).toMatchObject({ resolvedAt: '2012-02-03T07:00:00.000Z', closedAt: '2012-02-03T07:00:00.000Z', reopenCount: 1, impact: 'high', priority: 'P2' });
    const third = incidentFromCase(c!.case!, 'INC-000003', settings);
    expect(third).toMatchObject({ status: 'awaiting-supplier', fields: { resolvedAt: null, closedAt: null, resolvedAtUnknown: false } });
  });

  it('leaves the resolution time unknown when the log says only that the incident closed', async () => {
    const chosen = settingsFor(detectKind('r.xes', { attributes: {}, eventGlobals: [], traceGlobals: [] }, tracesOf(await itemsOf(rabobank))[0]!), {});
    const [only] = await casesOf(rabobank, chosen);
    const incident = incidentFromCase(only!.case!, 'INC-000009', chosen);
    expect(incident).toMatchObject({ status: 'closed', openedAt: Date.parse('2013-09-26T10:15:14Z'), fields: { resolvedAt: null, resolvedAtUnknown: true, closedAt: '2013-10-02T11:22:13.000Z', impact: 'medium', priority: 'P3' } });
  });

  it('names the trace and the attribute of a bad timestamp, an unknown status and an unknown impact', async () => {
    const bad = readFileSync(path.join(fixtures, 'bpic2013-incidents-bad-timestamp.xes'));
    const checked = await casesOf(bad);
    expect(checked.map((c) => c.issues.map((i) => [i.number, i.field]))).toEqual([[], [['1-200', 'time:timestamp']], []]);
    expect(checked[1]!.issues[0]!.reason).toBe('"2012-02-30T09:30:00+01:00" is not an XES date (yyyy-mm-ddThh:mm:ss±hh:mm)');
    const odd = Buffer.from(sample.toString('utf8').replace('value="Wait - Vendor"', 'value="Snoozing"').replace('value="Low"', 'value="Apocalyptic"'));
    const issues = (await casesOf(odd))[2]!.issues;
    expect(issues.map((i) => i.field)).toEqual(['impact', 'lifecycle:transition']);
    expect(issues[1]!.reason).toBe('"Accepted / Snoozing" is not a status of the bpic2013-incidents log');
  });

  it('makes a closed problem of a Volvo closed-problem trace, with no root cause invented', async () => {
    const chosen = settingsFor(detectKind('p.xes', { attributes: {}, eventGlobals: [], traceGlobals: [] }, tracesOf(await itemsOf(problems))[0]!), {});
    const [closed, open] = await casesOf(problems, chosen);
    expect(problemFromCase(closed!.case!, 'PRB-000001', chosen)).toMatchObject({ status: 'closed', fields: { closedAt: '2011-05-10T07:00:00.000Z', rootCause: null, closureReason: null, externalId: '1-900' } });
    expect(problemFromCase(open!.case!, 'PRB-000002', chosen)).toMatchObject({ status: 'investigating', fields: { closedAt: null } });
  });
});

describe('throughput', () => {
  it('gives the count, mean and median of first event to last', async () => {
    expect(throughputSummary([4, 1, 3, 2])).toEqual({ cases: 4, meanMs: 3, medianMs: 3 });
    expect(throughputSummary([5, 1, 3])).toEqual({ cases: 3, meanMs: 3, medianMs: 3 });
    expect(throughputSummary([])).toEqual({ cases: 0, meanMs: null, medianMs: null });
    const check = await checkXesLog(sourceOf(sample), 'sample.xes', {});
    const day = 86_400_000;
    expect(check).toMatchObject({ rows: 11, incidents: 3, issueCount: 0, throughput: { cases: 3, medianMs: 2 * day } });
    expect(check.throughput.meanMs).toBe(Math.round((3 * day + 2 * day + 2 * 3_600_000) / 3));
    expect(check.notes.join(' ')).toContain('Throughput (first event to last) of 3 incidents: mean 40.7 hours, median 2 days.');
  });
});
