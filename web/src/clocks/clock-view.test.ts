import { describe, expect, it } from 'vitest';
import { clockStatus, pauseReason, percentView, remainingLabel, segmentSentence, targetLabel, type Clock } from './clock-view';

const minute = 60_000;
const clock = (extra: Partial<Clock> = {}): Clock => ({
  clockId: 'resolution', name: 'Resolution', status: 'running', priority: 'P2', targetMillis: 60 * minute, elapsedMillis: 20 * minute,
  pausedMillis: 0, remainingMillis: 40 * minute, percentUsed: 33.3, dueAt: 1_800_000_000_000, atRisk: false, atRiskAt: null, breached: false,
  breachedAt: null, stoppedAt: null, elapsedText: '20m', remainingText: '40m', segments: [], ...extra,
});
const pausedFor = (reason: string) => clock({
  status: 'paused',
  segments: [
    { from: 0, to: 10, state: 'running', businessMillis: 10, wallMillis: 10, reason: null, text: 'running 20m' },
    { from: 10, to: 20, state: 'paused', businessMillis: 10, wallMillis: 10, reason, text: `paused 2h 10m ${reason.replace('-', ' ')}` },
  ],
});

describe('clock status in words', () => {
  it('says running, at risk and breached', () => {
    expect(clockStatus(clock())).toMatchObject({ tone: 'running', label: 'Running' });
    expect(clockStatus(clock({ atRisk: true }))).toMatchObject({ tone: 'at-risk', label: 'At risk' });
    expect(clockStatus(clock({ atRisk: true, breached: true, remainingMillis: -5 * minute }))).toMatchObject({ tone: 'breached', label: 'Breached' });
  });

  it('says why a clock is paused', () => {
    expect(pauseReason(pausedFor('awaiting-customer'))).toBe('awaiting customer');
    expect(clockStatus(pausedFor('awaiting-customer'))).toMatchObject({ tone: 'paused', label: 'Paused: awaiting customer' });
    expect(clockStatus({ ...pausedFor('awaiting-customer'), breached: true }).label).toBe('Breached, paused: awaiting customer');
    expect(clockStatus(clock({ status: 'paused' })).label).toBe('Paused');
  });

  it('says whether a stopped clock met its target', () => {
    expect(clockStatus(clock({ status: 'stopped' }))).toMatchObject({ tone: 'met', label: 'Stopped, within target' });
    expect(clockStatus(clock({ status: 'stopped', breached: true }))).toMatchObject({ tone: 'breached', label: 'Stopped, target missed' });
    expect(clockStatus(clock({ status: 'stopped', targetMillis: null })).label).toBe('Stopped');
    expect(clockStatus(clock({ status: 'inactive' })).label).toBe('Not started');
    expect(clockStatus(clock({ status: 'not-applicable' })).label).toBe('Not applicable');
  });
});

describe('clock figures', () => {
  it('says what is left, overdue, to spare or over', () => {
    expect(remainingLabel(clock())).toBe('40m left');
    expect(remainingLabel(clock({ remainingMillis: -90 * minute, remainingText: '1h 30m' }))).toBe('1h 30m overdue');
    expect(remainingLabel(clock({ status: 'stopped', remainingText: '10m', remainingMillis: 10 * minute }))).toBe('10m to spare');
    expect(remainingLabel(clock({ status: 'stopped', remainingText: '5m', remainingMillis: -5 * minute }))).toBe('5m over the target');
    expect(remainingLabel(clock({ remainingMillis: null, remainingText: null }))).toBe('No target');
  });

  it('gives the target as business time', () => {
    expect(targetLabel(clock({ targetMillis: 8 * 60 * minute }))).toBe('8h');
    expect(targetLabel(clock({ targetMillis: 90 * minute }))).toBe('1h 30m');
    expect(targetLabel(clock({ targetMillis: null }))).toBe('No target');
  });

  it('fills the bar up to 100 % and says the true figure', () => {
    expect(percentView(clock())).toEqual({ value: 33, label: 'Resolution: 33% of the target used' });
    expect(percentView(clock({ percentUsed: 142.6 }))).toEqual({ value: 100, label: 'Resolution: 143% of the target used' });
    expect(percentView(clock({ percentUsed: null }))).toBeNull();
  });

  it('writes a segment as a sentence', () => {
    expect(segmentSentence({ from: 0, to: 1, state: 'paused', businessMillis: 1, wallMillis: 1, reason: 'awaiting-customer', text: 'paused 2h 10m awaiting customer' })).toBe('Paused 2h 10m awaiting customer');
  });
});
