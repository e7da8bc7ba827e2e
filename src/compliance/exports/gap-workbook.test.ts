import { describe, expect, it } from 'vitest';
import { sheetName } from './gap-workbook.js';

describe('workbook sheet names', () => {
  it('keeps a name that fits whole', () => {
    expect(sheetName('8.7', 'Service assurance')).toBe('8.7 Service assurance');
  });

  it('cuts a long name after its last whole word, within Excel\'s 31 characters', () => {
    const name = sheetName('8.5', 'Service design, build and transition');
    expect(name).toBe('8.5 Service design, build and…');
    expect(name.length).toBeLessThanOrEqual(31);
  });

  it('replaces the characters Excel refuses', () => {
    expect(sheetName('4', 'Context: scope/boundaries')).toBe('4 Context scope boundaries');
  });
});
