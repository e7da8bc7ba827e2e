import { describe, expect, it } from 'vitest';
import { claimAt, groupsIn, identityFromClaims } from './oidc.claims.js';

describe('reading the identity provider\'s claims', () => {
  it('finds a claim by its name first, then by a dotted path', () => {
    expect(claimAt({ 'https://example.org/groups': ['a'] }, 'https://example.org/groups')).toEqual(['a']);
    expect(claimAt({ realm_access: { roles: ['certus-leads'] } }, 'realm_access.roles')).toEqual(['certus-leads']);
    expect(claimAt({ realm_access: ['x'] }, 'realm_access.roles')).toBeUndefined();
    expect(claimAt({}, 'groups')).toBeUndefined();
  });

  it('takes groups as a list or a single name, and nothing else', () => {
    expect(groupsIn(['a', ' b ', 'a', 3, ''])).toEqual(['a', 'b']);
    expect(groupsIn('admins')).toEqual(['admins']);
    expect(groupsIn({ admins: true })).toEqual([]);
    expect(groupsIn(undefined)).toEqual([]);
  });

  it('reads e-mail in lower case, verification strictly, and the best name there is', () => {
    const identity = identityFromClaims('https://idp', { sub: 's1', email: 'Ada@Example.org', email_verified: 'true', given_name: 'Ada', family_name: 'Lovelace', groups: ['g'] }, 'groups');
    expect(identity).toEqual({ issuer: 'https://idp', subject: 's1', email: 'ada@example.org', emailVerified: true, displayName: 'Ada Lovelace', groups: ['g'] });
    expect(identityFromClaims('https://idp', { sub: 's2', email: 'x@example.org', email_verified: 'yes' }, 'groups')).toMatchObject({ emailVerified: false, displayName: 'x@example.org', groups: [] });
    expect(identityFromClaims('https://idp', { sub: 's3', preferred_username: 'sam' }, 'groups')).toMatchObject({ email: null, displayName: 'sam' });
    expect(() => identityFromClaims('https://idp', { email: 'x@example.org' }, 'groups')).toThrow(/no subject/);
  });
});
