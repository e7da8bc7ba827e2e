/** Orders clause numbers the way the standard does: 4 < 4.1 < 4.10 < 5; "8.6.1" before "8.6.1-major". */
export function compareClauseIds(a: string, b: string): number {
  const [numberA = '', suffixA = ''] = splitSuffix(a);
  const [numberB = '', suffixB = ''] = splitSuffix(b);
  const partsA = numberA.split('.').map(Number);
  const partsB = numberB.split('.').map(Number);
  for (let i = 0; i < Math.max(partsA.length, partsB.length); i++) {
    const x = partsA[i];
    const y = partsB[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x !== y) return x - y;
  }
  return suffixA.localeCompare(suffixB);
}

/** "8.6.1-major" → ["8.6.1", "major"]; "8.6.1" → ["8.6.1", ""]. */
export function splitSuffix(clauseId: string): [string, string] {
  const dash = clauseId.indexOf('-');
  return dash < 0 ? [clauseId, ''] : [clauseId.slice(0, dash), clauseId.slice(dash + 1)];
}

/** "8.6.3-02" → "8.6.3". */
export function clauseNumberOfRequirement(requirementId: string): string {
  return requirementId.slice(0, requirementId.lastIndexOf('-'));
}
