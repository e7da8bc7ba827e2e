import * as client from 'openid-client';
import type { OidcSettings } from './oidc.config.js';
import { identityFromClaims, type OidcIdentity } from './oidc.claims.js';

/** What the callback must check, kept from the start of the sign-in. */
export interface OidcChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface OidcClient {
  readonly settings: OidcSettings;
  /** The provider's authorisation address with a fresh state, nonce and PKCE (S256) challenge. */
  authorisationRequest(): Promise<{ url: URL; checks: OidcChecks }>;
  /** Redeems the code in the callback address; openid-client checks state, nonce, PKCE, issuer and the ID token. */
  identityFrom(callbackUrl: URL, checks: OidcChecks): Promise<{ identity: OidcIdentity; idToken: string }>;
  /** The provider's sign-out address for this ID token, or null when it offers none. */
  endSessionUrl(idToken: string): Promise<string | null>;
}

/** Raised when the identity provider cannot be reached or its discovery document is unusable. */
export class OidcUnavailableError extends Error {}

/** Raised when the identity provider answered the sign-in with an error (the user cancelled, was not allowed…). */
export class OidcDeniedError extends Error {}

/**
 * The OpenID Connect relying party, on openid-client. Discovery happens at first use and is kept
 * for the life of the process (a failure is retried at the next sign-in), so Certus starts even
 * while the identity provider is down.
 */
export function oidcClient(settings: OidcSettings): OidcClient {
  let discovered: Promise<client.Configuration> | undefined;
  const configuration = () => {
    discovered ??= client.discovery(
      settings.issuer,
      settings.clientId,
      settings.clientSecret ?? undefined,
      settings.clientSecret ? client.ClientSecretBasic(settings.clientSecret) : client.None(),
      { execute: settings.insecureLoopback ? [client.allowInsecureRequests] : [], timeout: 10 },
    ).catch((error: unknown) => {
      discovered = undefined;
      throw new OidcUnavailableError(`The identity provider at ${settings.issuer.href} could not be reached: ${(error as Error).message}`, { cause: error });
    });
    return discovered;
  };

  return {
    settings,
    async authorisationRequest() {
      const config = await configuration();
      const checks = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier: client.randomPKCECodeVerifier() };
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: settings.redirectUrl,
        scope: settings.scopes,
        state: checks.state,
        nonce: checks.nonce,
        code_challenge: await client.calculatePKCECodeChallenge(checks.codeVerifier),
        code_challenge_method: 'S256',
      });
      return { url, checks };
    },
    async identityFrom(callbackUrl, checks) {
      const config = await configuration();
      const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
        expectedState: checks.state, expectedNonce: checks.nonce, pkceCodeVerifier: checks.codeVerifier, idTokenExpected: true,
      }).catch((error: unknown) => {
        // Only once the state has checked out: an error answer is then the provider's own.
        if (error instanceof client.AuthorizationResponseError) throw new OidcDeniedError(error.error_description ? `${error.error}: ${error.error_description}` : error.error);
        throw error;
      });
      const idClaims = tokens.claims();
      if (!idClaims || !tokens.id_token) throw new Error('the identity provider returned no ID token');
      // Many providers put e-mail and groups in the UserInfo response only; its subject must match.
      const userInfo = config.serverMetadata().userinfo_endpoint ? await client.fetchUserInfo(config, tokens.access_token, idClaims.sub) : {};
      return { identity: identityFromClaims(idClaims.iss, { ...idClaims, ...userInfo }, settings.groupsClaim), idToken: tokens.id_token };
    },
    async endSessionUrl(idToken) {
      const config = await configuration();
      if (!config.serverMetadata().end_session_endpoint) return null;
      return client.buildEndSessionUrl(config, { id_token_hint: idToken, post_logout_redirect_uri: settings.postLogoutRedirectUrl }).href;
    },
  };
}
