import { describe, expect, it } from 'vitest';
import { defaultPriorityMatrix, matrixProblems, priorityOf, type PriorityMatrix } from './priority-matrix.js';

describe('priority matrix', () => {
  it('maps impact × urgency to the default priorities', () => {
    expect(priorityOf(defaultPriorityMatrix, 'high', 'high')).toBe('P1');
    expect(priorityOf(defaultPriorityMatrix, 'high', 'low')).toBe('P3');
    expect(priorityOf(defaultPriorityMatrix, 'medium', 'medium')).toBe('P3');
    expect(priorityOf(defaultPriorityMatrix, 'low', 'low')).toBe('P4');
  });

  it('accepts the default and refuses a matrix where more impact means less priority', () => {
    expect(matrixProblems(defaultPriorityMatrix)).toEqual([]);
    const odd: PriorityMatrix = structuredClone(defaultPriorityMatrix);
    odd.high.high = 'P4';
    expect(matrixProblems(odd)).toContain('impact high gives a lower priority than impact medium at urgency high');
  });
});
