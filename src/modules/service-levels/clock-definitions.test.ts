import { describe, expect, it } from 'vitest';
import { computeSlaClocks, createBusinessCalendar, type TimelineEvent } from '../../kernel/calendar/index.js';
import type { AgreementTargets } from './agreement-targets.js';
import { clocksForAgreements, type SlaTerms, type UnderpinningClockTerms } from './clock-definitions.js';

function targets(values: Partial<Record<'P1' | 'P2' | 'P3' | 'P4', [number | null, number | null]>>): AgreementTargets {
  const t = {} as AgreementTargets;
  for (const p of ['P1', 'P2', 'P3', 'P4'] as const) t[p] = { response: values[p]?.[0] ?? null, resolution: values[p]?.[1] ?? null };
  return t;
}

const sla: SlaTerms = {
  id: '01900000-0000-7000-8000-000000000001', reference: 'SLA-000001', title: 'Network SLA', calendarId: '24x7', atRiskPercent: 80,
  pauseStatuses: ['awaiting-customer'], targets: targets({ P1: [15, 240], P2: [30, 480], P3: [null, 1440] }),
};
const ola: UnderpinningClockTerms = { reference: 'OLA-000001', kind: 'ola', party: 'network', calendarId: null, targets: targets({ P1: [10, 180] }) };
const contract: UnderpinningClockTerms = { reference: 'UC-000001', kind: 'contract', party: 'Acme Networks', calendarId: 'office', targets: targets({ P1: [15, 360] }) };

describe('clocksForAgreements', () => {
  it('gives the SLA response and resolution clocks in business milliseconds per priority', () => {
    const [response, resolution] = clocksForAgreements(sla, []);
    expect(response).toEqual({
      id: 'response', name: 'SLA-000001 first response', slaId: 'SLA-000001', calendarId: '24x7', stopOnFirstResponse: true,
      pauseStatuses: ['awaiting-customer'], stopStatuses: ['resolved', 'closed'], atRiskPercent: 80,
      targets: { P1: 15 * 60_000, P2: 30 * 60_000 },
    });
    expect(resolution!.targets).toEqual({ P1: 4 * 3_600_000, P2: 8 * 3_600_000, P3: 24 * 3_600_000 });
    expect(resolution!.stopOnFirstResponse).toBeUndefined();
  });

  it('adds an OLA clock that runs while its group holds the ticket and a contract clock while the supplier does', () => {
    const clocks = clocksForAgreements(sla, [ola, contract], { stopStatuses: ['resolved'] });
    expect(clocks.map((c) => c.id)).toEqual(['response', 'resolution', 'ola-OLA-000001', 'uc-UC-000001']);
    const [olaClock, ucClock] = clocks.slice(2);
    expect(olaClock).toMatchObject({ runsWhile: { kind: 'ola', group: 'network' }, calendarId: '24x7', pauseStatuses: ['awaiting-customer'], stopStatuses: ['resolved'], targets: { P1: 3 * 3_600_000 } });
    expect(ucClock).toMatchObject({ runsWhile: { kind: 'supplier', supplier: 'Acme Networks' }, calendarId: 'office', targets: { P1: 6 * 3_600_000 } });
    expect(ucClock!.pauseStatuses).toBeUndefined();
  });

  it('binds every clock to the SLA reference unless asked not to', () => {
    expect(clocksForAgreements(sla, [ola, contract]).every((c) => c.slaId === 'SLA-000001')).toBe(true);
    expect(clocksForAgreements(sla, [ola, contract], { bindToSla: false }).every((c) => !('slaId' in c))).toBe(true);
  });

  it('leaves out clocks without any target', () => {
    const noResponse: SlaTerms = { ...sla, targets: targets({ P2: [null, 480] }) };
    const idle: UnderpinningClockTerms = { ...ola, targets: targets({ P1: [10, null] }) };
    expect(clocksForAgreements(noResponse, [idle]).map((c) => c.id)).toEqual(['resolution']);
  });

  it('produces definitions the kernel clock engine runs: the OLA clock counts only the group\'s time', () => {
    const calendar = createBusinessCalendar({ timeZone: 'UTC', workingHours: Object.fromEntries(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((d) => [d, [{ start: '00:00', end: '24:00' }]])) });
    const t0 = Date.parse('2026-11-02T09:00:00Z');
    const hour = 3_600_000;
    const timeline: TimelineEvent[] = [
      { at: t0, status: 'new', priority: 'P1', slaId: 'SLA-000001', assignmentGroup: 'service-desk' },
      { at: t0 + hour, assignmentGroup: 'network' },
      { at: t0 + 3 * hour, status: 'resolved' },
    ];
    const [, resolution, olaClock] = computeSlaClocks(timeline, clocksForAgreements(sla, [ola]), { calendar, calendars: { '24x7': calendar }, now: t0 + 5 * hour });
    expect(resolution!.elapsedMillis).toBe(3 * hour);
    expect(olaClock!.elapsedMillis).toBe(2 * hour);
  });
});
