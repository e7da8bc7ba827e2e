import type { ModuleMigration } from '../../platform/db/migrator.js';
import { createRecordTableV1 } from '../../kernel/migrations/record-table-v1.js';

export const assessmentsMigration: ModuleMigration = {
  name: '20261128T1400-assessments',
  async up(db, t) {
    await createRecordTableV1(db, t, 'assessments')
      .addColumn('title', t.text, (c) => c.notNull())
      .addColumn('kind', t.text, (c) => c.notNull())
      .addColumn('scope', t.text)
      .addColumn('based_on', t.text)
      .addColumn('lead_assessor', t.id, (c) => c.references('users.id'))
      .addColumn('planned_start', t.text)
      .addColumn('planned_end', t.text)
      .addColumn('objectives', t.text)
      .addColumn('conclusion', t.text)
      .addColumn('approval_note', t.text)
      .execute();
    await db.schema.createIndex('assessments_created').on('assessments').columns(['created_at', 'id']).execute();
    await db.schema.createIndex('assessments_status').on('assessments').columns(['status', 'created_at']).execute();
    await db.schema.createIndex('assessments_owner').on('assessments').column('owner_id').execute();

    await db.schema.createTable('assessment_answers')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('assessment_id', t.id, (c) => c.notNull().references('assessments.id'))
      .addColumn('requirement_id', t.text, (c) => c.notNull())
      .addColumn('result', t.text, (c) => c.notNull())
      .addColumn('grade', t.text)
      .addColumn('justification', t.text)
      .addColumn('notes', t.text)
      .addColumn('improvement_opportunity', t.text)
      .addColumn('follow_up', t.text)
      .addColumn('evidence', t.json, (c) => c.notNull())
      .addColumn('assessor_id', t.id, (c) => c.notNull().references('users.id'))
      .addColumn('answered_at', t.instant, (c) => c.notNull())
      .addColumn('version', t.integer, (c) => c.notNull())
      .addUniqueConstraint('assessment_answers_requirement', ['assessment_id', 'requirement_id'])
      .execute();

    await db.schema.createTable('assessment_maturity')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('assessment_id', t.id, (c) => c.notNull().references('assessments.id'))
      .addColumn('process', t.text, (c) => c.notNull())
      .addColumn('level', t.integer, (c) => c.notNull())
      .addColumn('reason', t.text, (c) => c.notNull())
      .addColumn('assessor_id', t.id, (c) => c.notNull().references('users.id'))
      .addColumn('assessed_at', t.instant, (c) => c.notNull())
      .addColumn('version', t.integer, (c) => c.notNull())
      .addUniqueConstraint('assessment_maturity_process', ['assessment_id', 'process'])
      .execute();

    await db.schema.createTable('readiness_answers')
      .addColumn('item_id', t.text, (c) => c.primaryKey())
      .addColumn('state', t.text, (c) => c.notNull())
      .addColumn('notes', t.text)
      .addColumn('evidence', t.json, (c) => c.notNull())
      .addColumn('answered_by', t.id, (c) => c.notNull().references('users.id'))
      .addColumn('answered_at', t.instant, (c) => c.notNull())
      .addColumn('version', t.integer, (c) => c.notNull())
      .execute();
  },
};
