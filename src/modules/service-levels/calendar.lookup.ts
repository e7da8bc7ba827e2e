import type { Executor } from '../../platform/db/database.js';
import type { FieldLookup } from '../../kernel/records/field-lookup.js';

/**
 * Business calendars as fields name them: an agreement's, a service's support calendar, a
 * request's. Records show "London business hours" where they hold `london-business-hours`.
 */
export const calendarLookup: FieldLookup = {
  id: 'calendar',
  label: 'business calendar',
  permission: 'calendars:read',
  listPath: '/api/calendars',
  pagePath: '/calendars/:id',
  async names(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await db.selectFrom('business_calendars').select(['id', 'name']).where('id', 'in', [...ids]).execute();
    return new Map(rows.map((row) => [row.id, row.name]));
  },
};
