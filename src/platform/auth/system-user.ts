import type { Executor } from '../db/database.js';
import { newId } from '../db/ids.js';
import type { Principal } from './principal.js';

export const systemEmail = 'system@certus.invalid';

/**
 * The actor for what Certus does by itself (SLA watch, escalations): a real user row, so that
 * history and foreign keys name it, but deactivated, roleless and without a usable password.
 */
export async function systemPrincipal(db: Executor, now = Date.now()): Promise<Principal> {
  let row = await db.selectFrom('users').select(['id', 'display_name']).where('email', '=', systemEmail).executeTakeFirst();
  if (!row) {
    await db.insertInto('users').values({
      id: newId(), email: systemEmail, display_name: 'Certus (automatic)', password_hash: '!', active: 0,
      must_change_password: 0, time_zone: 'UTC', created_at: now, updated_at: now, version: 1,
    }).onConflict((oc) => oc.column('email').doNothing()).execute();
    row = await db.selectFrom('users').select(['id', 'display_name']).where('email', '=', systemEmail).executeTakeFirstOrThrow();
  }
  return { userId: row.id, email: systemEmail, displayName: row.display_name, roles: [], via: 'token', timeZone: 'UTC' };
}
