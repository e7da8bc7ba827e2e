import { describe, expect, it } from 'vitest';
import { byDue, nextOpenTasks } from './request-work.js';

describe('request work', () => {
  it('offers only the first open task of each request, as tasks are done in order', () => {
    const next = nextOpenTasks([
      { reference: 'RTK-3', request: 'REQ-1', position: 3 },
      { reference: 'RTK-2', request: 'REQ-1', position: 2 },
      { reference: 'RTK-9', request: 'REQ-2', position: 1 },
    ]);
    expect(next.map((t) => t.reference).sort()).toEqual(['RTK-2', 'RTK-9']);
  });

  it('orders by due time with undated work last, then by age and reference', () => {
    const items = [
      { reference: 'REQ-4', dueAt: null, createdAt: 5 },
      { reference: 'REQ-3', dueAt: 200, createdAt: 9 },
      { reference: 'REQ-2', dueAt: null, createdAt: 1 },
      { reference: 'REQ-1', dueAt: 100, createdAt: 9 },
    ];
    expect([...items].sort(byDue).map((i) => i.reference)).toEqual(['REQ-1', 'REQ-3', 'REQ-2', 'REQ-4']);
  });
});
