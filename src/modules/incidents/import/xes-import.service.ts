import type { Database, Trx } from '../../../platform/db/database.js';
import { writeNewHistory } from '../../../kernel/history/history.service.js';
import { newId } from '../../../platform/db/ids.js';
import { nextReference } from '../../../kernel/records/references.js';
import { columnsFor, recordTables } from '../../../kernel/records/record-row.js';
import type { RecordTypeDefinition } from '../../../kernel/records/record-type.js';
import { problemRecord } from '../../problems/index.js';
import { incidentRecord } from '../incident.record.js';
import { fileProblemOf } from './servicenow-export.js';
import type { ImportIssue, ImportedIncident } from './servicenow-incidents.js';
import { issuePages, maxIssuesReported, type ImportStep } from './incident-import.service.js';
import { readXes, type XesSource } from './xes-reader.js';
import { detectKind, kindLabels, settingsFor, type XesOverridesValue, type XesSettings } from './xes-mapping.js';
import { checkTrace, incidentFromCase, problemFromCase, sourceOf, throughputOf, type XesCase } from './xes-cases.js';
import { finalStatuses } from './xes-status.js';

/** Throughput of the cases: first event to last. */
export interface Throughput {
  cases: number;
  meanMs: number | null;
  medianMs: number | null;
}

/** What the checking pass found in a log; nothing is written unless issueCount is 0. */
export interface XesCheck {
  /** Events read. */
  rows: number;
  /** Traces read: each becomes one record. */
  incidents: number;
  issueCount: number;
  issues: ImportIssue[];
  notes: string[];
  settings: XesSettings;
  throughput: Throughput;
}

export function throughputSummary(durations: number[]): Throughput {
  if (durations.length === 0) return { cases: 0, meanMs: null, medianMs: null };
  const sorted = [...durations].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { cases: sorted.length, meanMs: Math.round(sorted.reduce((sum, d) => sum + d, 0) / sorted.length), medianMs: Math.round(median) };
}

/** A duration as people read it: days with one decimal, and hours for short ones. */
export function durationText(ms: number): string {
  const hours = ms / 3_600_000;
  return hours < 48 ? `${hours.toLocaleString('en-GB', { maximumFractionDigits: 1 })} hours` : `${(hours / 24).toLocaleString('en-GB', { maximumFractionDigits: 1 })} days`;
}

const counted = (n: number, one: string, many: string) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

interface Tally {
  open: number;
  resolutionUnknown: number;
}

function notesOf(settings: XesSettings, throughput: Throughput, tally: Tally): string[] {
  const { mapping, kind, detected, recordType } = settings;
  const one = recordType === 'problems' ? 'problem' : 'incident';
  const many = recordType;
  const optional = (label: string, key: string | null) => `${label} ← ${key ?? '(none)'}`;
  return [
    `Read as the ${kindLabels[kind]}${kind === detected ? '' : ` (chosen; the file looks like the ${kindLabels[detected]})`}; each trace becomes one of the ${many}.`,
    `Mapping: reference ← trace ${mapping.reference}; status ← ${mapping.status}${mapping.subStatus ? ` + ${mapping.subStatus}` : ''}${mapping.statusSeparator ? ` (split at "${mapping.statusSeparator}")` : ''}; ${optional('impact', mapping.impact)}; ${optional('group', mapping.group)}; ${optional('product', mapping.product)}; time ← ${mapping.timestamp}.`,
    mapping.wallClock ? 'Times are read as local wall-clock times, ignoring their offset, and kept as UTC.' : 'Times are read with their offset.',
    ...(kind.startsWith('bpic2013') && recordType === 'incidents' ? ['Statuses: Queued → assigned; Accepted – In Progress, Wait and Wait – Implementation → in progress; Wait – User and Wait – Customer → awaiting caller; Wait – Vendor → awaiting supplier; Completed – Resolved and In Call → resolved; Completed – Closed and Cancelled → closed; Unmatched leaves the status as it was. An incident completed straight into Closed was resolved when it closed.'] : []),
    ...(kind.startsWith('bpic2013') && recordType === 'problems' ? ['Statuses: Queued → new; Accepted → investigating; Completed – Closed and Cancelled → closed; Unmatched leaves the status as it was. The log gives no root cause or closure reason: closed problems have neither.'] : []),
    ...(mapping.impact === null ? [`The log gives no impact: ${many} ${recordType === 'problems' ? 'are recorded with priority P3' : 'are recorded with medium impact and priority P3'}.`] : ['Priority follows the impact: Major P1, High P2, Medium P3, Low P4 (Certus records Major as high impact).']),
    ...(recordType === 'incidents' ? ['The log gives no urgency: it is recorded as medium.'] : []),
    ...(tally.resolutionUnknown ? [`${counted(tally.resolutionUnknown, `${one} was`, `${many} were`)} closed with no resolution time in the log; their time to resolve is unknown and they count in no time-to-resolve KPI.`] : []),
    ...(tally.open ? [`${counted(tally.open, `${one} is`, `${many} are`)} still open at the end of the log.`] : []),
    throughput.cases
      ? `Throughput (first event to last) of ${counted(throughput.cases, one, many)}: mean ${durationText(throughput.meanMs!)}, median ${durationText(throughput.medianMs!)}.`
      : 'No throughput: the log holds no complete case.',
  ];
}

