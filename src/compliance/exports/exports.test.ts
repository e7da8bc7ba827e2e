import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asUser, json, startTestApp, type SignedIn, type TestApp } from '../../../test/support/test-app.js';
import { storeNames } from '../../../test/support/test-databases.js';
import { assemble } from '../../certus.js';
import { loadDemo } from '../../demo.js';
import { improvementsModule } from '../../modules/improvements/index.js';
import { complianceModule } from '../compliance.module.js';
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
    // Every module's tables (the rules read their facts), but only the demo data these tests
    // count on, so other modules' demos cannot break them.
    t = await startTestApp(store);
    await loadDemo(t.certus.database, assemble([improvementsModule, complianceModule]));
    manager = await t.user(['sms-manager']);
    const list = json<{ items: { reference: string; kind: string; status: string }[] }>(await t.app.inject({ method: 'GET', url: '/api/assessments', headers: asUser(manager) }));
    const demo = list.items.find((a) => a.kind === 'gap-assessment');
    expect(demo?.status).toBe('approved');
    reference = demo!.reference;
  });
  afterAll(async () => t?.close());

  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: asUser(manager) });

  it('loads a completed gap assessment answering all 105 requirements with mixed results', async () => {
    const sheet = json<{ requirements: Row[]; totals: { counts: Record<string, number>; major: number; minor: number } }>(await get(`/api/assessments/${reference}/worksheet`));
    expect(sheet.requirements).toHaveLength(105);
    expect(sheet.requirements.every((r) => r.answer !== null)).toBe(true);
    expect(sheet.totals.counts).toMatchObject({ nonconformant: 9, 'not-applicable': 1, unanswered: 0 });
    expect(sheet.totals.counts.partial).toBeGreaterThan(20);
    expect(sheet.totals.major).toBe(3);
    const maturity = json<{ rated: number; unrated: number; belowFloor: string[] }>(await get(`/api/assessments/${reference}/maturity`));
    expect(maturity.unrated).toBe(0);
    expect(maturity.belowFloor).toContain('continuity-management');
    const readiness = json<{ totals: Record<string, number> }>(await get('/api/readiness'));
    expect(readiness.totals.done).toBe(3);
    const evaluation = json<{ items: { requirementId: string; outcome: string }[] }>(await get('/api/compliance/evaluation'));
    expect(evaluation.items.find((r) => r.requirementId === '10.1-01')!.outcome).toBe('partial');
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
    const assurance = book.getWorksheet('8.7 Service assurance')!;
    const continuity = assurance.getColumn(1).values.indexOf('8.7.2-03');
    expect(assurance.getRow(continuity).getCell(5).value).toBe('Nonconformant (major)');
    const summary = book.getWorksheet('Summary')!;
    expect(String(summary.getCell('A1').value)).toContain(reference);
    const index = book.getWorksheet('Evidence index')!;
    const cited = index.getColumn(7).values.filter((v) => v === 'IMP-000003');
    expect(cited.length).toBeGreaterThan(0);
    expect(index.rowCount).toBeGreaterThan(90);
  });

  it('exports a PDF report with summary, heatmap, findings, maturity and readiness', async () => {
    const res = await get(`/api/assessments/${reference}/exports/report`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const db = t.certus.database.db;
    const report = await assessmentReportOf(db, currentCatalogue(), await getRecord(db, assessmentRecord, reference));
    const text = pdfText(await pdfReport(report, { compress: false }));
    for (const expected of ['Gap assessment report', 'Heatmap by clause', 'Findings', '8.7.2-03 Continuity plans tested: Nonconformant (major)', 'Process maturity', 'Certification readiness', 'Policy approved and SMS resourced by top management']) {
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
    expect(findings).toHaveLength(105);
    expect(findings.find((f) => f.target['target-id'] === 'req-8.7.2-03')!.target.status.state).toBe('not-satisfied');
  });
});
