import { Type } from 'typebox';

export const SignInProviders = Type.Object({
  password: Type.Boolean({ description: 'Local e-mail and password sign-in (always on: the bootstrap administrator, installations without an identity provider)' }),
  oidc: Type.Union([
    Type.Object({
      label: Type.String({ description: 'The text of the sign-in button (CERTUS_OIDC_LABEL)' }),
      signInUrl: Type.String({ description: 'Navigate the browser here to sign in; add ?returnTo=/path to come back to a page' }),
    }),
    Type.Null(),
  ], { description: 'Single sign-on through OpenID Connect, or null when no identity provider is configured' }),
}, { title: 'Sign-in providers' });

export const StartSignIn = Type.Object({
  returnTo: Type.Optional(Type.String({ maxLength: 2000, description: 'A path of the web app to return to once signed in' })),
}, { additionalProperties: false });

/** The identity provider's answer; providers add parameters of their own (session_state…), so others are let through. */
export const SignInCallback = Type.Object({
  code: Type.Optional(Type.String({ maxLength: 4096 })),
  state: Type.Optional(Type.String({ maxLength: 1024 })),
  iss: Type.Optional(Type.String({ maxLength: 2048 })),
  error: Type.Optional(Type.String({ maxLength: 256 })),
  error_description: Type.Optional(Type.String({ maxLength: 2048 })),
});

export const Redirect = Type.Null({ description: 'A redirect: see the Location header' });

export const EndSession = Type.Object({
  endSessionUrl: Type.Union([Type.String(), Type.Null()], { description: 'Where to send the browser to sign out at the identity provider too, after DELETE /api/session; null when the session was not opened through single sign-on or the provider offers no sign-out' }),
}, { title: 'Identity provider sign-out' });
