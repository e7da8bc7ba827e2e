import { describe, expect, it } from 'vitest';
import { explainClock } from './explained-clock.js';
import type { SlaClockResult } from './sla-clock.js';

const hour = 3_600_000;
const result = (extra: Partial<SlaClockResult>): SlaClockResult => ({
  clockId: 'resolution', status: 'stopped', priority: 'P2', targetMillis: 8 * hour, elapsedMillis: 2 * hour, pausedMillis: 0, pausedWallMillis: 0,
  remainingMillis: 6 * hour, percentUsed: 25, dueAt: null, atRisk: false, atRiskAt: null, breached: false, breachedAt: null, stoppedAt: 0,
  cycles: 1, breachedInEarlierCycle: false, segments: [], ...extra,
});

describe('explainClock', () => {
  it('names the clock and says the time used and left', () => {
    expect(explainClock(result({}), 'SLA-000002 resolution')).toMatchObject({ name: 'SLA-000002 resolution', remainingMillis: 6 * hour, elapsedText: '2h', remainingText: '6h' });
  });

  it('says by how much a clock went over its target, where the kernel stops at zero', () => {
    const over = explainClock(result({ elapsedMillis: 12 * hour + 39 * 60_000, remainingMillis: 0, breached: true }), 'resolution');
    expect(over.remainingMillis).toBe(-(4 * hour + 39 * 60_000));
    expect(over.remainingText).toBe('4h 39m');
  });

  it('has nothing to say about time left without a target', () => {
    expect(explainClock(result({ targetMillis: null, remainingMillis: null }), 'resolution')).toMatchObject({ remainingMillis: null, remainingText: null });
  });
});
