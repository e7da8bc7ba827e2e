import type { Executor } from '../db/database.js';
import { AppError } from '../http/app-error.js';
import type { Principal } from './principal.js';
import { rolesOf } from './users.service.js';

/** The principal of a user acting outside a request: the CLI, demo data, jobs. */
export async function principalOfUser(db: Executor, userId: string): Promise<Principal> {
  const user = await db.selectFrom('users').select(['id', 'email', 'display_name', 'time_zone']).where('id', '=', userId).executeTakeFirst();
  if (!user) throw AppError.notFound(`User ${userId}`);
  return { userId: user.id, email: user.email, displayName: user.display_name, roles: await rolesOf(db, user.id), via: 'token', timeZone: user.time_zone };
}
