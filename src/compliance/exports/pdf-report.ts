import PDFDocument from 'pdfkit';
import { evidenceLabel } from '../assessments/evidence.js';
import { heatmapResults, luminance, resultColours, resultLabels, resultText, scoreColour, type AssessmentReport } from './report-data.js';

type Doc = PDFKit.PDFDocument;
const margin = 50;
const readinessLabels: Record<string, string> = { 'not-started': 'Not started', 'in-progress': 'In progress', done: 'Done', 'not-applicable': 'Not applicable' };

function heading(doc: Doc, text: string): void {
  if (doc.y > doc.page.height - 150) doc.addPage();
  doc.moveDown(0.8).font('Helvetica-Bold').fontSize(14).fillColor('#263238').text(text, margin).moveDown(0.3);
  doc.font('Helvetica').fontSize(10).fillColor('#000000');
}

function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > doc.page.height - margin) doc.addPage();
}

export interface TableCell { text: string; width: number; fill?: string; bold?: boolean; fontSize?: number }

const cellPadding = 3;

function cellFont(doc: Doc, cell: TableCell): Doc {
  return doc.font(cell.bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(cell.fontSize ?? 8);
}

/**
 * Whether a cell's text shows whole: every word fits its width, so wrapping never breaks one.
 * Rows grow to their tallest cell, so nothing is cut at the bottom either.
 */
export function fitsCell(doc: Doc, cell: TableCell): boolean {
  cellFont(doc, cell);
  return cell.text.split(/\s+/).every((word) => doc.widthOfString(word) <= cell.width - 2 * cellPadding);
}


/** One row of fixed-width cells, as tall as its longest text; a cell may have a fill colour (white text on dark fills). */
function tableRow(doc: Doc, cells: TableCell[], minHeight = 18): void {
  const height = Math.max(minHeight, ...cells.map((cell) => Math.ceil(cellFont(doc, cell).heightOfString(cell.text, { width: cell.width - 2 * cellPadding })) + 2 * cellPadding + 2));
  ensureSpace(doc, height);
  const y = doc.y;
  let x = margin;
  for (const cell of cells) {
    if (cell.fill) doc.rect(x, y, cell.width, height).fill(`#${cell.fill}`);
    doc.rect(x, y, cell.width, height).lineWidth(0.5).stroke('#B0BEC5');
    cellFont(doc, cell).fillColor(cell.fill && luminance(cell.fill) < 0.5 ? '#FFFFFF' : '#000000').text(cell.text, x + cellPadding, y + cellPadding + 1, { width: cell.width - 2 * cellPadding });
    x += cell.width;
  }
  doc.fillColor('#000000').font('Helvetica').fontSize(10);
  doc.x = margin;
  doc.y = y + height;
}

/** The heatmap table's header: each result's full label, wrapped, in columns its longest word fits. */
export function heatmapHeader(): TableCell[] {
  return [
    { text: 'Clause', width: 100, bold: true },
    ...heatmapResults.map((r) => ({ text: resultLabels[r]!, width: 59, bold: true, fontSize: 7 })),
    { text: 'Score', width: 41, bold: true },
  ];
}

function summary(doc: Doc, report: AssessmentReport): void {
  const a = report.assessment;
  doc.font('Helvetica-Bold').fontSize(20).text(`${report.kindLabel} report`, margin, margin);
  doc.font('Helvetica').fontSize(12).text(`${a.reference} ${report.title}`).moveDown();
  doc.fontSize(10);
  const facts: [string, string][] = [
    ['Standard', report.catalogue.info.standard],
    ['Scope', report.scopeText],
    ['Status', report.statusLabel],
    ['Lead assessor', report.leadAssessorName ?? 'not named'],
    ['Planned', [a.planned_start, a.planned_end].filter(Boolean).join(' to ') || 'not set'],
    ['Generated', new Date(report.generatedAt).toISOString().slice(0, 16).replace('T', ' ') + ' UTC'],
  ];
  for (const [k, v] of facts) doc.font('Helvetica-Bold').text(`${k}: `, { continued: true }).font('Helvetica').text(v);
  heading(doc, 'Summary');
  const o = report.heatmap.overall;
  doc.text(`${o.requirements} requirements in scope: ${o.counts.conformant} conformant, ${o.counts.partial} partial, ${o.counts.nonconformant} nonconformant (${o.major} major, ${o.minor} minor), ${o.counts['not-applicable']} not applicable, ${o.counts['not-assessed'] + o.counts.unanswered} not assessed.`);
  if (o.score !== null) doc.text(`Conformance score: ${o.score}% of the requirements assessed (partial counts half).`);
  const conclusion = a.conclusion as string | null;
  if (conclusion) doc.moveDown(0.5).font('Helvetica-Bold').text('Conclusion').font('Helvetica').text(conclusion);
}

function heatmap(doc: Doc, report: AssessmentReport): void {
  heading(doc, 'Heatmap by clause');
  const header = heatmapHeader();
  tableRow(doc, header, 24);
  const widthOf = (i: number) => header[i]!.width;
  for (const cell of [...report.heatmap.byClause, report.heatmap.overall]) {
    tableRow(doc, [
      { text: cell.id === 'all' ? 'All in scope' : `${cell.id} ${cell.title}`, width: widthOf(0), bold: cell.id === 'all' },
      ...heatmapResults.map((r, i) => ({ text: String(cell.counts[r]), width: widthOf(i + 1), fill: cell.counts[r] > 0 ? resultColours[r] : undefined })),
      { text: cell.score === null ? '-' : `${cell.score}%`, width: widthOf(header.length - 1), fill: scoreColour(cell.score) },
    ]);
  }
}

function findings(doc: Doc, report: AssessmentReport): void {
  heading(doc, 'Findings');
  const order = (g: string | null, r: string) => (r === 'nonconformant' ? (g === 'major' ? 0 : 1) : 2);
  const found = report.rows.filter((r) => r.answer && (r.answer.result === 'nonconformant' || r.answer.result === 'partial'))
    .sort((x, y) => order(x.answer!.grade, x.answer!.result) - order(y.answer!.grade, y.answer!.result));
  if (found.length === 0) doc.text('No nonconformities or partial results were recorded.');
  for (const r of found) {
    ensureSpace(doc, 60);
    doc.font('Helvetica-Bold').text(`${r.requirement.id} ${r.requirement.title}: ${resultText(r.answer)}`);
    doc.font('Helvetica');
    if (r.answer!.notes) doc.text(r.answer!.notes);
    if (r.answer!.followUp) doc.text(`Follow-up: ${r.answer!.followUp}`);
    if (r.answer!.evidence.length) doc.fillColor('#546E7A').text(`Evidence: ${r.answer!.evidence.map(evidenceLabel).join('; ')}`).fillColor('#000000');
    doc.moveDown(0.4);
  }
  const ofis = report.rows.filter((r) => r.answer?.improvementOpportunity);
  if (ofis.length) {
    heading(doc, 'Opportunities for improvement');
    for (const r of ofis) doc.text(`${r.requirement.id}: ${r.answer!.improvementOpportunity}`).moveDown(0.2);
  }
}

function maturity(doc: Doc, report: AssessmentReport): void {
  heading(doc, 'Process maturity');
  const m = report.maturity;
  doc.text(`${m.rated} of ${m.processes.length} processes rated; average ${m.average ?? '-'}, lowest ${m.minimum ?? '-'}. ${m.belowFloor.length ? `Below level ${m.floor}: ${m.belowFloor.join(', ')}.` : `No rated process is below level ${m.floor}.`}`).moveDown(0.3);
  tableRow(doc, [{ text: 'Process', width: 190, bold: true }, { text: 'Level', width: 45, bold: true }, { text: 'Reason', width: 260, bold: true }]);
  for (const p of m.processes) {
    tableRow(doc, [
      { text: `${p.clause} ${p.title}`, width: 190 },
      { text: p.level === null ? '-' : `${p.level} ${p.levelName ?? ''}`, width: 45, fill: p.level === null ? undefined : p.belowFloor ? 'C62828' : '2E7D32' },
      { text: p.reason ?? 'Not rated', width: 260 },
    ]);
  }
}

function readiness(doc: Doc, report: AssessmentReport): void {
  heading(doc, 'Certification readiness');
  const r = report.readiness;
  doc.text(`${r.totals.done} of ${r.items.length} checklist items done (${r.percentDone}% of those that apply).`).moveDown(0.3);
  const fills: Record<string, string> = { done: '2E7D32', 'in-progress': 'F9A825', 'not-started': 'E0E0E0', 'not-applicable': '607D8B' };
  for (const item of r.items) {
    tableRow(doc, [{ text: item.id, width: 50 }, { text: item.title, width: 355 }, { text: readinessLabels[item.state] ?? item.state, width: 90, fill: fills[item.state] }]);
  }
}

/** The assessment report a consultant hands over: summary, heatmap, findings, maturity, readiness. */
export function pdfReport(report: AssessmentReport, options: { compress?: boolean } = {}): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin, compress: options.compress ?? true, info: { Title: `${report.assessment.reference} ${report.title}`, Author: 'Certus', CreationDate: new Date(report.generatedAt) } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  summary(doc, report);
  heatmap(doc, report);
  findings(doc, report);
  maturity(doc, report);
  readiness(doc, report);
  doc.end();
  return done;
}
