import type { Config } from '../config/config.js';
import type { Database } from '../db/database.js';
import type { PermissionRegistry } from '../auth/permissions.js';

/** What every route plugin can reach through `app.certus`. */
export interface CertusContext {
  config: Config;
  database: Database;
  permissions: PermissionRegistry;
}

declare module 'fastify' {
  interface FastifyInstance {
    certus: CertusContext;
  }
}
