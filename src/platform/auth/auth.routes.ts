import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../http/app-error.js';
import { Problem } from '../http/problem.schemas.js';
import { requirePrincipal } from './access.plugin.js';
import { createApiToken, listApiTokens, revokeApiToken } from './api-tokens.service.js';
import { ApiToken, ChangePassword, NewApiToken, SessionInfo, SignIn } from './auth.schemas.js';
import { roles } from './roles.js';
import { verifyPassword } from './secrets.js';
import { principalFromSession, sessionCookie, signIn, signOut } from './sessions.service.js';
import { findUserByEmail, setPassword } from './users.service.js';

const problems = { 400: Problem, 401: Problem, 403: Problem };

/** Sign-in, sign-out, the signed-in user's own session, password and API tokens. */
export async function authRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const { database: { db }, config, permissions } = app.certus;
  const tags = ['Sign-in'];

  const sessionInfo = (request: FastifyRequest) => {
    const principal = requirePrincipal(request);
    return {
      user: { id: principal.userId, email: principal.email, displayName: principal.displayName, roles: principal.roles, timeZone: principal.timeZone, mustChangePassword: request.session?.mustChangePassword ?? false },
      permissions: permissions.permissionsOf(principal.roles),
      csrfToken: request.session?.csrfToken ?? null,
      via: principal.via,
    };
  };

  app.post('/api/session', {
    config: { access: 'public' },
    schema: { operationId: 'sign-in', tags, summary: 'Sign in with e-mail and password; sets the session cookie', body: SignIn, response: { 200: SessionInfo, ...problems, 429: Problem } },
  }, async (request, reply) => {
    const { email, password } = request.body;
    const opened = await signIn(db, email, password, request.ip, config.sessionTtlHours);
    reply.setCookie(sessionCookie, opened.token, { path: '/', httpOnly: true, sameSite: 'lax', secure: config.secureCookies, expires: new Date(opened.expiresAt) });
    request.session = await principalFromSession(db, opened.token, config.sessionTtlHours);
    request.principal = request.session;
    return sessionInfo(request);
  });

  app.get('/api/session', {
    config: { access: 'authenticated', allowPasswordChange: true },
    schema: { operationId: 'get-session', tags, summary: 'Who is signed in, their permissions and CSRF token', response: { 200: SessionInfo, ...problems } },
  }, async (request) => sessionInfo(request));

  // The web app asks this at every page load: being signed out is an answer, not an error, so
  // a sign-in page logs no failed request.
  app.get('/api/session/current', {
    config: { access: 'public', allowPasswordChange: true },
    schema: { operationId: 'get-current-session', tags, summary: 'The session, as GET /api/session gives it, or null when nobody is signed in', response: { 200: Type.Object({ session: Type.Union([SessionInfo, Type.Null()]) }), ...problems } },
  }, async (request) => ({ session: request.principal ? sessionInfo(request) : null }));

  app.delete('/api/session', {
    config: { access: 'authenticated', allowPasswordChange: true },
    schema: { operationId: 'sign-out', tags, summary: 'Sign out: ends the session', response: { 204: Type.Null(), ...problems } },
  }, async (request, reply) => {
    const cookie = request.cookies[sessionCookie];
    if (cookie) await signOut(db, cookie);
    reply.clearCookie(sessionCookie, { path: '/' });
    return reply.status(204).send(null);
  });

  app.post('/api/me/password', {
    config: { access: 'authenticated', allowPasswordChange: true },
    schema: { operationId: 'change-password', tags, summary: 'Change your own password', body: ChangePassword, response: { 204: Type.Null(), ...problems } },
  }, async (request, reply) => {
    const principal = requirePrincipal(request);
    const user = await findUserByEmail(db, principal.email);
    if (!user || !(await verifyPassword(user.password_hash, request.body.currentPassword))) {
      throw AppError.validation('currentPassword', 'is not your current password');
    }
    if (request.body.newPassword === request.body.currentPassword) throw AppError.validation('newPassword', 'must differ from the current password');
    await db.transaction().execute((trx) => setPassword(trx, principal.userId, request.body.newPassword, false));
    return reply.status(204).send(null);
  });

  app.get('/api/me/tokens', {
    config: { access: 'authenticated' },
    schema: { operationId: 'list-api-tokens', tags, summary: 'Your personal API tokens', response: { 200: Type.Object({ items: Type.Array(ApiToken) }), ...problems } },
  }, async (request) => ({ items: await listApiTokens(db, requirePrincipal(request).userId) }));

  app.post('/api/me/tokens', {
    config: { access: 'authenticated' },
    schema: { operationId: 'create-api-token', tags, summary: 'Create a personal API token; the secret is shown once', body: NewApiToken, response: { 201: Type.Object({ ...ApiToken.properties, token: Type.String() }), ...problems } },
  }, async (request, reply) => {
    const principal = requirePrincipal(request);
    if (request.body.name.trim() === '') throw AppError.validation('name', 'cannot be blank');
    const created = await db.transaction().execute((trx) => createApiToken(trx, principal.userId, request.body.name, request.body.expiresInDays ?? null));
    return reply.status(201).send(created);
  });

  app.delete('/api/me/tokens/:id', {
    config: { access: 'authenticated' },
    schema: { operationId: 'revoke-api-token', tags, summary: 'Revoke one of your API tokens', params: Type.Object({ id: Type.String({ format: 'uuid' }) }), response: { 204: Type.Null(), ...problems, 404: Problem } },
  }, async (request, reply) => {
    await db.transaction().execute((trx) => revokeApiToken(trx, requirePrincipal(request).userId, request.params.id));
    return reply.status(204).send(null);
  });

  app.get('/api/roles', {
    config: { access: 'authenticated' },
    schema: { operationId: 'list-roles', tags, summary: 'The roles a user can hold', response: { 200: Type.Object({ items: Type.Array(Type.Object({ id: Type.String(), label: Type.String(), summary: Type.String() })) }) } },
  }, async () => ({ items: roles.map((r) => ({ ...r })) }));
}
