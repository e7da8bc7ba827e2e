import type { Executor } from '../../../platform/db/database.js';
import type { Catalogue } from '../../catalogue/catalogue.types.js';
import type { RoleFact } from '../rule.types.js';

/** 5.3 facts: how many active users hold each SMS role the catalogue names. */
export async function roleFacts(db: Executor, catalogue: Catalogue): Promise<RoleFact[]> {
  const rows = await db.selectFrom('user_roles')
    .innerJoin('users', 'users.id', 'user_roles.user_id')
    .select(['user_roles.role as role', (eb) => eb.fn.countAll<number>().as('holders')])
    .where('users.active', '=', 1)
    .groupBy('user_roles.role').execute();
  const holders = new Map(rows.map((r) => [r.role, Number(r.holders)]));
  return catalogue.roles.map((r) => ({ role: r.id, title: r.title, activeHolders: holders.get(r.id) ?? 0 }));
}
