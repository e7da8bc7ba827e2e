import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Problem } from '../../platform/http/problem.schemas.js';
import { getRecord } from '../../kernel/records/record.service.js';
import { permissionsOf } from '../../kernel/records/record-type.js';
import { RecordKey } from '../../kernel/records/record.routes.js';
import { currentCatalogue } from '../catalogue/catalogue.current.js';
import { assessmentRecord } from '../assessments/assessment.record.js';
import { gapWorkbook } from './gap-workbook.js';
import { toOscalAssessmentResults } from './oscal-assessment-results.js';
import { pdfReport } from './pdf-report.js';
import { assessmentReportOf, fileStem } from './report-data.js';
import { attachmentDisposition } from '../../platform/http/content-disposition.js';

const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };
const Binary = Type.Unsafe<Buffer>({ type: 'string', format: 'binary' });

/** Downloads of one assessment for people outside Certus: workbook, PDF report, OSCAL. */
export async function exportRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.certus.database;
  const catalogue = currentCatalogue();
  const access = permissionsOf(assessmentRecord).read;
  const tags = ['Assessments'];
  const path = '/api/assessments/:key/exports';

  app.get(`${path}/workbook`, {
    config: { access },
    schema: { operationId: 'export-assessment-workbook', tags, summary: 'Gap-assessment workbook (XLSX): summary, a sheet per clause group, evidence index', params: RecordKey, response: { 200: Binary, ...problems } },
  }, async (request, reply) => {
    const report = await assessmentReportOf(db, catalogue, await getRecord(db, assessmentRecord, request.params.key));
    const body = await gapWorkbook(report);
    return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', attachmentDisposition(`${fileStem(report.assessment)}.xlsx`)).send(body);
  });

  app.get(`${path}/report`, {
    config: { access },
    schema: { operationId: 'export-assessment-report', tags, summary: 'Assessment report (PDF): summary, heatmap, findings, maturity, readiness', params: RecordKey, response: { 200: Binary, ...problems } },
  }, async (request, reply) => {
    const report = await assessmentReportOf(db, catalogue, await getRecord(db, assessmentRecord, request.params.key));
    const body = await pdfReport(report);
    return reply.type('application/pdf').header('content-disposition', attachmentDisposition(`${fileStem(report.assessment)}.pdf`)).send(body);
  });

  app.get(`${path}/oscal-assessment-results`, {
    config: { access },
    schema: {
      operationId: 'export-assessment-oscal', tags, summary: 'The assessment as an OSCAL 1.2.1 assessment-results document (JSON download)',
      params: RecordKey, response: { 200: Type.Object({ 'assessment-results': Type.Unknown() }, { title: 'OSCAL assessment-results' }), ...problems },
    },
  }, async (request, reply) => {
    const report = await assessmentReportOf(db, catalogue, await getRecord(db, assessmentRecord, request.params.key));
    return reply.type('application/json; charset=utf-8')
      .header('content-disposition', attachmentDisposition(`${fileStem(report.assessment)}-oscal-assessment-results.json`))
      .send(toOscalAssessmentResults(report));
  });
}
