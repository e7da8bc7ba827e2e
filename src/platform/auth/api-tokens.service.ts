import type { Executor, Trx } from '../db/database.js';
import { AppError } from '../http/app-error.js';
import { newId } from '../db/ids.js';
import type { Principal } from './principal.js';
import { randomSecret, sha256Hex } from './secrets.js';
import { rolesIn } from './users.service.js';

export const tokenPrefix = 'certus_pat_';

export interface ApiTokenView {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Creates a personal token; the secret is returned once and only its hash is kept. */
export async function createApiToken(trx: Trx, userId: string, name: string, expiresInDays: number | null, now = Date.now()) {
  const secret = `${tokenPrefix}${randomSecret(32)}`;
  const id = newId();
  const expiresAt = expiresInDays === null ? null : now + expiresInDays * 86_400_000;
  await trx.insertInto('api_tokens').values({
    id, user_id: userId, name: name.trim(), token_hash: sha256Hex(secret), token_prefix: secret.slice(0, tokenPrefix.length + 6),
    created_at: now, expires_at: expiresAt, last_used_at: null, revoked_at: null,
  }).execute();
  return { token: secret, id, name: name.trim(), prefix: secret.slice(0, tokenPrefix.length + 6), createdAt: iso(now)!, expiresAt: iso(expiresAt), lastUsedAt: null };
}

export async function listApiTokens(db: Executor, userId: string): Promise<ApiTokenView[]> {
  const rows = await db.selectFrom('api_tokens').selectAll().where('user_id', '=', userId).where('revoked_at', 'is', null).orderBy('created_at', 'desc').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, prefix: r.token_prefix, createdAt: iso(r.created_at)!, expiresAt: iso(r.expires_at), lastUsedAt: iso(r.last_used_at) }));
}

export async function revokeApiToken(trx: Trx, userId: string, id: string, now = Date.now()): Promise<void> {
  const result = await trx.updateTable('api_tokens').set({ revoked_at: now }).where('id', '=', id).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw AppError.notFound(`API token ${id}`);
}

export async function principalFromToken(db: Executor, token: string, now = Date.now()): Promise<Principal | null> {
  if (!token.startsWith(tokenPrefix)) return null;
  // One round trip: the token, its user and the user's roles (one row per role).
  const rows = await db.selectFrom('api_tokens').innerJoin('users', 'users.id', 'api_tokens.user_id')
    .leftJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select(['api_tokens.id', 'api_tokens.user_id', 'api_tokens.expires_at', 'api_tokens.revoked_at', 'api_tokens.last_used_at', 'users.email', 'users.display_name', 'users.active', 'users.time_zone', 'user_roles.role'])
    .where('api_tokens.token_hash', '=', sha256Hex(token)).execute();
  const row = rows[0];
  if (!row || row.revoked_at !== null || row.active !== 1 || (row.expires_at !== null && row.expires_at < now)) return null;
  if (row.last_used_at === null || now - row.last_used_at > 60_000) {
    await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.id).execute();
  }
  return { userId: row.user_id, email: row.email, displayName: row.display_name, roles: rolesIn(rows), via: 'token', timeZone: row.time_zone };
}
