import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './duration-text.js';

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

describe('formatDuration', () => {
  it('shows the two largest units, truncated', () => {
    expect(formatDuration(2 * hour + 10 * minute)).toBe('2h 10m');
    expect(formatDuration(3 * day + 4 * hour + 59 * minute)).toBe('3d 4h');
    expect(formatDuration(2 * hour + 10 * minute + 59_999)).toBe('2h 10m');
  });

  it('drops zero units and shows seconds only under a minute', () => {
    expect(formatDuration(hour)).toBe('1h');
    expect(formatDuration(2 * day + 5 * minute)).toBe('2d'); // 2d 0h 5m, two units → 2d
    expect(formatDuration(45_000)).toBe('45s');
    expect(formatDuration(61_000)).toBe('1m');
    expect(formatDuration(0)).toBe('0m');
    expect(formatDuration(999)).toBe('0m');
  });

  it('writes long forms and negative durations', () => {
    expect(formatDuration(2 * hour + minute, { style: 'long' })).toBe('2 hours 1 minute');
    expect(formatDuration(day + 2 * hour + 3 * minute, { units: 3 })).toBe('1d 2h 3m');
    expect(formatDuration(-(90 * minute))).toBe('-1h 30m');
  });
});

describe('parseDuration', () => {
  it('reads what people type', () => {
    expect(parseDuration('4h')).toBe(4 * hour);
    expect(parseDuration('1d 4h')).toBe(day + 4 * hour);
    expect(parseDuration('2 hours 30 minutes')).toBe(2.5 * hour);
    expect(parseDuration('90m')).toBe(90 * minute);
    expect(parseDuration('1.5h')).toBe(90 * minute);
  });

  it('returns null for anything else', () => {
    expect(parseDuration('')).toBeNull();
    expect(parseDuration('soon')).toBeNull();
    expect(parseDuration('4 hoursx')).toBeNull();
    expect(parseDuration('4')).toBeNull();
  });
});
