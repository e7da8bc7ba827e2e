import { describe, expect, it } from 'vitest';
import { kpiBasisText, kpiValueText, lastDays } from './kpi';

describe('KPI text', () => {
  it('shows each unit the way people read it, and a dash when nothing was measured', () => {
    expect(kpiValueText({ value: 66.7, unit: 'percent' })).toBe('66.7%');
    expect(kpiValueText({ value: 32.75, unit: 'days' })).toBe('32.8 days');
    expect(kpiValueText({ value: 1, unit: 'days' })).toBe('1 day');
    expect(kpiValueText({ value: 10.2, unit: 'hours' })).toBe('10.2 h');
    expect(kpiValueText({ value: 1234, unit: 'count' })).toBe('1,234');
    expect(kpiValueText({ value: null, unit: 'percent' })).toBe('—');
  });

  it('says what a share or a mean was computed from', () => {
    expect(kpiBasisText({ numerator: 2, denominator: 5, unit: 'percent' })).toBe('2 of 5');
    expect(kpiBasisText({ numerator: null, denominator: 4, unit: 'days' })).toBe('over 4');
    expect(kpiBasisText({ numerator: 5, denominator: null, unit: 'count' })).toBeNull();
  });

  it('counts a period of whole days ending today', () => {
    expect(lastDays(30, Date.UTC(2026, 10, 28, 15))).toEqual({ from: '2026-10-30', to: '2026-11-28' });
    expect(lastDays(1, Date.UTC(2026, 10, 28))).toEqual({ from: '2026-11-28', to: '2026-11-28' });
  });
});
