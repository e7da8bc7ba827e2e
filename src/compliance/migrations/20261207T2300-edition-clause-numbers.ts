import { sql } from 'kysely';
import type { ModuleMigration } from '../../platform/db/migrator.js';

/**
 * The catalogue now numbers 8.3 as the published edition does (8.3.1 General, 8.3.2 business
 * relationship, 8.3.3 service level, 8.3.4 supplier management) where the guide had 8.3.1-8.3.3.
 * Stored answers and frozen rule results follow: the guide's 8.3.3-NN become 8.3.4-NN, then
 * 8.3.2-NN become 8.3.3-NN, then 8.3.1-NN become 8.3.2-NN. Highest first, so that no renamed row
 * meets one still waiting to be renamed (assessment and requirement form each table's key). The
 * history of an assessment keeps the ids it was written with; the catalogue's guide ids read them.
 */
export const editionClauseNumbersMigration: ModuleMigration = {
  name: '20261207T2300-edition-clause-numbers',
  async up(db) {
    for (const [from, to] of [['8.3.3', '8.3.4'], ['8.3.2', '8.3.3'], ['8.3.1', '8.3.2']] as const) {
      // The prefix is 5 characters long: `<to>` followed by what came after `<from>` ("-05").
      await sql`UPDATE assessment_answers SET requirement_id = cast(${to} as text) || substr(requirement_id, 6) WHERE requirement_id LIKE ${`${from}-%`}`.execute(db);
      await sql`UPDATE assessment_rule_results SET requirement_id = cast(${to} as text) || substr(requirement_id, 6) WHERE requirement_id LIKE ${`${from}-%`}`.execute(db);
      await sql`UPDATE assessment_rule_results SET rule = cast(${to} as text) || substr(rule, 6) WHERE rule LIKE ${`${from}/%`}`.execute(db);
    }
  },
};
