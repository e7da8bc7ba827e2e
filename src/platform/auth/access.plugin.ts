import type {} from '@fastify/cookie';
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../http/app-error.js';
import type { Permission, PermissionRegistry } from './permissions.js';
import type { Principal } from './principal.js';
import { principalFromToken } from './api-tokens.service.js';
import { principalFromSession, sessionCookie, type SessionPrincipal } from './sessions.service.js';
import type { DB } from '../db/database.js';

/** What a route demands: nobody, any signed-in user, or a permission. */
export type Access = 'public' | 'authenticated' | Permission;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** A signed-in user who must change their password may still call this route. */
    allowPasswordChange?: boolean;
  }
  interface FastifyInstance {
    /** Every route with the access it demands, for the permission matrix and the docs. */
    accessRules: RouteAccess[];
  }
  interface FastifyRequest {
    principal: Principal | null;
    session: SessionPrincipal | null;
  }
}

export interface RouteAccess {
  method: string;
  url: string;
  access: Access;
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function requirePrincipal(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('unauthenticated', 'Sign in first, or send an API token as "Authorization: Bearer …".');
  return request.principal;
}

interface AccessOptions {
  db: DB;
  permissions: PermissionRegistry;
  sessionTtlHours: number;
}

/**
 * Every route must say what access it needs; a route that does not is refused at start-up, so
 * no endpoint is ever open by accident. Cookie sessions must echo their CSRF token on writes;
 * API tokens, which a browser never sends by itself, need not.
 */
async function accessPlugin(app: FastifyInstance, options: AccessOptions): Promise<void> {
  const rules: RouteAccess[] = [];
  app.decorate('accessRules', rules);
  app.decorateRequest('principal', null);
  app.decorateRequest('session', null);

  app.addHook('onRoute', (route) => {
    // Static files of the web app and the API reference page are public by nature.
    if (!route.config?.access && (route.url.startsWith('/api/docs') || !route.url.startsWith('/api/'))) {
      route.config = { ...route.config, access: 'public' };
    }
    const access = route.config?.access;
    if (!access) throw new Error(`Route ${route.method} ${route.url} declares no access rule`);
    if (access !== 'public' && access !== 'authenticated' && !options.permissions.has(access)) {
      throw new Error(`Route ${route.method} ${route.url} needs ${access}, which no role is granted`);
    }
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') rules.push({ method, url: route.url, access });
    }
  });

  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config?.access;
    if (!access) return; // 404s and framework routes
    const authorization = request.headers.authorization;
    if (authorization?.startsWith('Bearer ')) {
      request.principal = await principalFromToken(options.db, authorization.slice(7).trim());
      if (!request.principal && access !== 'public') throw new AppError('unauthenticated', 'The API token is unknown, expired or revoked.');
    } else {
      const cookie = request.cookies[sessionCookie];
      if (cookie) {
        request.session = await principalFromSession(options.db, cookie, options.sessionTtlHours);
        request.principal = request.session;
      }
    }
    if (access === 'public') return;
    const principal = requirePrincipal(request);
    if (request.session && unsafeMethods.has(request.method) && request.headers['x-csrf-token'] !== request.session.csrfToken) {
      throw new AppError('forbidden', 'Missing or wrong X-CSRF-Token header; fetch it from GET /api/session.');
    }
    if (request.session?.mustChangePassword && !request.routeOptions.config.allowPasswordChange) {
      throw new AppError('forbidden', 'Change your password first (POST /api/me/password).', { mustChangePassword: true });
    }
    if (access !== 'authenticated' && !options.permissions.allows(principal.roles, access)) {
      throw new AppError('forbidden', `Your roles (${principal.roles.join(', ')}) do not include the permission ${access}.`);
    }
  });
}

export const accessControl = fp(accessPlugin, { name: 'certus-access' });
