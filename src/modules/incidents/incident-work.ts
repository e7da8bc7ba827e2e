import type { Executor } from '../../platform/db/database.js';

/**
 * The assignment groups of the incidents a person is assignee of, open or not. Certus keeps no
 * group membership (assignment groups are free text), so a person's groups are read from the
 * work they have been given.
 */
export async function incidentGroupsOf(db: Executor, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('incidents').select('assignment_group').distinct()
    .where('assignee_id', '=', userId).where('assignment_group', 'is not', null).execute();
  return rows.flatMap((r) => (r.assignment_group ? [r.assignment_group] : []));
}
