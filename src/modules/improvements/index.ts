export { improvementsModule } from './improvements.module.js';
export { improvementRecord } from './improvement.record.js';
export type { ImprovementTable } from './improvement.tables.js';
export { openImprovementFacts, type OpenImprovementFacts } from './improvement.facts.js';
