import { describe, expect, it } from 'vitest';
import { attainmentDescription, dayBefore, dueState, dueText, monthLabel, queueLink } from './start-view';

describe('start page helpers', () => {
  const now = Date.UTC(2026, 11, 7, 12);
  const hour = 3_600_000;

  it('says how long is left, how long overdue, or why there is no due time', () => {
    expect(dueText({ dueAt: now + 2 * hour, paused: false, breached: false }, now)).toBe('due in 2h 00m 00s');
    expect(dueText({ dueAt: now - 30 * 60_000, paused: false, breached: true }, now)).toBe('overdue 30m 00s');
    expect(dueText({ dueAt: null, paused: true, breached: false }, now)).toBe('paused');
    expect(dueText({ dueAt: null, paused: false, breached: false }, now)).toBe('no target');
  });

  it('flags work past its due time as breached even before the watch has looked', () => {
    expect(dueState({ dueAt: now - 1, paused: false, breached: false, atRisk: true }, now)).toBe('breached');
    expect(dueState({ dueAt: now + hour, paused: false, breached: false, atRisk: true }, now)).toBe('at-risk');
    expect(dueState({ dueAt: null, paused: true, breached: false, atRisk: false }, now)).toBe('paused');
  });

  it('links to the queue filtered as the figure counts', () => {
    expect(queueLink({ assigneeId: 'me' })).toBe('/queue?assigneeId=me');
    expect(queueLink({ assignmentGroup: 'Service desk' })).toBe('/queue?assignmentGroup=Service+desk');
  });

  it('gives the day before, for "target date before today"', () => {
    expect(dayBefore('2026-03-01')).toBe('2026-02-28');
  });

  it('describes the attainment chart in words, saying where nothing was measured', () => {
    expect(monthLabel('2026-07')).toBe('Jul 26');
    const text = attainmentDescription({ from: '', to: '', target: 95, months: [{ month: '2026-06', attainmentPercent: 97.5, breaches: 1 }, { month: '2026-07', attainmentPercent: null, breaches: 0 }], attainmentPercent: 97.5, atRiskNow: 0, breachedOpenNow: 0, servicesOffTarget: [], kpisOffTarget: [] });
    expect(text).toBe('SLA attainment by month. Jun 26 97.5%, Jul 26 nothing measured. Target 95%.');
  });
});
