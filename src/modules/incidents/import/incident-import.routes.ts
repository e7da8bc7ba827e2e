import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requirePrincipal } from '../../../platform/auth/access.plugin.js';
import { AppError } from '../../../platform/http/app-error.js';
import { Problem } from '../../../platform/http/problem.schemas.js';
import { bufferSource } from './csv-source.js';
import { importServicenowIncidents } from './incident-import.service.js';

const maxImportBytes = 200 * 1024 * 1024;

const Report = Type.Object({
  format: Type.String(), dryRun: Type.Boolean(), rows: Type.Integer(), incidents: Type.Integer(), imported: Type.Integer(), alreadyImported: Type.Integer(),
  issueCount: Type.Integer(), issues: Type.Array(Type.Object({ line: Type.Integer(), number: Type.Union([Type.String(), Type.Null()]), field: Type.String(), reason: Type.String() })),
  notes: Type.Array(Type.String()), seconds: Type.Number(), rowsPerSecond: Type.Number(),
});

/** Upload a ServiceNow audit export: a dry run reports row-level problems, an import writes. */
export async function incidentImportRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const { database } = app.certus;
  app.post('/api/incident-imports', {
    config: { access: 'incident-imports:manage' },
    schema: {
      operationId: 'import-incidents', tags: ['Incidents'], consumes: ['multipart/form-data'],
      summary: 'Import incidents from a ServiceNow incident audit export (.csv or .zip, multipart field "file"); dryRun=true checks without writing',
      querystring: Type.Object({ dryRun: Type.Optional(Type.Boolean({ default: false })) }, { additionalProperties: false }),
      response: { 200: Report, 400: Problem, 401: Problem, 403: Problem, 413: Problem, 415: Problem },
    },
  }, async (request) => {
    const principal = requirePrincipal(request);
    if (!request.isMultipart()) throw new AppError('unsupported-media-type', 'Send the export as multipart/form-data in a field named "file"');
    const file = await request.file({ limits: { fileSize: maxImportBytes, files: 1 } });
    if (!file || file.fieldname !== 'file') throw AppError.validation('file', 'is required (multipart field "file")');
    const content = await file.toBuffer().catch(() => { throw new AppError('payload-too-large', `The file is larger than ${maxImportBytes} bytes`); });
    return importServicenowIncidents(database, bufferSource(content, file.filename), { dryRun: request.query.dryRun === true, actorId: principal.userId });
  });
}
