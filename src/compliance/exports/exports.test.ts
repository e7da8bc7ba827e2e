import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asUser, json, startTestApp, type SignedIn, type TestApp } from '../../../test/support/test-app.js';
import { storeNames } from '../../../test/support/test-databases.js';
import { loadDemo } from '../../demo.js';
import { getRecord } from '../../kernel/records/record.service.js';
import { currentCatalogue } from '../catalogue/catalogue.current.js';
import { assessmentRecord } from '../assessments/assessment.record.js';
import { assessmentResultsValidator } from './oscal-validator.test-support.js';
import { pdfReport } from './pdf-report.js';
import { assessmentReportOf } from './report-data.js';

/** The text pdfkit drew: its TJ arrays of hex-encoded strings, decoded, one per line. */
function pdfText(pdf: Buffer): string {
  const source = pdf.toString('latin1');
  const lines: string[] = [];
  for (const match of source.matchAll(/\[((?:<[0-9a-fA-F]*>\s*-?[\d.]*\s*)+)\]\s*TJ/g)) {
    lines.push([...match[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => Buffer.from(m[1]!, 'hex').toString('latin1')).join(''));
  }
  return lines.join('\n');
}

interface Row { id: string; answer: { result: string; grade: string | null; evidence: unknown[] } | null }

describe.each(storeNames())('assessment demo and exports on %s', (store) => {
  let t: TestApp;
  let manager: SignedIn;
  let reference = '';
  beforeAll(async () => {
    // The whole demo: its gap assessment is judged from every module's records.
    t = await startTestApp(store);
    await loadDemo(t.certus.database, t.certus.assembly);
    manager = await t.user(['sms-manager']);
    const list = json<{ items: { reference: string; kind: string; status: string }[] }>(await t.app.inject({ method: 'GET', url: '/api/assessments', headers: asUser(manager) }));
    const demo = list.items.find((a) => a.kind === 'gap-assessment');
    expect(demo?.status).toBe('approved');
    reference = demo!.reference;
  }, 300_000);
  afterAll(async () => t?.close());

  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: asUser(manager) });

  it('loads a completed gap assessment answering all 105 requirements with mixed results', async () => {
    const sheet = json<{ requirements: (Row & { suggestion: { outcome: string } | null })[]; totals: { counts: Record<string, number>; major: number; minor: number } }>(await get(`/api/assessments/${reference}/worksheet`));
    expect(sheet.requirements).toHaveLength(105);
    expect(sheet.requirements.every((r) => r.answer !== null)).toBe(true);
    // Its nonconformities are the rules' (frozen at completion); what no record shows is not assessed.
    const ruledNonconformant = sheet.requirements.filter((r) => r.suggestion?.outcome === 'nonconformant').length;
    expect(sheet.totals.counts).toMatchObject({ nonconformant: ruledNonconformant, 'not-applicable': 0, unanswered: 0 });
    expect(sheet.totals.counts.conformant).toBeGreaterThan(10);
    expect(sheet.totals.counts.partial).toBeGreaterThan(5);
    expect(sheet.totals.counts['not-assessed']).toBeGreaterThan(70);
    expect(sheet.requirements.find((r) => r.id === '9.2-01')!.answer).toMatchObject({ result: 'nonconformant', grade: 'major' });
    expect(sheet.totals.major).toBeGreaterThanOrEqual(1);
    const maturity = json<{ rated: number; unrated: number; belowFloor: string[]; processes: { process: string; level: number | null }[] }>(await get(`/api/assessments/${reference}/maturity`));
    expect(maturity.rated).toBeGreaterThan(0);
    expect(maturity.processes.find((p) => p.process === 'change-management')!.level).toBeNull();
    expect(maturity.belowFloor).toContain('incident-management');
    const readiness = json<{ totals: Record<string, number> }>(await get('/api/readiness'));
    expect(readiness.totals.done).toBe(1);
    const evaluation = json<{ items: { requirementId: string; outcome: string }[] }>(await get('/api/compliance/evaluation'));
    // Each nonconformity it raised has an owned corrective action.
    expect(evaluation.items.find((r) => r.requirementId === '10.1-01')!.outcome).toBe('conformant');
    expect(evaluation.items.find((r) => r.requirementId === '9.2-01')!.outcome).toBe('nonconformant');
  });

  it('exports the gap-assessment workbook: summary, a sheet per clause group, evidence index', async () => {
    const res = await get(`/api/assessments/${reference}/exports/workbook`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const names = book.worksheets.map((w) => w.name);
    expect(names[0]).toBe('Summary');
    expect(names.at(-1)).toBe('Evidence index');
    expect(names).toHaveLength(15);
    expect(names).toContain('8.7 Service assurance');
    // Excel's 31 characters: a long name ends after its last whole word, with an ellipsis.
    expect(names).toEqual(expect.arrayContaining(['7 Support of the service…', '8.1 Operational planning and…', '8.5 Service design, build and…']));
    expect(names.every((n) => n.length <= 31)).toBe(true);
    const evaluation = book.worksheets.find((w) => w.name.startsWith('9 '))!;
    const audit = evaluation.getColumn(1).values.indexOf('9.2-01');
    expect(evaluation.getRow(audit).getCell(5).value).toBe('Nonconformant (major)');
    const assurance = book.getWorksheet('8.7 Service assurance')!;
    expect(assurance.getRow(assurance.getColumn(1).values.indexOf('8.7.2-03')).getCell(5).value).toBe('Not assessed');
    const summary = book.getWorksheet('Summary')!;
    expect(String(summary.getCell('A1').value)).toContain(reference);
    const index = book.getWorksheet('Evidence index')!;
    const cited = index.getColumn(7).values.filter((v) => v === 'IMP-000003');
    expect(cited.length).toBeGreaterThan(0);
    expect(index.rowCount).toBeGreaterThan(50);
  });

  it('exports a PDF report with summary, heatmap, findings, maturity and readiness', async () => {
    const res = await get(`/api/assessments/${reference}/exports/report`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const db = t.certus.database.db;
    const report = await assessmentReportOf(db, currentCatalogue(), await getRecord(db, assessmentRecord, reference));
    const text = pdfText(await pdfReport(report, { compress: false }));
    for (const expected of ['Gap assessment report', 'Heatmap by clause', 'Findings', '9.2-01 Internal audits planned, done and reported: Nonconformant (major)', 'Process maturity', 'Certification readiness', 'Policy approved and SMS resourced by top management']) {
      expect(text).toContain(expected);
    }
    // Table cells wrap and rows grow: the heatmap's headings are whole words, and nothing is cut to an ellipsis.
    const lines = text.split('\n');
    for (const heading of ['Nonconformant', 'Not applicable', 'Not assessed', 'Not answered']) expect(lines, heading).toContain(heading);
    expect(text).not.toMatch(/\u0085|\u2026/);
  });

  it('exports OSCAL 1.2.1 assessment-results that validate against NIST\'s schema', async () => {
    const res = await get(`/api/assessments/${reference}/exports/oscal-assessment-results`);
    expect(res.statusCode).toBe(200);
    const document = json<{ 'assessment-results': { results: { findings: { target: { 'target-id': string; status: { state: string } } }[] }[] } }>(res);
    const validate = assessmentResultsValidator();
    expect(validate(document), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
    const findings = document['assessment-results'].results[0]!.findings;
    // A finding for each requirement judged; those not assessed have none.
    const { counts } = json<{ totals: { counts: Record<string, number> } }>(await get(`/api/assessments/${reference}/worksheet`)).totals;
    expect(findings).toHaveLength(counts.conformant! + counts.partial! + counts.nonconformant!);
    expect(findings.find((f) => f.target['target-id'] === 'req-9.2-01')!.target.status.state).toBe('not-satisfied');
  });
});
