import type { Executor } from '../db/database.js';
import { AppError } from '../http/app-error.js';
import { isRequesterOnly, type Principal } from './principal.js';
import type { Role } from './roles.js';
import { listUsers } from './users.service.js';

export interface PersonView {
  id: string;
  displayName: string;
  /** Only in the staff's view. */
  roles?: Role[];
  active?: boolean;
}

export interface PeopleQuery {
  q?: string;
  role?: string;
  includeInactive?: boolean;
}

/**
 * The people directory as the asker may see it. Staff get names, roles and (on request)
 * deactivated people, for pickers and for showing who owned a record. A requester gets what the
 * portal shows, the names of the active staff who handle tickets: not other requesters, not
 * roles, not deactivated people, so the directory cannot be used to map the organisation.
 */
export async function listPeople(db: Executor, principal: Principal, query: PeopleQuery): Promise<PersonView[]> {
  const requester = isRequesterOnly(principal);
  if (requester && (query.role !== undefined || query.includeInactive === true)) {
    throw new AppError('forbidden', 'Requesters see only the names of the active staff; filtering by role and listing deactivated people are for staff.');
  }
  const needle = query.q?.toLowerCase();
  const people = (await listUsers(db)).filter((u) => (u.active || query.includeInactive === true)
    && (!needle || u.displayName.toLowerCase().includes(needle))
    && (!query.role || u.roles.includes(query.role as Role)));
  if (requester) {
    return people.filter((u) => u.roles.some((r) => r !== 'requester')).map((u) => ({ id: u.id, displayName: u.displayName }));
  }
  return people.map((u) => ({ id: u.id, displayName: u.displayName, roles: u.roles, active: u.active }));
}
