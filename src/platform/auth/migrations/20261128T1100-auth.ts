import type { ModuleMigration } from '../../db/migrator.js';

export const authMigration: ModuleMigration = {
  name: '20261128T1100-auth',
  async up(db, t) {
    await db.schema.createTable('users')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('email', t.text, (c) => c.notNull().unique())
      .addColumn('display_name', t.text, (c) => c.notNull())
      .addColumn('password_hash', t.text, (c) => c.notNull())
      .addColumn('active', t.bool, (c) => c.notNull().defaultTo(1))
      .addColumn('must_change_password', t.bool, (c) => c.notNull().defaultTo(0))
      .addColumn('time_zone', t.text, (c) => c.notNull().defaultTo('Europe/London'))
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addColumn('updated_at', t.instant, (c) => c.notNull())
      .addColumn('version', t.integer, (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema.createTable('user_roles')
      .addColumn('user_id', t.id, (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('role', t.text, (c) => c.notNull())
      .addPrimaryKeyConstraint('user_roles_pk', ['user_id', 'role'])
      .execute();
    await db.schema.createTable('sessions')
      .addColumn('token_hash', t.text, (c) => c.primaryKey())
      .addColumn('user_id', t.id, (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('csrf_token', t.text, (c) => c.notNull())
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addColumn('expires_at', t.instant, (c) => c.notNull())
      .addColumn('last_seen_at', t.instant, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
    await db.schema.createTable('api_tokens')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('user_id', t.id, (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('name', t.text, (c) => c.notNull())
      .addColumn('token_hash', t.text, (c) => c.notNull().unique())
      .addColumn('token_prefix', t.text, (c) => c.notNull())
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addColumn('expires_at', t.instant)
      .addColumn('last_used_at', t.instant)
      .addColumn('revoked_at', t.instant)
      .execute();
    await db.schema.createIndex('api_tokens_user').on('api_tokens').column('user_id').execute();
    await db.schema.createTable('login_failures')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('email', t.text, (c) => c.notNull())
      .addColumn('ip', t.text, (c) => c.notNull())
      .addColumn('at', t.instant, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('login_failures_email_at').on('login_failures').columns(['email', 'at']).execute();
    await db.schema.createIndex('login_failures_ip_at').on('login_failures').columns(['ip', 'at']).execute();
  },
};
