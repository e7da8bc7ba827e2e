import { describe, expect, it } from 'vitest';
import { timelineFromHistory } from './clock-timeline.js';

describe('timelineFromHistory', () => {
  it('turns created, updated and transitioned events into clock events', () => {
    const timeline = timelineFromHistory([
      { kind: 'created', at: 1000, data: { status: 'new', fields: { priority: 'P2', assignmentGroup: 'network', title: 'VPN down' } } },
      { kind: 'commented', at: 1500, data: { body: 'looking' } },
      { kind: 'updated', at: 2000, data: { changes: [{ field: 'priority', from: 'P2', to: 'P1' }, { field: 'title', from: 'a', to: 'b' }] } },
      { kind: 'transitioned', at: 3000, data: { from: 'new', to: 'awaiting-supplier', changes: [{ field: 'supplier', from: null, to: 'acme' }] } },
      { kind: 'updated', at: 4000, data: { changes: [{ field: 'firstRespondedAt', from: null, to: 3500 }, { field: 'assignmentGroup', from: 'network', to: null }] } },
      { kind: 'transitioned', at: 5000, data: { from: 'awaiting-supplier', to: 'in-progress', changes: [{ field: 'supplier', from: 'acme', to: null }] } },
    ]);
    expect(timeline).toEqual([
      { at: 1000, status: 'new', priority: 'P2', assignmentGroup: 'network' },
      { at: 2000, priority: 'P1' },
      { at: 3000, status: 'awaiting-supplier', supplier: 'acme', supplierHeld: true },
      { at: 4000, responded: true, assignmentGroup: null },
      { at: 5000, status: 'in-progress', supplier: null, supplierHeld: false },
    ]);
  });

  it('reads other field names when told', () => {
    const timeline = timelineFromHistory([{ kind: 'created', at: 1, data: { status: 'new', fields: { urgency: 'P3', team: 'db' } } }], { priority: 'urgency', assignmentGroup: 'team' });
    expect(timeline).toEqual([{ at: 1, status: 'new', priority: 'P3', assignmentGroup: 'db' }]);
  });
});
