import type { ModuleMigration } from '../../platform/db/migrator.js';

/** The rule engine's suggestions as they stood when an assessment was completed. */
export const assessmentRuleResultsMigration: ModuleMigration = {
  name: '20261128T1410-assessment-rule-results',
  async up(db, t) {
    await db.schema.createTable('assessment_rule_results')
      .addColumn('assessment_id', t.id, (c) => c.notNull().references('assessments.id'))
      .addColumn('requirement_id', t.text, (c) => c.notNull())
      .addColumn('rule', t.text, (c) => c.notNull())
      .addColumn('outcome', t.text, (c) => c.notNull())
      .addColumn('explanation', t.text, (c) => c.notNull())
      .addColumn('evidence', t.json, (c) => c.notNull())
      .addColumn('evaluated_at', t.instant, (c) => c.notNull())
      .addPrimaryKeyConstraint('assessment_rule_results_pk', ['assessment_id', 'requirement_id'])
      .execute();
  },
};
