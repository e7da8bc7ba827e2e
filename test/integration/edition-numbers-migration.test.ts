import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assemble } from '../../src/certus.js';
import { loadCatalogue } from '../../src/compliance/catalogue/catalogue.loader.js';
import { createDatabase, type Database } from '../../src/platform/db/database.js';
import { migrateToLatest } from '../../src/platform/db/migrator.js';
import { createTestStore, storeNames, type TestStore } from '../support/test-databases.js';

const userId = '01900000-0000-7000-8000-0000000000b1';
const assessmentId = '01900000-0000-7000-8000-0000000000a1';
/** Answers written under the guide's numbering, one per renamed sub-clause plus one left alone. */
const guideIds = ['8.3.1-02', '8.3.2-05', '8.3.3-04', '8.6.1-01'];

describe.each(storeNames())('the edition clause numbers migration on %s', (store) => {
  let testStore: TestStore;
  let database: Database;
  beforeAll(async () => {
    testStore = await createTestStore(store);
    database = createDatabase(testStore.config);
  });
  afterAll(async () => {
    await database?.close();
    await testStore?.drop();
  });

  it("moves stored answers and frozen rule results from the guide's 8.3 numbers to the edition's", async () => {
    const { migrations } = assemble();
    await migrateToLatest(database, migrations.filter((m) => m.name < '20261207T2300-edition-clause-numbers'));
    const db = database.db;
    await db.insertInto('users').values({ id: userId, email: 'a@example.test', display_name: 'A', password_hash: '', active: 1, must_change_password: 0, time_zone: 'Europe/London', created_at: 1, updated_at: 1, version: 1 }).execute();
    await db.insertInto('assessments').values({ id: assessmentId, reference: 'ASM-000001', status: 'completed', owner_id: null, created_by: userId, created_at: 1, updated_by: userId, updated_at: 1, version: 1, title: 'Before', kind: 'gap', scope: null, based_on: null, lead_assessor: null, planned_start: null, planned_end: null, objectives: null, conclusion: null, approval_note: null }).execute();
    for (const [i, id] of guideIds.entries()) {
      await db.insertInto('assessment_answers').values({ id: `01900000-0000-7000-8000-00000000010${i}`, assessment_id: assessmentId, requirement_id: id, result: 'conformant', grade: null, justification: null, notes: `answer to ${id}`, improvement_opportunity: null, follow_up: null, evidence: JSON.stringify([]), assessor_id: userId, answered_at: 1, version: 1 }).execute();
      await db.insertInto('assessment_rule_results').values({ assessment_id: assessmentId, requirement_id: id, rule: `${id.split('-')[0]}/rule-${i}`, outcome: 'conformant', explanation: `rule for ${id}`, evidence: JSON.stringify([]), evaluated_at: 1 }).execute();
    }

    await migrateToLatest(database, migrations);

    const answers = await db.selectFrom('assessment_answers').select(['requirement_id', 'notes']).orderBy('requirement_id').execute();
    expect(answers).toEqual([
      { requirement_id: '8.3.2-02', notes: 'answer to 8.3.1-02' },
      { requirement_id: '8.3.3-05', notes: 'answer to 8.3.2-05' },
      { requirement_id: '8.3.4-04', notes: 'answer to 8.3.3-04' },
      { requirement_id: '8.6.1-01', notes: 'answer to 8.6.1-01' },
    ]);
    const results = await db.selectFrom('assessment_rule_results').select(['requirement_id', 'rule']).orderBy('requirement_id').execute();
    expect(results).toEqual([
      { requirement_id: '8.3.2-02', rule: '8.3.2/rule-0' },
      { requirement_id: '8.3.3-05', rule: '8.3.3/rule-1' },
      { requirement_id: '8.3.4-04', rule: '8.3.4/rule-2' },
      { requirement_id: '8.6.1-01', rule: '8.6.1/rule-3' },
    ]);
    // Each renamed answer now sits under the requirement whose guide id it was written with.
    const catalogue = loadCatalogue();
    for (const { requirement_id: id, notes } of answers) {
      const requirement = catalogue.requirements.find((r) => r.id === id)!;
      expect(notes).toBe(`answer to ${requirement.guideId ?? requirement.id}`);
    }
  });
});
