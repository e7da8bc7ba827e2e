import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assemble } from '../../src/certus.js';
import { commentContentHash } from '../../src/kernel/integrity/integrity-commitment.js';
import { createDatabase, type Database } from '../../src/platform/db/database.js';
import { migrateToLatest } from '../../src/platform/db/migrator.js';
import { createTestStore, storeNames, type TestStore } from '../support/test-databases.js';

describe.each(storeNames())('the checkpoints migration on %s', (store) => {
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

  it('gives the comments written before it their content hash', async () => {
    const { migrations } = assemble();
    await migrateToLatest(database, migrations.filter((m) => m.name < '20261203T1231-kernel-checkpoints'));
    const comment = { id: '01900000-0000-7000-8000-0000000000c1', record_type: 'improvement', record_id: '01900000-0000-7000-8000-0000000000a1', visibility: 'public', body: 'Written before checkpoints — “quoted”', author_id: '01900000-0000-7000-8000-0000000000b1', created_at: 1_764_000_000_000 };
    await database.db.insertInto('record_comments').values(comment).execute();
    await migrateToLatest(database, migrations);
    const row = await database.db.selectFrom('record_comments').select('content_hash').where('id', '=', comment.id).executeTakeFirstOrThrow();
    expect(row.content_hash).toBe(commentContentHash({ commentId: comment.id, recordType: comment.record_type, recordId: comment.record_id, visibility: comment.visibility, body: comment.body, authorId: comment.author_id, createdAt: comment.created_at }));
  });
});