/** Whether a case ends open, or closed with no resolution time (the rule of incidentFromCase). */
function tallyCase(c: XesCase, settings: XesSettings, tally: Tally): void {
  let status = 'new';
  let resolvedSeen = false;
  for (const event of c.events) {
    const next = event.meaning === 'keep' ? status : event.meaning;
    if (!finalStatuses.includes(next)) resolvedSeen = false;
    else if (next === 'resolved') resolvedSeen = true;
    status = next;
  }
  if (!finalStatuses.includes(status)) tally.open += 1;
  else if (settings.recordType === 'incidents' && !resolvedSeen && !settings.kind.startsWith('bpic2013')) tally.resolutionUnknown += 1;
}

type CaseItem = { case: XesCase } | { issue: ImportIssue };

/**
 * Reads a log through its settings, a case or an issue at a time. Settings come from the first
 * trace (detected, with the overrides on top) unless given. A problem with the file as a whole
 * throws, as readXes does.
 */
interface ReadOptions {
  overrides?: XesOverridesValue;
  settings?: XesSettings;
  onStep?: (step: ImportStep) => void;
  onSettings?: (settings: XesSettings) => void;
  onTrace?: () => void;
}

const noHead = { attributes: {}, eventGlobals: [], traceGlobals: [] };

async function* readCases(source: XesSource, fileName: string, options: ReadOptions): AsyncGenerator<CaseItem> {
  const { overrides = {}, onStep, onSettings } = options;
  let settings = options.settings ?? null;
  const seen = new Set<string>();
  let head = null;
  for await (const item of readXes(source, (position) => onStep?.({ ...position, phase: 'checking', totalRows: null }))) {
    if ('head' in item) {
      head = item.head;
      continue;
    }
    options.onTrace?.();
    if (!settings) {
      settings = settingsFor(detectKind(fileName, head ?? noHead, item.trace), overrides);
      onSettings?.(settings);
    }
    const { issues, case: found } = checkTrace(item.trace, settings);
    for (const issue of issues) yield { issue };
    if (!found) continue;
    if (seen.has(found.reference)) {
      yield { issue: { line: found.line, number: found.reference, field: settings.mapping.reference, reason: `${found.reference} appears in more than one trace` } };
      continue;
    }
    seen.add(found.reference);
    yield { case: found };
  }
  if (!settings) onSettings?.(settingsFor(detectKind(fileName, head ?? noHead, null), overrides));
}

/**
 * The checking pass over a log: every trace is read and checked through the mapping, and the
 * throughput of each clean case measured, without writing anything.
 */
export async function checkXesLog(source: XesSource, fileName: string, overrides: XesOverridesValue, onStep?: (step: ImportStep) => void): Promise<XesCheck> {
  const issues: ImportIssue[] = [];
  let issueCount = 0;
  let rows = 0;
  let traces = 0;
  let settings: XesSettings = settingsFor(detectKind(fileName, noHead, null), overrides);
  const durations: number[] = [];
  const tally: Tally = { open: 0, resolutionUnknown: 0 };
  const step = (s: ImportStep) => { rows = s.rows; onStep?.(s); };
  try {
    const options: ReadOptions = { overrides, onStep: step, onSettings: (chosen) => { settings = chosen; }, onTrace: () => { traces += 1; } };
    for await (const item of readCases(source, fileName, options)) {
      if ('issue' in item) {
        issueCount += 1;
        if (issues.length < maxIssuesReported) issues.push(item.issue);
        continue;
      }
      durations.push(throughputOf(item.case));
      tallyCase(item.case, settings, tally);
    }
  } catch (error) {
    const problem = fileProblemOf(error);
    if (!problem) throw error;
    issueCount += 1;
    issues.push(problem);
  }
  const throughput = throughputSummary(durations);
  return { rows, incidents: traces, issueCount, issues, notes: notesOf(settings, throughput, tally), settings, throughput };
}

