import { describe, expect, it } from 'vitest';
import { computeSlaClocks, createBusinessCalendar, type ClockDefinition, type TimelineEvent } from '../../kernel/calendar/index.js';
import { clockKind, snapshotsOf, type SnapshotIncident } from './sla-snapshots.js';

const hour = 3_600_000;
const allDay = [{ start: '00:00', end: '24:00' }];
const calendar = createBusinessCalendar({ timeZone: 'UTC', workingHours: { monday: allDay, tuesday: allDay, wednesday: allDay, thursday: allDay, friday: allDay, saturday: allDay, sunday: allDay } });
const common = { stopStatuses: ['resolved', 'closed'], pauseStatuses: ['awaiting-caller'] };
const definitions: ClockDefinition[] = [
  { ...common, id: 'response', name: 'SLA-1 first response', stopOnFirstResponse: true, targets: { P2: hour } },
  { ...common, id: 'resolution', name: 'SLA-1 resolution', targets: { P2: 8 * hour } },
  { ...common, id: 'ola-OLA-1', name: 'OLA-1 Network', runsWhile: { kind: 'ola', group: 'Network' }, targets: { P2: 2 * hour } },
  { ...common, id: 'uc-UC-1', name: 'UC-1 Acme', runsWhile: { kind: 'supplier' }, targets: { P2: 4 * hour } },
];
const start = Date.parse('2026-03-02T09:00:00Z');

function snapshots(timeline: TimelineEvent[], now: number, status: string) {
  const incident: SnapshotIncident = { id: 'i1', status, service: 'SVC-1', sla: 'SLA-1' };
  return snapshotsOf(incident, 'SLA-1', definitions, computeSlaClocks(timeline, definitions, { now, calendar }), now);
}

describe('clock snapshots', () => {
  it('names each clock by kind and measure', () => {
    expect(['response', 'resolution', 'ola-OLA-1', 'uc-UC-1'].map(clockKind)).toEqual(['sla', 'sla', 'ola', 'contract']);
    const result = snapshots([{ at: start, status: 'new', priority: 'P2' }], start + hour / 2, 'new');
    expect(result.map((s) => [s.clockId, s.kind, s.measure])).toEqual([['response', 'sla', 'response'], ['resolution', 'sla', 'resolution'], ['ola-OLA-1', 'ola', 'resolution'], ['uc-UC-1', 'contract', 'resolution']]);
  });

  it('leads with the running resolution clock due first: an OLA before the SLA', () => {
    const result = snapshots([{ at: start, status: 'new', priority: 'P2', assignmentGroup: 'Network' }], start + hour / 2, 'new');
    expect(result.filter((s) => s.lead).map((s) => [s.clockId, s.dueAt])).toEqual([['ola-OLA-1', start + 2 * hour]]);
    expect(result.find((s) => s.clockId === 'resolution')).toMatchObject({ dueAt: start + 8 * hour, atRiskAt: start + 6 * hour, met: null, status: 'running' });
  });

  it('leads with the SLA resolution clock when nothing runs, and says why it is paused', () => {
    const result = snapshots([{ at: start, status: 'new', priority: 'P2' }, { at: start + hour, status: 'awaiting-caller' }], start + 2 * hour, 'awaiting-caller');
    const lead = result.find((s) => s.lead)!;
    expect(lead).toMatchObject({ clockId: 'resolution', status: 'paused', pauseReason: 'awaiting-caller', dueAt: null, atRiskAt: null, elapsedMillis: hour, pausedMillis: hour });
  });

  it('records whether a stopped clock met its target', () => {
    const result = snapshots([{ at: start, status: 'new', priority: 'P2' }, { at: start + 3 * hour, status: 'resolved' }], start + 4 * hour, 'resolved');
    expect(result.find((s) => s.clockId === 'resolution')).toMatchObject({ status: 'stopped', met: true, stoppedAt: start + 3 * hour });
    expect(result.find((s) => s.clockId === 'response')).toMatchObject({ status: 'stopped', met: false, breachedAt: start + hour });
    // An OLA that never ran stops with the ticket, having used nothing.
    expect(result.find((s) => s.clockId === 'ola-OLA-1')).toMatchObject({ status: 'stopped', met: true, elapsedMillis: 0 });
  });
});
