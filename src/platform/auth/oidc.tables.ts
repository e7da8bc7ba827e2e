/** A Certus user's account at an identity provider: the provider's issuer and subject. */
export interface UserIdentityTable {
  issuer: string;
  subject: string;
  user_id: string;
  created_at: number;
  last_sign_in_at: number;
}

/**
 * A sign-in under way at the identity provider: the browser holds a random handle in a
 * short-lived cookie, the database its hash and what the callback must check. In the database
 * rather than in memory, so that the callback may reach another Certus process.
 */
export interface OidcSignInTable {
  handle_hash: string;
  state: string;
  nonce: string;
  code_verifier: string;
  return_to: string;
  created_at: number;
  expires_at: number;
}

/** A session opened through single sign-on, with the ID token that lets the provider sign out too. */
export interface OidcSessionTable {
  session_hash: string;
  issuer: string;
  id_token: string;
}

declare module '../db/tables.js' {
  interface CertusTables {
    user_identities: UserIdentityTable;
    oidc_sign_ins: OidcSignInTable;
    oidc_sessions: OidcSessionTable;
  }
}
