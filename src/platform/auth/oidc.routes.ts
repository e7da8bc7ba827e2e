import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AppError } from '../http/app-error.js';
import { Problem } from '../http/problem.schemas.js';
import { oidcClient, OidcUnavailableError, type OidcClient } from './oidc.client.js';
import { oidcSettings } from './oidc.config.js';
import { EndSession, Redirect, SignInCallback, SignInProviders, StartSignIn } from './oidc.schemas.js';
import { beginSignIn, completeSignIn, endSessionUrl, signInWindowMs, type SsoRefusal } from './oidc.service.js';
import { sessionCookie } from './sessions.service.js';

/** The browser's handle on a sign-in under way; scoped to the sign-in routes. */
const signInCookie = 'certus_oidc';
const signInCookiePath = '/api/session/oidc';

/** Only same-site paths, so a crafted link cannot send people elsewhere after signing in. */
export function safeReturnTo(value: string | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\') || value.startsWith('/sign-in') || value.startsWith('/api/')) return '/';
  return value;
}

const signInPageWith = (reason: SsoRefusal) => `/sign-in?ssoError=${reason}`;

/**
 * Single sign-on through OpenID Connect (authorisation code with PKCE). The callback never
 * answers with an error page: every refusal sends the browser back to the sign-in page with a
 * reason the page puts into words, and the detail goes to the log.
 */
export async function oidcRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const { database: { db }, config } = app.certus;
  const settings = oidcSettings(config);
  const oidc: OidcClient | null = settings ? oidcClient(settings) : null;
  const tags = ['Sign-in'];
  const cookieOptions = { path: signInCookiePath, httpOnly: true, sameSite: 'lax', secure: config.secureCookies } as const;

  app.get('/api/session/providers', {
    config: { access: 'public' },
    schema: { operationId: 'list-sign-in-providers', tags, summary: 'How one may sign in: password, and single sign-on when configured', response: { 200: SignInProviders } },
  }, async () => ({ password: true, oidc: settings ? { label: settings.label, signInUrl: signInCookiePath } : null }));

  app.get('/api/session/oidc', {
    config: { access: 'public' },
    schema: {
      operationId: 'start-single-sign-on', tags, querystring: StartSignIn,
      summary: 'Start single sign-on: redirects to the identity provider (state, nonce, PKCE S256)',
      response: { 302: Redirect, 404: Problem },
    },
  }, async (request, reply) => {
    if (!oidc) throw new AppError('not-found', 'Single sign-on is not configured (CERTUS_OIDC_ISSUER).');
    try {
      const { url, handle } = await beginSignIn(db, oidc, safeReturnTo(request.query.returnTo));
      reply.setCookie(signInCookie, handle, { ...cookieOptions, maxAge: signInWindowMs / 1000 });
      return reply.redirect(url.href, 302);
    } catch (error) {
      if (!(error instanceof OidcUnavailableError)) throw error;
      request.log.warn({ err: error }, 'single sign-on: identity provider unavailable');
      return reply.redirect(signInPageWith('unavailable'), 302);
    }
  });

  app.get('/api/session/oidc/callback', {
    config: { access: 'public' },
    schema: {
      operationId: 'single-sign-on-callback', tags, querystring: SignInCallback,
      summary: 'Where the identity provider returns: opens the session and redirects to the web app, or to the sign-in page with ?ssoError=',
      response: { 302: Redirect },
    },
  }, async (request, reply) => {
    reply.clearCookie(signInCookie, cookieOptions);
    if (!oidc) return reply.redirect(signInPageWith('not-configured'), 302);
    const callbackUrl = new URL(oidc.settings.redirectUrl);
    callbackUrl.search = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
    try {
      const opened = await completeSignIn(db, oidc, request.cookies[signInCookie], callbackUrl, config.sessionTtlHours);
      reply.setCookie(sessionCookie, opened.token, { path: '/', httpOnly: true, sameSite: 'lax', secure: config.secureCookies, expires: new Date(opened.expiresAt) });
      request.log.info({ userId: opened.userId }, 'single sign-on: signed in');
      return reply.redirect(opened.returnTo, 302);
    } catch (error) {
      const reason = error instanceof AppError && typeof error.extra.ssoError === 'string' ? (error.extra.ssoError as SsoRefusal) : 'failed';
      request.log.warn({ err: error, reason }, 'single sign-on: refused');
      return reply.redirect(signInPageWith(reason), 302);
    }
  });

  app.get('/api/session/oidc/end-session', {
    config: { access: 'authenticated', allowPasswordChange: true },
    schema: { operationId: 'single-sign-on-end-session', tags, summary: 'The identity provider\'s sign-out address for this session, to visit after DELETE /api/session', response: { 200: EndSession, 401: Problem } },
  }, async (request) => {
    const token = request.cookies[sessionCookie];
    if (!oidc || !token || request.session === null) return { endSessionUrl: null };
    try {
      return { endSessionUrl: await endSessionUrl(db, oidc, token) };
    } catch (error) {
      request.log.warn({ err: error }, 'single sign-on: no sign-out address from the identity provider');
      return { endSessionUrl: null };
    }
  });
}
