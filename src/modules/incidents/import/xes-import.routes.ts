import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requirePrincipal } from '../../../platform/auth/access.plugin.js';
import { Problem } from '../../../platform/http/problem.schemas.js';
import { ImportRun } from './incident-import.schemas.js';
import { createRun, getImportRun, runView } from './incident-import-runs.service.js';
import { readUpload } from './incident-import.routes.js';
import { defaultMappings, kindLabels, recordTypeOf, xesKinds } from './xes-mapping.js';
import { XesKindDefaults, XesUploadQuery } from './xes-import.schemas.js';
import { submitXesImport } from './xes-import-runs.js';

const tags = ['Incidents'];
const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };

/**
 * XES event logs (IEEE 1849) imported as incidents or problems. A log's run is an import run like
 * a ServiceNow export's: followed, listed, imported after its dry run and its issues downloaded
 * through /api/incident-imports.
 */
export async function xesImportRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const { database, config } = app.certus;

  app.get('/api/incident-imports/xes-kinds', {
    config: { access: 'incident-imports:read' },
    schema: { operationId: 'list-xes-kinds', tags, summary: 'The kinds of XES log Certus recognises, with the default attribute mapping of each', response: { 200: XesKindDefaults, ...problems } },
  }, async () => ({ items: xesKinds.map((kind) => ({ kind, label: kindLabels[kind], recordType: recordTypeOf[kind], mapping: defaultMappings[kind] })) }));

  app.post('/api/incident-imports/xes', {
    config: { access: 'incident-imports:manage' },
    schema: {
      operationId: 'start-xes-import', tags, consumes: ['multipart/form-data'],
      summary: 'Upload an XES event log (.xes or .xes.gz; multipart field "file") of incidents or problems and queue its run',
      description: 'The kind of log (BPI Challenge 2013 incidents or problems, BPI Challenge 2014 incident activity, or another) is detected from its first trace; any query parameter besides dryRun overrides the kind or an attribute of its mapping. dryRun=true checks every trace and writes nothing. Answers 202 with the run; follow Location for progress.',
      querystring: XesUploadQuery,
      response: { 202: ImportRun, ...problems, 409: Problem, 413: Problem, 415: Problem },
    },
  }, async (request, reply) => {
    const principal = requirePrincipal(request);
    const upload = await readUpload(request, config.maxImportBytes);
    const { dryRun, ...overrides } = request.query;
    const id = await submitXesImport(database, createRun, upload, dryRun === true ? 'dry-run' : 'import', overrides, principal);
    return reply.status(202).header('location', `/api/incident-imports/${id}`).send(runView(await getImportRun(database.db, id)));
  });
}
