import type { Config } from '../platform/config/config.js';
import type { Database } from '../platform/db/database.js';
import { temporaryPassword } from '../platform/auth/secrets.js';
import { countUsers, createUser } from '../platform/auth/users.service.js';

export interface AdminBootstrap {
  email: string;
  /** The generated password, shown once; null when it came from configuration. */
  generatedPassword: string | null;
}

/**
 * On an empty database, creates the first administrator: with CERTUS_ADMIN_PASSWORD when set,
 * otherwise with a generated password that must be changed at first sign-in.
 */
export async function bootstrapAdministrator(database: Database, config: Config): Promise<AdminBootstrap | null> {
  if ((await countUsers(database.db)) > 0) return null;
  const generated = config.adminPassword ? null : temporaryPassword();
  await database.db.transaction().execute((trx) => createUser(trx, {
    email: config.adminEmail, displayName: 'Administrator', password: config.adminPassword ?? generated!,
    roles: ['administrator'], mustChangePassword: generated !== null,
  }));
  return { email: config.adminEmail, generatedPassword: generated };
}
