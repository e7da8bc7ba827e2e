import { describe, expect, it } from 'vitest';
import { safeReturnTo } from './return-to';

describe('safeReturnTo', () => {
  it('keeps a same-site path with its query', () => {
    expect(safeReturnTo('/records/improvements?status=open')).toBe('/records/improvements?status=open');
  });

  it('refuses other sites and protocol-relative addresses', () => {
    expect(safeReturnTo('https://evil.example/')).toBe('/');
    expect(safeReturnTo('//evil.example/')).toBe('/');
  });

  it('does not return to the sign-in page itself', () => {
    expect(safeReturnTo('/sign-in?returnTo=/')).toBe('/');
    expect(safeReturnTo(null)).toBe('/');
  });
});
