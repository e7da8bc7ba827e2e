import { describe, expect, it } from 'vitest';
import { PermissionRegistry } from './permissions.js';

describe('permission registry', () => {
  const registry = new PermissionRegistry();
  registry.grant({ 'changes:read': ['change-release-manager'], 'changes:approve': ['change-release-manager'] });

  it('always lets the administrator act', () => {
    expect(registry.allows(['administrator'], 'changes:approve')).toBe(true);
  });

  it('lets the internal auditor read but not act', () => {
    expect(registry.allows(['internal-auditor'], 'changes:read')).toBe(true);
    expect(registry.allows(['internal-auditor'], 'changes:approve')).toBe(false);
  });

  it('refuses roles it was not granted to, and fails loudly on an unknown permission', () => {
    expect(registry.allows(['requester'], 'changes:read')).toBe(false);
    expect(() => registry.allows(['requester'], 'nothing:read')).toThrow(/never granted/);
  });
});
