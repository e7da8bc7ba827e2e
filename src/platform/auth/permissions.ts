import type { Role } from './roles.js';

/**
 * Permissions are named `<area>:<action>`. Each module grants its own; the platform grants the
 * ones below. Two rules hold for every permission, whoever declares it:
 * - the administrator holds all of them;
 * - the internal auditor holds every `:read` permission and nothing else unless it is granted
 *   explicitly (audit work), so an auditor can see everything and change nothing by default.
 */
export type Permission = `${string}:${string}`;
export type Grants = Record<Permission, Role[]>;

export class PermissionRegistry {
  private readonly grants = new Map<Permission, Set<Role>>();

  grant(permissions: Grants): void {
    for (const [permission, holders] of Object.entries(permissions) as [Permission, Role[]][]) {
      const set = this.grants.get(permission) ?? new Set<Role>();
      for (const role of holders) set.add(role);
      set.add('administrator');
      if (permission.endsWith(':read')) set.add('internal-auditor');
      this.grants.set(permission, set);
    }
  }

  has(permission: Permission): boolean {
    return this.grants.has(permission);
  }

  allows(userRoles: readonly Role[], permission: Permission): boolean {
    const holders = this.grants.get(permission);
    if (!holders) throw new Error(`Permission ${permission} was never granted to anyone`);
    return userRoles.some((role) => holders.has(role));
  }

  permissionsOf(userRoles: readonly Role[]): Permission[] {
    return [...this.grants.keys()].filter((p) => this.allows(userRoles, p)).sort();
  }

  all(): Permission[] {
    return [...this.grants.keys()].sort();
  }
}

export const platformGrants: Grants = {
  'users:read': ['sms-manager', 'top-management'],
  'users:manage': [],
  'integrity:read': ['sms-manager'],
};
