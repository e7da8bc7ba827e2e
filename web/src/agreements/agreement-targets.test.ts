import { describe, expect, it } from 'vitest';
import { businessDuration, targetField, targetsSet } from './agreement-targets';

describe('agreement targets', () => {
  it('names the record field for a priority and measure', () => {
    expect(targetField('P1', 'response')).toBe('p1ResponseMinutes');
    expect(targetField('P4', 'resolution')).toBe('p4ResolutionMinutes');
  });

  it('reads business minutes as hours and minutes', () => {
    expect(businessDuration(30)).toBe('30m');
    expect(businessDuration(240)).toBe('4h');
    expect(businessDuration(150)).toBe('2h 30m');
    expect(businessDuration(null)).toBe('—');
  });

  it('counts the targets set', () => {
    expect(targetsSet({ p1ResponseMinutes: 15, p1ResolutionMinutes: 240, p2ResponseMinutes: null })).toBe(2);
  });
});
