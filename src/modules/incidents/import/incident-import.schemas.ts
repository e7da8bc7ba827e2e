import { Type, type Static } from 'typebox';
import { uuidPattern } from '../../../platform/db/ids.js';
import { XesRunDetails } from './xes-import.schemas.js';

const Count = Type.Integer({ minimum: 0 });

export const ImportIssue = Type.Object({
  line: Type.Integer({ minimum: 0, description: 'Line of the file (1 is the header; 0 is the file as a whole)' }),
  number: Type.Union([Type.String(), Type.Null()], { description: 'The incident number on that row, when readable' }),
  field: Type.String({ description: 'The column at fault, "row" for a row of the wrong shape, "file" for the file as a whole' }),
  reason: Type.String(),
}, { title: 'IncidentImportIssue' });

const Progress = Type.Object({
  processed: Type.Integer({ description: 'Rows read so far in the current phase' }),
  total: Type.Union([Type.Integer(), Type.Null()], { description: 'Rows in the file; estimated from bytes read while the first pass runs' }),
  totalIsEstimate: Type.Boolean(),
  percent: Type.Integer({ minimum: 0, maximum: 100, description: 'Of the current phase' }),
  rowsPerSecond: Type.Union([Type.Integer(), Type.Null()]),
});

const reportSummary = {
  rows: Count,
  incidents: Count,
  imported: Count,
  alreadyImported: Count,
  issueCount: Count,
  notes: Type.Array(Type.String()),
  seconds: Type.Number(),
  xes: Type.Union([XesRunDetails, Type.Null()], { description: 'For an XES event log: the kind read, the mapping used and the throughput measured' }),
};

const runSummary = {
  id: Type.String(),
  fileName: Type.String(),
  fileSize: Count,
  sha256: Type.String(),
  format: Type.Union([Type.Literal('servicenow-csv'), Type.Literal('xes')], { description: 'A ServiceNow CSV export or an XES event log' }),
  mode: Type.Union([Type.Literal('dry-run'), Type.Literal('import')]),
  status: Type.Union([Type.Literal('queued'), Type.Literal('running'), Type.Literal('succeeded'), Type.Literal('failed'), Type.Literal('rejected')], {
    description: 'rejected: the file has problems and nothing was written; failed: the run stopped on an error',
  }),
  phase: Type.Union([Type.Literal('checking'), Type.Literal('writing'), Type.Null()]),
  uploadedBy: Type.Object({ id: Type.String(), name: Type.String() }),
  createdAt: Type.String({ format: 'date-time' }),
  startedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  finishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  checkedBy: Type.Union([Type.String(), Type.Null()], { description: 'The clean dry run whose check this import relied on' }),
  error: Type.Union([Type.String(), Type.Null()]),
  progress: Progress,
};

export const ImportRunSummary = Type.Object({
  ...runSummary,
  report: Type.Union([Type.Object(reportSummary), Type.Null()], { description: 'Once the run has finished' }),
}, { title: 'IncidentImportRunSummary' });

export const ImportRun = Type.Object({
  ...runSummary,
  report: Type.Union([Type.Object({ ...reportSummary, issues: Type.Array(ImportIssue, { description: 'The first 200 issues; issues.csv has them all' }) }), Type.Null()]),
}, { title: 'IncidentImportRun' });

export const ImportRunPage = Type.Object({ items: Type.Array(ImportRunSummary), nextCursor: Type.Union([Type.String(), Type.Null()]) });

export const RunParams = Type.Object({ id: Type.String({ pattern: uuidPattern, description: 'The run id' }) });

export const RunListQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  cursor: Type.Optional(Type.String({ pattern: uuidPattern, description: 'The nextCursor of the previous page' })),
}, { additionalProperties: false });

export type ImportRunView = Static<typeof ImportRun>;
export type ImportRunSummaryView = Static<typeof ImportRunSummary>;
