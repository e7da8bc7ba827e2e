import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { fitsCell, heatmapHeader } from './pdf-report.js';

describe('the PDF report\'s tables', () => {
  const doc = new PDFDocument({ size: 'A4', margin: 50 });

  it('shows every heatmap heading whole, wrapped but never cut, within the page', () => {
    const header = heatmapHeader();
    for (const cell of header) expect(fitsCell(doc, cell), cell.text).toBe(true);
    expect(header.map((c) => c.text)).toContain('Not applicable');
    expect(header.reduce((sum, c) => sum + c.width, 0)).toBeLessThanOrEqual(doc.page.width - 100);
  });

  it('tells a heading that would be cut from one that fits', () => {
    expect(fitsCell(doc, { text: 'Nonconformant', width: 50, bold: true })).toBe(false);
    expect(fitsCell(doc, { text: 'Not applicable', width: 50, bold: true })).toBe(true);
  });
});
