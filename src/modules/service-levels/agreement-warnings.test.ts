import { describe, expect, it } from 'vitest';
import { compareTargets, type AgreementTerms } from './agreement-warnings.js';
import type { AgreementTargets } from './agreement-targets.js';

function targets(values: Partial<Record<'P1' | 'P2' | 'P3' | 'P4', [number | null, number | null]>>): AgreementTargets {
  const t = {} as AgreementTargets;
  for (const p of ['P1', 'P2', 'P3', 'P4'] as const) t[p] = { response: values[p]?.[0] ?? null, resolution: values[p]?.[1] ?? null };
  return t;
}

const sla: AgreementTerms = { reference: 'SLA-000002', kind: 'sla', party: 'Network SLA', calendarId: '24x7', targets: targets({ P1: [15, 240], P2: [30, 480], P4: [240, 2880] }) };

describe('compareTargets', () => {
  it('warns when an SLA target is tighter than the contract that underpins it, naming both and the supplier', () => {
    const contract: AgreementTerms = { reference: 'UC-000001', kind: 'contract', party: 'Acme Networks', calendarId: null, targets: targets({ P1: [15, 360], P2: [30, 480] }) };
    const warnings = compareTargets(sla, [contract]);
    expect(warnings.map((w) => w.message)).toEqual(['P1 resolution 4h in SLA-000002 is tighter than 6h in UC-000001 (Acme Networks) that underpins it']);
    expect(warnings[0]).toMatchObject({ kind: 'tighter-target', priority: 'P1', measure: 'resolution', slaMinutes: 240, underpinningMinutes: 360 });
  });

  it('compares response targets too, and names the OLA\'s group', () => {
    const ola: AgreementTerms = { reference: 'OLA-000003', kind: 'ola', party: 'network', calendarId: '24x7', targets: targets({ P1: [30, 120], P4: [60, 3000] }) };
    expect(compareTargets(sla, [ola]).map((w) => w.message)).toEqual([
      'P1 response 15m in SLA-000002 is tighter than 30m in OLA-000003 (network) that underpins it',
      'P4 resolution 2d in SLA-000002 is tighter than 2d 2h in OLA-000003 (network) that underpins it',
    ]);
  });

  it('says nothing when underpinning targets are equal, looser on the SLA side, or missing on either side', () => {
    const ola: AgreementTerms = { reference: 'OLA-000004', kind: 'ola', party: 'hosting', calendarId: null, targets: targets({ P1: [10, 240], P3: [120, 9999] }) };
    expect(compareTargets(sla, [ola])).toEqual([]);
    expect(compareTargets(sla, [])).toEqual([]);
  });

  it('does not compare minutes counted on different calendars, and says why', () => {
    const ola: AgreementTerms = { reference: 'OLA-000005', kind: 'ola', party: 'service desk', calendarId: 'london-business-hours', targets: targets({ P1: [60, 600] }) };
    const [warning, ...rest] = compareTargets(sla, [ola]);
    expect(rest).toEqual([]);
    expect(warning).toMatchObject({ kind: 'different-calendar', underpinning: 'OLA-000005', priority: null });
    expect(warning!.message).toBe('OLA-000005 (service desk) counts business time on london-business-hours but SLA-000002 on 24x7, so their targets cannot be compared minute for minute');
    // With the calendars' names, the message names them instead of their ids.
    const names = new Map([['london-business-hours', 'London business hours'], ['24x7', 'Round the clock']]);
    expect(compareTargets(sla, [ola], names)[0]!.message).toBe('OLA-000005 (service desk) counts business time on London business hours but SLA-000002 on Round the clock, so their targets cannot be compared minute for minute');
  });
});
