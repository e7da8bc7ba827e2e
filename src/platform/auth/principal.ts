import type { Role } from './roles.js';

/** Who is making a request, as resolved from the session cookie or the API token. */
export interface Principal {
  userId: string;
  email: string;
  displayName: string;
  roles: Role[];
  via: 'session' | 'token';
  timeZone: string;
}

/**
 * Someone who holds no role but requester: a customer of the services, who sees only their own
 * tickets and public comments, never the staff's internal notes. Certus itself (the system
 * principal, no roles) is not one; a person with no role at all passes no permission check.
 */
export function isRequesterOnly(principal: Pick<Principal, 'roles'>): boolean {
  return principal.roles.length > 0 && principal.roles.every((role) => role === 'requester');
}
