import { describe, expect, it } from 'vitest';
import { singleSignOnHref, singleSignOnProblem } from './single-sign-on';

describe('single sign-on on the sign-in page', () => {
  it('starts at the server and comes back to the page that was asked for', () => {
    expect(singleSignOnHref('/api/session/oidc', '/')).toBe('/api/session/oidc');
    expect(singleSignOnHref('/api/session/oidc', '/records/improvements?status=open')).toBe('/api/session/oidc?returnTo=%2Frecords%2Fimprovements%3Fstatus%3Dopen');
  });

  it('says why a sign-in was refused, in its own words only', () => {
    expect(singleSignOnProblem(null)).toBeNull();
    expect(singleSignOnProblem('no-role')).toContain('none of your groups');
    expect(singleSignOnProblem('deactivated')).toContain('deactivated');
    expect(singleSignOnProblem('Call 0800 123 to restore your account')).toBe('Single sign-on did not work. Try again, or use your e-mail address and password.');
  });
});
