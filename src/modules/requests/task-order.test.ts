import { describe, expect, it } from 'vitest';
import { nextPosition, openTasks, tasksBefore } from './task-order.js';

const tasks = [
  { reference: 'RTK-3', position: 3, status: 'open' },
  { reference: 'RTK-1', position: 1, status: 'done' },
  { reference: 'RTK-2', position: 2, status: 'open' },
  { reference: 'RTK-4', position: 4, status: 'skipped' },
];

describe('fulfilment task order', () => {
  it('lists open tasks in order', () => {
    expect(openTasks(tasks).map((t) => t.reference)).toEqual(['RTK-2', 'RTK-3']);
  });

  it('blocks a task while an earlier one is open, not by done, skipped or later ones', () => {
    expect(tasksBefore(tasks, 2)).toEqual([]);
    expect(tasksBefore(tasks, 3).map((t) => t.reference)).toEqual(['RTK-2']);
    expect(tasksBefore(tasks, 5).map((t) => t.reference)).toEqual(['RTK-2', 'RTK-3']);
    expect(tasksBefore(tasks, 1)).toEqual([]);
  });

  it('puts a task added by hand last', () => {
    expect(nextPosition(tasks)).toBe(5);
    expect(nextPosition([])).toBe(1);
  });
});
