import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import type { Config } from '../config/config.js';
import type { Database } from '../db/database.js';
import { accessControl } from '../auth/access.plugin.js';
import { authRoutes } from '../auth/auth.routes.js';
import { oidcRoutes } from '../auth/oidc.routes.js';
import type { PermissionRegistry } from '../auth/permissions.js';
import { userRoutes } from '../auth/users.routes.js';
import { healthRoutes } from './health.routes.js';
import { registerOpenApi } from './openapi.js';
import { registerSecurityHeaders } from './security-headers.js';
import { installInputGuard } from './input-guard.js';
import { frameworkErrorProblem, installProblemHandlers, maxParamLength } from './problem.js';
import { registerWebApp } from './web.js';
import './context.js';

export interface AppOptions {
  config: Config;
  database: Database;
  permissions: PermissionRegistry;
  /** Route plugins of the kernel and the modules, registered after the platform's own. */
  plugins: FastifyPluginAsync[];
  isMigrated: () => Promise<boolean>;
  version: string;
  /** Where web/dist lives; omit to serve no web app. */
  webRoot?: string;
  logger?: boolean;
  /** Runs before any route plugin: where the layers above add their own decorations. */
  decorate?: (app: FastifyInstance) => void;
}

const requestIdPattern = /^[A-Za-z0-9._-]{8,128}$/;

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config } = options;
  const app = Fastify({
    logger: options.logger === false ? false : { level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]'] },
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && requestIdPattern.test(given) ? given : randomUUID();
    },
    bodyLimit: 1024 * 1024,
    routerOptions: { maxParamLength },
    frameworkErrors: frameworkErrorProblem,
    // X-Forwarded-For is believed only from the listed proxies, so request.ip is the real client
    // behind them and the peer's own address otherwise (no client can name its own address).
    trustProxy: config.trustedProxies.length > 0 ? config.trustedProxies : false,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: true } },
  });
  app.decorate('certus', { config, database: options.database, permissions: options.permissions });
  options.decorate?.(app);
  app.addHook('onSend', async (request, reply) => { reply.header('x-request-id', request.id); });
  installProblemHandlers(app);
  installInputGuard(app);
  await registerSecurityHeaders(app, { https: config.secureCookies });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: config.maxAttachmentBytes, files: 1, fields: 10 } });
  await app.register(accessControl, { db: options.database.db, permissions: options.permissions, sessionTtlHours: config.sessionTtlHours });
  await registerOpenApi(app, options.version);
  await app.register(healthRoutes(options.isMigrated));
  await app.register(authRoutes);
  await app.register(oidcRoutes);
  await app.register(userRoutes);
  for (const plugin of options.plugins) await app.register(plugin);
  if (options.webRoot) await registerWebApp(app, options.webRoot);
  return app;
}
