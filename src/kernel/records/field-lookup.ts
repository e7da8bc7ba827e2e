import type { Executor } from '../../platform/db/database.js';
import type { Permission } from '../../platform/auth/permissions.js';

/**
 * Something other than a record that a text field names by its id, such as a business calendar
 * (`london-business-hours`): where its names come from, so record pages, lists and exports show
 * "London business hours" rather than the id, and where a form finds what may be chosen. A
 * module lists its lookups in its manifest; a field names one with `lookup: 'calendar'`.
 */
export interface FieldLookup {
  id: string;
  /** What one is called, in lower case: `business calendar`. */
  label: string;
  /** The permission that reads the names and the list, e.g. `calendars:read`. */
  permission: Permission;
  /** A GET path answering `{ items: { id, name }[] }` (it takes `?limit=`), for pickers. */
  listPath: string;
  /** The web app's page of one, `:id` standing for its id; null when it has none. */
  pagePath: string | null;
  /** The names of these ids, in one query; an id it does not know is left out. */
  names(db: Executor, ids: readonly string[]): Promise<Map<string, string>>;
}
