import type { DB, Executor, Trx } from '../db/database.js';
import { AppError } from '../http/app-error.js';
import type { OidcIdentity } from './oidc.claims.js';
import { OidcDeniedError, OidcUnavailableError, type OidcClient } from './oidc.client.js';
import { rolesForGroups, type RoleMap } from './oidc.config.js';
import './oidc.tables.js';
import { randomSecret, sha256Hex } from './secrets.js';
import { openSession } from './sessions.service.js';
import { createFederatedUser, findUserByEmail, syncRoles } from './users.service.js';

/** How long the browser may spend at the identity provider before the sign-in lapses. */
export const signInWindowMs = 10 * 60_000;

/** Why a single sign-on did not open a session; the sign-in page puts each into words. */
export type SsoRefusal = 'not-configured' | 'unavailable' | 'expired' | 'failed' | 'denied' | 'no-role' | 'deactivated' | 'no-email' | 'email-in-use';

export function ssoRefused(reason: SsoRefusal, message: string): AppError {
  return new AppError('forbidden', message, { ssoError: reason });
}

/** Starts a sign-in: keeps what the callback must check under the hash of a handle the browser holds. */
export async function beginSignIn(db: Executor, oidc: OidcClient, returnTo: string, now = Date.now()) {
  const { url, checks } = await oidc.authorisationRequest();
  const handle = randomSecret(32);
  await db.deleteFrom('oidc_sign_ins').where('expires_at', '<', now).execute();
  await db.insertInto('oidc_sign_ins').values({
    handle_hash: sha256Hex(handle), state: checks.state, nonce: checks.nonce, code_verifier: checks.codeVerifier,
    return_to: returnTo, created_at: now, expires_at: now + signInWindowMs,
  }).execute();
  return { url, handle };
}

/** Takes the sign-in the handle names, once: a second callback with the same handle finds nothing. */
async function takeSignIn(db: Executor, handle: string | undefined, now: number) {
  const row = handle ? await db.deleteFrom('oidc_sign_ins').where('handle_hash', '=', sha256Hex(handle)).returningAll().executeTakeFirst() : undefined;
  if (!row || row.expires_at < now) throw ssoRefused('expired', 'The sign-in was not started in this browser or took too long; start it again.');
  return row;
}

/**
 * Finds or creates the Certus user for an identity and gives them the roles their groups map to.
 * The identity provider is the source of truth for its users' roles, so they are re-synced at
 * every sign-in. A user is found by issuer and subject; on their first sign-in, an existing user
 * with the same e-mail address is linked only if the provider says the address is verified.
 * Refusals are checked before anything is written.
 */
export async function userForIdentity(trx: Trx, identity: OidcIdentity, roleMap: RoleMap, now = Date.now()): Promise<string> {
  const roles = rolesForGroups(roleMap, identity.groups);
  const linked = await trx.selectFrom('user_identities').innerJoin('users', 'users.id', 'user_identities.user_id')
    .select(['users.id', 'users.active']).where('issuer', '=', identity.issuer).where('subject', '=', identity.subject).executeTakeFirst();
  let user = linked;
  if (!user && identity.email) {
    const local = await findUserByEmail(trx, identity.email);
    if (local && !identity.emailVerified) {
      throw ssoRefused('email-in-use', `A Certus user already has the address ${identity.email}, and the identity provider has not verified it is yours.`);
    }
    if (local) {
      const other = await trx.selectFrom('user_identities').select('subject').where('user_id', '=', local.id).where('issuer', '=', identity.issuer).executeTakeFirst();
      if (other) throw ssoRefused('email-in-use', `The Certus user ${identity.email} is linked to another account at the identity provider.`);
      user = { id: local.id, active: local.active };
    }
  }
  if (user && user.active !== 1) throw ssoRefused('deactivated', 'Your Certus account is deactivated; ask an administrator.');
  if (roles.length === 0) {
    throw ssoRefused('no-role', `None of your groups at the identity provider (${identity.groups.join(', ') || 'none'}) gives a Certus role; ask an administrator.`);
  }
  if (!user) {
    if (!identity.email) throw ssoRefused('no-email', 'The identity provider gave no e-mail address; Certus needs one for each user.');
    user = { id: (await createFederatedUser(trx, { email: identity.email, displayName: identity.displayName, roles }, now)).id, active: 1 };
  } else {
    await syncRoles(trx, user.id, roles, now);
  }
  if (linked) {
    await trx.updateTable('user_identities').set({ last_sign_in_at: now }).where('issuer', '=', identity.issuer).where('subject', '=', identity.subject).execute();
  } else {
    await trx.insertInto('user_identities').values({ issuer: identity.issuer, subject: identity.subject, user_id: user.id, created_at: now, last_sign_in_at: now }).execute();
  }
  return user.id;
}

/**
 * Completes a sign-in at the callback: redeems the code, finds or creates the user and opens a
 * session, all or nothing. Every failure is an AppError carrying the refusal's reason.
 */
export async function completeSignIn(db: DB, oidc: OidcClient, handle: string | undefined, callbackUrl: URL, ttlHours: number, now = Date.now()) {
  const pending = await takeSignIn(db, handle, now);
  let signedIn: Awaited<ReturnType<OidcClient['identityFrom']>>;
  try {
    signedIn = await oidc.identityFrom(callbackUrl, { state: pending.state, nonce: pending.nonce, codeVerifier: pending.code_verifier });
  } catch (error) {
    if (error instanceof OidcDeniedError) throw ssoRefused('denied', `The identity provider did not sign you in (${error.message}).`);
    if (error instanceof OidcUnavailableError) throw ssoRefused('unavailable', error.message);
    throw ssoRefused('failed', `The identity provider's answer did not check out: ${(error as Error).message}`);
  }
  const session = await db.transaction().execute(async (trx) => {
    const userId = await userForIdentity(trx, signedIn.identity, oidc.settings.roleMap, now);
    const opened = await openSession(trx, userId, ttlHours, now);
    await trx.insertInto('oidc_sessions').values({ session_hash: sha256Hex(opened.token), issuer: signedIn.identity.issuer, id_token: signedIn.idToken }).execute();
    return opened;
  });
  return { ...session, returnTo: pending.return_to };
}

/** The identity provider's sign-out address for a session opened through it, else null. */
export async function endSessionUrl(db: Executor, oidc: OidcClient, sessionToken: string): Promise<string | null> {
  const row = await db.selectFrom('oidc_sessions').select('id_token').where('session_hash', '=', sha256Hex(sessionToken)).executeTakeFirst();
  return row ? oidc.endSessionUrl(row.id_token) : null;
}
