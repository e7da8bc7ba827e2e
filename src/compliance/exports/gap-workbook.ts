import ExcelJS from 'exceljs';
import { evidenceLabel } from '../assessments/evidence.js';
import { heatmapResults, resultColours, resultLabels, resultText, scoreColour, type AssessmentReport } from './report-data.js';

const solid = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${argb}` } });
const bold = { bold: true };
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const sheetNameLimit = 31;

/**
 * Excel refuses some characters in sheet names and allows 31 at most: a longer name is cut at
 * the last whole word that fits, and ends with an ellipsis, so no word is cut in half.
 */
export function sheetName(id: string, title: string): string {
  const full = `${id} ${title}`.replace(/[[\]:*?/\\]/g, ' ').replace(/\s+/g, ' ').trim();
  if (full.length <= sheetNameLimit) return full;
  const room = full.slice(0, sheetNameLimit - 1);
  const lastSpace = room.lastIndexOf(' ');
  const words = (lastSpace > id.length ? room.slice(0, lastSpace) : room).replace(/[\s,;.-]+$/, '');
  return `${words}…`;
}

function header(sheet: ExcelJS.Worksheet, columns: { header: string; key: string; width: number }[]): void {
  sheet.columns = columns;
  const row = sheet.getRow(1);
  row.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  row.fill = solid('37474F');
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
}

function summarySheet(book: ExcelJS.Workbook, report: AssessmentReport): void {
  const sheet = book.addWorksheet('Summary');
  sheet.getColumn(1).width = 34;
  for (const c of [2, 3, 4, 5, 6, 7, 8, 9]) sheet.getColumn(c).width = 15;
  const a = report.assessment;
  sheet.addRow([`${a.reference} ${report.title}`]).font = { bold: true, size: 14 };
  const facts: [string, string][] = [
    ['Kind', report.kindLabel],
    ['Status', report.statusLabel],
    ['Scope', report.scopeText],
    ['Lead assessor', report.leadAssessorName ?? ''],
    ['Planned', [a.planned_start, a.planned_end].filter(Boolean).join(' to ')],
    ['Started from', (a.based_on as string | null) ?? ''],
    ['Conclusion', (a.conclusion as string | null) ?? ''],
    ['Standard', `${report.catalogue.info.standard} (catalogue ${report.catalogue.info.version})`],
    ['Generated', new Date(report.generatedAt).toISOString()],
  ];
  for (const [k, v] of facts) sheet.addRow([k, v]).getCell(1).font = bold;
  sheet.addRow([]);

  const results = heatmapResults;
  const head = sheet.addRow(['Clause', ...results.map((r) => resultLabels[r]), 'Major', 'Minor', 'Score %']);
  head.font = bold;
  const cells = [...report.heatmap.byClause, report.heatmap.overall];
  for (const cell of cells) {
    const row = sheet.addRow([cell.id === 'all' ? 'All requirements in scope' : `${cell.id} ${cell.title}`, ...results.map((r) => cell.counts[r]), cell.major, cell.minor, cell.score ?? '']);
    results.forEach((r, i) => { if (cell.counts[r] > 0) row.getCell(i + 2).fill = solid(resultColours[r]!); });
    row.getCell(results.length + 4).fill = solid(scoreColour(cell.score));
    if (cell.id === 'all') row.font = bold;
  }
  sheet.addRow([]);
  sheet.addRow(['Process maturity (capability level 0-5; the guide recommends 3 or higher before certification, the standard sets no level)']).font = bold;
  sheet.addRow(['Process', 'Clause', 'Level', 'Level name', 'Below 3', 'Reason']).font = bold;
  for (const p of report.maturity.processes) {
    const row = sheet.addRow([p.title, p.clause, p.level ?? '', p.levelName ?? 'Not rated', p.belowFloor ? 'yes' : '', p.reason ?? '']);
    if (p.belowFloor) row.getCell(3).fill = solid('C62828');
  }
}

function clauseSheets(book: ExcelJS.Workbook, report: AssessmentReport): void {
  for (const group of report.groups) {
    const sheet = book.addWorksheet(sheetName(group.id, group.title));
    header(sheet, [
      { header: 'Requirement', key: 'id', width: 12 },
      { header: 'Clause', key: 'clause', width: 10 },
      { header: 'Title', key: 'title', width: 40 },
      { header: 'What to verify', key: 'verify', width: 60 },
      { header: 'Result', key: 'result', width: 22 },
      { header: 'Notes', key: 'notes', width: 50 },
      { header: 'Justification (not applicable)', key: 'justification', width: 30 },
      { header: 'Opportunity for improvement', key: 'ofi', width: 40 },
      { header: 'Follow-up', key: 'followUp', width: 14 },
      { header: 'Evidence', key: 'evidence', width: 50 },
      { header: 'Assessor', key: 'assessor', width: 20 },
      { header: 'Answered', key: 'answered', width: 12 },
      { header: 'Carried over from', key: 'carried', width: 16 },
    ]);
    for (const r of group.rows) {
      const a = r.answer;
      const row = sheet.addRow({
        id: r.requirement.id, clause: r.requirement.clause, title: r.requirement.title, verify: r.requirement.verify,
        result: resultText(a), notes: a?.notes ?? '', justification: a?.justification ?? '', ofi: a?.improvementOpportunity ?? '',
        followUp: a?.followUp ?? '', evidence: (a?.evidence ?? []).map(evidenceLabel).join('\n'),
        assessor: r.assessorName ?? '', answered: a ? isoDate(a.answeredAt) : '', carried: a?.carriedFrom ?? '',
      });
      row.alignment = { vertical: 'top', wrapText: true };
      row.getCell('result').fill = solid(resultColours[a?.result ?? 'unanswered']!);
    }
  }
}

function evidenceSheet(book: ExcelJS.Workbook, report: AssessmentReport): void {
  const sheet = book.addWorksheet('Evidence index');
  header(sheet, [
    { header: 'Requirement', key: 'id', width: 12 },
    { header: 'Clause', key: 'clause', width: 10 },
    { header: 'Requirement title', key: 'title', width: 40 },
    { header: 'Result', key: 'result', width: 22 },
    { header: 'Evidence kind', key: 'kind', width: 14 },
    { header: 'Evidence', key: 'evidence', width: 50 },
    { header: 'Reference or location', key: 'where', width: 50 },
  ]);
  for (const r of report.rows) {
    for (const e of r.answer?.evidence ?? []) {
      sheet.addRow({
        id: r.requirement.id, clause: r.requirement.clause, title: r.requirement.title, result: resultText(r.answer), kind: e.kind,
        evidence: e.kind === 'record' ? e.title : e.kind === 'attachment' ? e.filename : e.title,
        where: e.kind === 'record' ? e.reference : e.kind === 'attachment' ? `attachment ${e.attachmentId}` : e.location,
      });
    }
  }
}

/** The gap-assessment workbook: a summary, one sheet per clause group, and the evidence index. */
export async function gapWorkbook(report: AssessmentReport): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Certus';
  book.created = new Date(report.generatedAt);
  book.title = `${report.assessment.reference} ${report.title}`;
  summarySheet(book, report);
  clauseSheets(book, report);
  evidenceSheet(book, report);
  return Buffer.from(await book.xlsx.writeBuffer());
}
