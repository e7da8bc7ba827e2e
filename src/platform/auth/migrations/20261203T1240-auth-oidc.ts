import type { ModuleMigration } from '../../db/migrator.js';

/** Single sign-on: identities at identity providers, sign-ins under way, sessions opened through one. */
export const oidcMigration: ModuleMigration = {
  name: '20261203T1240-auth-oidc',
  async up(db, t) {
    await db.schema.createTable('user_identities')
      .addColumn('issuer', t.text, (c) => c.notNull())
      .addColumn('subject', t.text, (c) => c.notNull())
      .addColumn('user_id', t.id, (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addColumn('last_sign_in_at', t.instant, (c) => c.notNull())
      .addPrimaryKeyConstraint('user_identities_pk', ['issuer', 'subject'])
      .execute();
    await db.schema.createIndex('user_identities_user').on('user_identities').column('user_id').execute();
    await db.schema.createTable('oidc_sign_ins')
      .addColumn('handle_hash', t.text, (c) => c.primaryKey())
      .addColumn('state', t.text, (c) => c.notNull())
      .addColumn('nonce', t.text, (c) => c.notNull())
      .addColumn('code_verifier', t.text, (c) => c.notNull())
      .addColumn('return_to', t.text, (c) => c.notNull())
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addColumn('expires_at', t.instant, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('oidc_sign_ins_expires').on('oidc_sign_ins').column('expires_at').execute();
    await db.schema.createTable('oidc_sessions')
      .addColumn('session_hash', t.text, (c) => c.primaryKey().references('sessions.token_hash').onDelete('cascade'))
      .addColumn('issuer', t.text, (c) => c.notNull())
      .addColumn('id_token', t.text, (c) => c.notNull())
      .execute();
  },
};
