import type { DB, Executor } from '../db/database.js';
import { AppError } from '../http/app-error.js';
import type { Principal } from './principal.js';
import { hashPassword, randomSecret, sha256Hex, verifyPassword } from './secrets.js';
import { assertSignInAllowed, forgetSignInFailures, recordSignInFailure } from './sign-in-throttle.js';
import { findUserByEmail, normaliseEmail, rolesIn } from './users.service.js';

export const sessionCookie = 'certus_session';
// Verifying against a fixed hash keeps sign-in time the same whether the account exists or not.
let decoy: Promise<string> | undefined;
const decoyHash = () => (decoy ??= hashPassword(`decoy-${randomSecret()}`));

export interface SessionPrincipal extends Principal {
  csrfToken: string;
  mustChangePassword: boolean;
}

/**
 * Checks the password and opens a session. Failures are counted in the database, per account
 * (a growing delay) and per client address (a limit), so both hold across every server process.
 */
export async function signIn(db: DB, email: string, password: string, ip: string, ttlHours: number, now = Date.now()) {
  const account = normaliseEmail(email);
  await assertSignInAllowed(db, account, ip, now);
  const user = await findUserByEmail(db, account);
  const ok = await verifyPassword(user?.password_hash ?? await decoyHash(), password);
  if (!user || !ok || user.active !== 1) {
    await recordSignInFailure(db, account, ip, now);
    throw new AppError('unauthenticated', 'The e-mail address or password is wrong, or the account is deactivated.');
  }
  return db.transaction().execute(async (trx) => {
    await forgetSignInFailures(trx, account, now);
    return openSession(trx, user.id, ttlHours, now);
  });
}

/** Resolves a session cookie; sliding expiry, refreshed at most once a minute. */
export async function principalFromSession(db: Executor, token: string, ttlHours: number, now = Date.now()): Promise<SessionPrincipal | null> {
  const tokenHash = sha256Hex(token);
  const rows = await db.selectFrom('sessions').innerJoin('users', 'users.id', 'sessions.user_id')
    .leftJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select(['sessions.user_id', 'sessions.csrf_token', 'sessions.expires_at', 'sessions.last_seen_at', 'users.email', 'users.display_name', 'users.active', 'users.must_change_password', 'users.time_zone', 'user_roles.role'])
    .where('sessions.token_hash', '=', tokenHash).execute();
  const row = rows[0];
  if (!row || row.expires_at < now || row.active !== 1) return null;
  if (now - row.last_seen_at > 60_000) {
    await db.updateTable('sessions').set({ last_seen_at: now, expires_at: now + ttlHours * 3_600_000 }).where('token_hash', '=', tokenHash).execute();
  }
  return {
    userId: row.user_id, email: row.email, displayName: row.display_name, roles: rolesIn(rows),
    via: 'session', timeZone: row.time_zone, csrfToken: row.csrf_token, mustChangePassword: row.must_change_password === 1,
  };
}

export async function signOut(db: Executor, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', sha256Hex(token)).execute();
}

/** Opens a session for a user already proven to be who they are (a password, single sign-on); the caller checks they are active. */
export async function openSession(trx: Executor, userId: string, ttlHours: number, now = Date.now()) {
  const token = randomSecret(32);
  const csrfToken = randomSecret(24);
  const expiresAt = now + ttlHours * 3_600_000;
  await trx.deleteFrom('sessions').where('expires_at', '<', now).execute();
  await trx.insertInto('sessions').values({ token_hash: sha256Hex(token), user_id: userId, csrf_token: csrfToken, created_at: now, expires_at: expiresAt, last_seen_at: now }).execute();
  return { token, csrfToken, expiresAt, userId };
}
