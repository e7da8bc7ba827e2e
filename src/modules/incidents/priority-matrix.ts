/**
 * Impact × urgency → priority. The default is the common ITIL-style matrix; an organisation
 * replaces it through the API, and every incident's priority follows the matrix in force when
 * its impact or urgency was last set.
 */
export const levels = ['high', 'medium', 'low'] as const;
export type Level = (typeof levels)[number];
export const priorities = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof priorities)[number];

export type PriorityMatrix = Record<Level, Record<Level, Priority>>;

export const defaultPriorityMatrix: PriorityMatrix = {
  high: { high: 'P1', medium: 'P2', low: 'P3' },
  medium: { high: 'P2', medium: 'P3', low: 'P4' },
  low: { high: 'P3', medium: 'P4', low: 'P4' },
};

export function priorityOf(matrix: PriorityMatrix, impact: Level, urgency: Level): Priority {
  return matrix[impact][urgency];
}

/** A matrix must cover every cell, and higher impact or urgency may never lower the priority. */
export function matrixProblems(matrix: PriorityMatrix): string[] {
  const problems: string[] = [];
  const rank = (p: Priority) => priorities.indexOf(p);
  for (const impact of levels) {
    for (const urgency of levels) {
      const p = matrix[impact]?.[urgency];
      if (!p || !priorities.includes(p)) problems.push(`impact ${impact} × urgency ${urgency} has no priority`);
    }
  }
  if (problems.length) return problems;
  for (let i = 1; i < levels.length; i++) {
    for (const other of levels) {
      if (rank(matrix[levels[i - 1]!][other]) > rank(matrix[levels[i]!][other])) problems.push(`impact ${levels[i - 1]} gives a lower priority than impact ${levels[i]} at urgency ${other}`);
      if (rank(matrix[other][levels[i - 1]!]) > rank(matrix[other][levels[i]!])) problems.push(`urgency ${levels[i - 1]} gives a lower priority than urgency ${levels[i]} at impact ${other}`);
    }
  }
  return problems;
}
