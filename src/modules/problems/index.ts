export { problemsModule } from './problems.module.js';
export { problemRecord, reasonsWithoutRootCause } from './problem.record.js';
export { problemProposals, detectRecurrence, type ProblemProposal } from './problem-trends.js';
export type { ProblemTable } from './problem.tables.js';
export { problemFacts, type ClosureComparison, type ProblemFactOptions, type ProblemFacts } from './problem.facts.js';
export { problemKpis } from './problem.kpis.js';
