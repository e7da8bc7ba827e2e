/** Who the identity provider says signed in, in the terms Certus needs. */
export interface OidcIdentity {
  issuer: string;
  subject: string;
  email: string | null;
  /** Only a verified address may link the sign-in to an existing Certus user. */
  emailVerified: boolean;
  displayName: string;
  groups: string[];
}

type Claims = Record<string, unknown>;

/**
 * A claim by name, or, when there is none of that name, by a dotted path into nested objects
 * (Keycloak's `realm_access.roles`). The plain name is tried first because some providers name
 * claims by URL (`https://example.org/groups`), dots included.
 */
export function claimAt(claims: Claims, name: string): unknown {
  if (name in claims) return claims[name];
  let value: unknown = claims;
  for (const part of name.split('.')) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = (value as Claims)[part];
  }
  return value;
}

/** The groups in a claim: a list of names, or one name given as a string; anything else is none. */
export function groupsIn(value: unknown): string[] {
  if (typeof value === 'string') return value.trim() ? [value.trim()] : [];
  if (!Array.isArray(value)) return [];
  return [...new Set(value.filter((g): g is string => typeof g === 'string' && g.trim() !== '').map((g) => g.trim()))];
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

/** Reads the identity from the ID token's claims merged with the UserInfo response's. */
export function identityFromClaims(issuer: string, claims: Claims, groupsClaim: string): OidcIdentity {
  const subject = text(claims.sub);
  if (!subject) throw new Error('the identity provider gave no subject');
  const email = text(claims.email);
  const fullName = [text(claims.given_name), text(claims.family_name)].filter(Boolean).join(' ');
  return {
    issuer,
    subject,
    email: email ? email.toLowerCase() : null,
    // Some providers send the flag as the string "true".
    emailVerified: claims.email_verified === true || claims.email_verified === 'true',
    displayName: text(claims.name) ?? (fullName || null) ?? text(claims.preferred_username) ?? email ?? subject,
    groups: groupsIn(claimAt(claims, groupsClaim)),
  };
}
