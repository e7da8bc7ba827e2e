import type { RuleSet } from './rule.types.js';

/**
 * 8.6.2 Service request management. Its rules read the requests module's facts through that
 * module's index.ts. The engine already lists this set, so adding a rule is a change to this
 * file alone: read the facts in `gather` (through `context.once`, as facts/module-facts.ts does)
 * and list the rule below. Until then the set is empty and gathers nothing.
 */
export const requestRules: RuleSet<{ now: number }> = {
  async gather({ now }) {
    return { now };
  },
  rules: [],
};
