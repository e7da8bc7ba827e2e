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