/** Every issue of a log, a page at a time (for the full issue list). */
export function xesIssues(source: XesSource, fileName: string, settings: XesSettings, pageSize = 500): AsyncGenerator<ImportIssue[]> {
  return issuePages(readCases(source, fileName, { settings }), pageSize);
}

const targets = (settings: XesSettings): { def: RecordTypeDefinition; build: (c: XesCase, reference: string, s: XesSettings) => ImportedIncident } => (settings.recordType === 'problems'
  ? { def: problemRecord, build: problemFromCase }
  : { def: incidentRecord, build: incidentFromCase });

async function writeBatch(trx: Trx, batch: XesCase[], settings: XesSettings, actorId: string): Promise<{ imported: number; existing: number }> {
  const { def, build } = targets(settings);
  const source = sourceOf(settings.kind);
  const references = batch.map((c) => c.reference);
  const found = await recordTables(trx).selectFrom(def.table).select('external_id').where('source', '=', source).where('external_id', 'in', references).execute();
  const existing = new Set(found.map((r) => String(r.external_id)));
  let imported = 0;
  for (const c of batch) {
    if (existing.has(c.reference)) continue;
    const reference = await nextReference(trx, def.prefix);
    const record = build(c, reference, settings);
    const id = newId();
    const lastAt = record.events[record.events.length - 1]!.at;
    // Another import of the same log may have written this case since the check above.
    const written = await recordTables(trx).insertInto(def.table).values({
      id, reference, status: record.status, owner_id: null, created_by: actorId, created_at: record.openedAt,
      updated_by: actorId, updated_at: lastAt, version: record.events.length, ...columnsFor(def, record.fields),
    }).onConflict((oc) => oc.columns(['source', 'external_id']).doNothing()).returning('id').executeTakeFirst();
    if (!written) {
      existing.add(c.reference);
      continue;
    }
    await writeNewHistory(trx, def.type, id, record.events.map((e) => ({ ...e, actorId: null })));
    imported += 1;
  }
  return { imported, existing: existing.size };
}

/**
 * The writing pass over a log that checked clean: records are written in batches, each batch
 * one transaction; a case already imported (same source and number) is skipped, so importing the
 * same log again writes nothing twice and a rerun after an interruption completes the job.
 */
export async function writeXesRecords(database: Database, source: XesSource, fileName: string, check: XesCheck, options: { actorId: string; onStep?: (step: ImportStep) => void; batchSize?: number }): Promise<{ imported: number; alreadyImported: number }> {
  let imported = 0;
  let alreadyImported = 0;
  let batch: XesCase[] = [];
  const flush = async () => {
    if (!batch.length) return;
    const current = batch;
    batch = [];
    const result = await database.db.transaction().execute((trx) => writeBatch(trx, current, check.settings, options.actorId));
    imported += result.imported;
    alreadyImported += result.existing;
  };
  const onStep = (step: ImportStep) => options.onStep?.({ ...step, phase: 'writing', totalRows: check.rows });
  for await (const item of readCases(source, fileName, { settings: check.settings, onStep })) {
    // The check found no issues in these bytes, so every item is a case.
    if (!('case' in item)) continue;
    batch.push(item.case);
    if (batch.length >= (options.batchSize ?? 250)) await flush();
  }
  await flush();
  return { imported, alreadyImported };
}

/**
 * Checks a log and, unless it is a dry run or has problems, writes its records: the two passes
 * of a run, in the foreground (for the CLI). Nothing is written when the check finds a problem.
 */
export async function importXesLog(database: Database, source: XesSource, fileName: string, options: { dryRun: boolean; actorId: string; overrides?: XesOverridesValue; onStep?: (step: ImportStep) => void }): Promise<{ check: XesCheck; written: { imported: number; alreadyImported: number } | null }> {
  const check = await checkXesLog(source, fileName, options.overrides ?? {}, options.onStep);
  if (options.dryRun || check.issueCount > 0) return { check, written: null };
  return { check, written: await writeXesRecords(database, source, fileName, check, options) };
}
