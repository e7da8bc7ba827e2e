import type { ModuleMigration } from '../../platform/db/migrator.js';

export const kernelMigration: ModuleMigration = {
  name: '20261128T1101-kernel',
  async up(db, t) {
    await db.schema.createTable('reference_counters')
      .addColumn('prefix', t.text, (c) => c.primaryKey())
      .addColumn('last_value', t.bigint, (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.createTable('history_events')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('record_type', t.text, (c) => c.notNull())
      .addColumn('record_id', t.id, (c) => c.notNull())
      .addColumn('seq', t.integer, (c) => c.notNull())
      .addColumn('kind', t.text, (c) => c.notNull())
      .addColumn('actor_id', t.id)
      .addColumn('at', t.instant, (c) => c.notNull())
      .addColumn('data', t.json, (c) => c.notNull())
      .addColumn('prev_hash', t.text, (c) => c.notNull())
      .addColumn('hash', t.text, (c) => c.notNull())
      .addUniqueConstraint('history_events_record_seq', ['record_id', 'seq'])
      .execute();
    await db.schema.createTable('history_heads')
      .addColumn('record_id', t.id, (c) => c.primaryKey())
      .addColumn('record_type', t.text, (c) => c.notNull())
      .addColumn('seq', t.integer, (c) => c.notNull())
      .addColumn('hash', t.text, (c) => c.notNull())
      .execute();
    await db.schema.createTable('record_links')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('from_type', t.text, (c) => c.notNull())
      .addColumn('from_id', t.id, (c) => c.notNull())
      .addColumn('link_type', t.text, (c) => c.notNull())
      .addColumn('to_type', t.text, (c) => c.notNull())
      .addColumn('to_id', t.id, (c) => c.notNull())
      .addColumn('created_by', t.id, (c) => c.notNull())
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addUniqueConstraint('record_links_unique', ['from_id', 'link_type', 'to_id'])
      .execute();
    await db.schema.createIndex('record_links_to').on('record_links').column('to_id').execute();
    await db.schema.createTable('record_comments')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('record_type', t.text, (c) => c.notNull())
      .addColumn('record_id', t.id, (c) => c.notNull())
      .addColumn('visibility', t.text, (c) => c.notNull())
      .addColumn('body', t.text, (c) => c.notNull())
      .addColumn('author_id', t.id, (c) => c.notNull())
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('record_comments_record').on('record_comments').columns(['record_id', 'created_at']).execute();
    await db.schema.createTable('attachment_blobs')
      .addColumn('sha256', t.text, (c) => c.primaryKey())
      .addColumn('size', t.bigint, (c) => c.notNull())
      .addColumn('content', t.blob, (c) => c.notNull())
      .execute();
    await db.schema.createTable('record_attachments')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('record_type', t.text, (c) => c.notNull())
      .addColumn('record_id', t.id, (c) => c.notNull())
      .addColumn('sha256', t.text, (c) => c.notNull().references('attachment_blobs.sha256'))
      .addColumn('filename', t.text, (c) => c.notNull())
      .addColumn('content_type', t.text, (c) => c.notNull())
      .addColumn('size', t.bigint, (c) => c.notNull())
      .addColumn('created_by', t.id, (c) => c.notNull())
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addColumn('removed_at', t.instant)
      .execute();
    await db.schema.createIndex('record_attachments_record').on('record_attachments').column('record_id').execute();
  },
};
