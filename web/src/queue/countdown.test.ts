import { describe, expect, it } from 'vitest';
import { countdownText, formatSpan, slaState } from './countdown';

const h = 3_600_000;
const running = { status: 'running', pauseReason: null, dueAt: 10 * h, breached: false, breachedAt: null, atRisk: false };

describe('queue countdowns', () => {
  it('formats spans precisely when close and briefly when far', () => {
    expect(formatSpan(45_000)).toBe('45s');
    expect(formatSpan(61_000)).toBe('1m 01s');
    expect(formatSpan(h + 2 * 60_000 + 5_000)).toBe('1h 02m 05s');
    expect(formatSpan(3 * 24 * h + 4 * h + 5_000)).toBe('3d 04h');
  });

  it('counts down to the due instant, then counts the time overdue', () => {
    expect(countdownText(running, 9 * h)).toBe('1h 00m 00s');
    expect(countdownText(running, 9 * h + 1500)).toBe('59m 58s');
    expect(countdownText(running, 11 * h)).toBe('overdue 1h 00m 00s');
  });

  it('says why a clock is paused, and when there is no SLA', () => {
    expect(countdownText({ ...running, status: 'paused', pauseReason: 'awaiting-caller', dueAt: null }, 0)).toBe('paused: awaiting caller');
    expect(countdownText(null, 0)).toBe('no SLA');
  });

  it('turns at risk and breached as time passes between server answers', () => {
    const clock = { ...running, atRiskAt: 8 * h };
    expect(slaState(clock, 7 * h)).toBe('on-track');
    expect(slaState(clock, 8 * h)).toBe('at-risk');
    expect(slaState(clock, 10 * h)).toBe('breached');
    expect(slaState({ ...running, status: 'paused', dueAt: null }, 0)).toBe('paused');
  });
});
