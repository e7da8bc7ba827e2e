import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { MultipartFile } from '@fastify/multipart';
import { Type } from 'typebox';
import { requirePrincipal } from '../../../platform/auth/access.plugin.js';
import { AppError } from '../../../platform/http/app-error.js';
import { sendCsv } from '../../../platform/http/csv.js';
import { Problem } from '../../../platform/http/problem.schemas.js';
import { ImportRun, ImportRunPage, RunListQuery, RunParams } from './incident-import.schemas.js';
import { getImportRun, importCheckedFile, listImportRuns, runIssues, runView, submitImport, type Upload } from './incident-import-runs.service.js';

const tags = ['Incidents'];
const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };

export async function readUpload(request: FastifyRequest, maxBytes: number): Promise<Upload> {
  if (!request.isMultipart()) {
    throw new AppError('unsupported-media-type', 'Send the export as multipart/form-data in a field named "file"', { errors: [{ field: 'file', reason: 'must be sent as multipart/form-data' }] });
  }
  let file: MultipartFile | undefined;
  try {
    file = await request.file({ limits: { fileSize: maxBytes, files: 1 } });
  } catch (error) {
    throw AppError.validation('file', error instanceof Error ? error.message : 'could not be read');
  }
  if (!file || file.fieldname !== 'file') throw AppError.validation('file', 'is required (multipart field "file")');
  const content = await file.toBuffer().catch(() => {
    throw new AppError('payload-too-large', `The file is larger than ${maxBytes} bytes`, { errors: [{ field: 'file', reason: `exceeds ${maxBytes} bytes` }] });
  });
  return { filename: file.filename, content };
}

function accepted(reply: FastifyReply, id: string) {
  return reply.status(202).header('location', `/api/incident-imports/${id}`);
}

/**
 * Import runs: an upload is stored and a durable job checks it (dry run) or checks and writes it
 * (import); clients follow the run's progress and read its report and issues.
 */
export async function incidentImportRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const { database, config } = app.certus;

  app.post('/api/incident-imports', {
    config: { access: 'incident-imports:manage' },
    schema: {
      operationId: 'start-incident-import', tags, consumes: ['multipart/form-data'],
      summary: 'Upload a ServiceNow incident audit export (.csv, or a .zip holding one; multipart field "file") and queue its run',
      description: 'dryRun=true checks every row and writes nothing. Without it the file is checked (or the clean dry run of the same bytes is relied on) and imported; a file with problems is rejected and nothing is written. Answers 202 with the run; follow Location for progress.',
      querystring: Type.Object({ dryRun: Type.Optional(Type.Boolean({ default: false })) }, { additionalProperties: false }),
      response: { 202: ImportRun, ...problems, 409: Problem, 413: Problem, 415: Problem },
    },
  }, async (request, reply) => {
    const principal = requirePrincipal(request);
    const upload = await readUpload(request, config.maxImportBytes);
    const run = await submitImport(database, upload, request.query.dryRun === true ? 'dry-run' : 'import', principal);
    return accepted(reply, run.id).send(runView(run));
  });

  app.post('/api/incident-imports/:id/import', {
    config: { access: 'incident-imports:manage' },
    schema: {
      operationId: 'import-checked-incident-file', tags, params: RunParams,
      summary: 'Import the file of a clean dry run, without sending it again',
      response: { 202: ImportRun, ...problems, 409: Problem },
    },
  }, async (request, reply) => {
    const run = await importCheckedFile(database, request.params.id, requirePrincipal(request));
    return accepted(reply, run.id).send(runView(run));
  });

  app.get('/api/incident-imports', {
    config: { access: 'incident-imports:read' },
    schema: { operationId: 'list-incident-imports', tags, summary: 'Import runs, newest first', querystring: RunListQuery, response: { 200: ImportRunPage, ...problems } },
  }, async (request) => listImportRuns(database.db, request.query));

  app.get('/api/incident-imports/:id', {
    config: { access: 'incident-imports:read' },
    schema: { operationId: 'get-incident-import', tags, summary: 'An import run: status, progress and, once finished, its report', params: RunParams, response: { 200: ImportRun, ...problems } },
  }, async (request) => runView(await getImportRun(database.db, request.params.id)));

  app.get('/api/incident-imports/:id/issues.csv', {
    config: { access: 'incident-imports:read' },
    schema: { operationId: 'download-incident-import-issues', tags, summary: 'Every problem the run found, as CSV (line, number, field, reason)', params: RunParams, produces: ['text/csv'], response: { ...problems } },
  }, async (request, reply) => {
    const run = await getImportRun(database.db, request.params.id);
    const pages = (async function* () {
      for await (const issues of runIssues(database.db, run)) yield issues.map((i) => [i.line, i.number ?? '', i.field, i.reason]);
    })();
    return sendCsv(reply, `import-${run.id}-issues.csv`, ['line', 'number', 'field', 'reason'], pages);
  });
}
