import type { ApiResponse } from '../shared/api-schema';

/** What GET /api/session/providers says about single sign-on. */
export type SignInProviders = ApiResponse<'list-sign-in-providers'>;

/** The address that starts single sign-on and comes back to `returnTo` (already a safe path). */
export function singleSignOnHref(signInUrl: string, returnTo: string): string {
  return returnTo === '/' ? signInUrl : `${signInUrl}?returnTo=${encodeURIComponent(returnTo)}`;
}

/**
 * Why the server sent the browser back from the identity provider (`?ssoError=`), in words. The
 * page shows only these texts, never one carried in the address, so a crafted link cannot put
 * its own message on the sign-in page.
 */
export function singleSignOnProblem(code: string | null): string | null {
  switch (code) {
    case null:
    case '':
      return null;
    case 'no-role':
      return 'You signed in at your identity provider, but none of your groups there gives you a role in Certus. Ask an administrator to add you to a group that does.';
    case 'deactivated':
      return 'Your Certus account is deactivated. Ask an administrator if you need it again.';
    case 'email-in-use':
      return 'A Certus account already uses your e-mail address, and your identity provider has not confirmed the address is yours. Ask an administrator.';
    case 'no-email':
      return 'Your identity provider did not give your e-mail address, which Certus needs. Ask an administrator.';
    case 'denied':
      return 'Your identity provider did not sign you in. Try again, or use your e-mail address and password.';
    case 'expired':
      return 'The sign-in took too long or was started in another browser. Try again.';
    case 'unavailable':
      return 'Your identity provider could not be reached. Try again in a moment, or use your e-mail address and password.';
    case 'not-configured':
      return 'Single sign-on is not set up on this Certus.';
    default:
      return 'Single sign-on did not work. Try again, or use your e-mail address and password.';
  }
}
