import type { Config } from '../config/config.js';
import { isRole, type Role } from './roles.js';

/** Where the identity provider sends the browser back; register this address with it. */
export const oidcCallbackPath = '/api/session/oidc/callback';

/** Identity-provider group → the Certus roles its members hold. */
export type RoleMap = Record<string, Role[]>;

/** The single sign-on settings, complete and checked; null when no issuer is configured. */
export interface OidcSettings {
  issuer: URL;
  clientId: string;
  /** Null for a public client, which authenticates with PKCE alone. */
  clientSecret: string | null;
  redirectUrl: string;
  /** Where the identity provider returns the browser after signing out (`…/sign-in`). */
  postLogoutRedirectUrl: string;
  scopes: string;
  groupsClaim: string;
  roleMap: RoleMap;
  label: string;
  /** Plain http, allowed for an issuer on the loopback interface only. */
  insecureLoopback: boolean;
}

type OidcKey = 'oidcIssuer' | 'oidcClientId' | 'oidcClientSecret' | 'oidcRedirectUrl' | 'oidcScopes' | 'oidcGroupsClaim' | 'oidcRoleMap' | 'oidcLabel';
type OidcConfig = Pick<Config, OidcKey | 'publicUrl'>;

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function isLoopback(url: URL): boolean {
  return loopbackHosts.has(url.hostname);
}

function checkedRoles(group: string, names: string[]): Role[] {
  if (group === '') throw new Error('names an empty group');
  if (names.length === 0) throw new Error(`gives group "${group}" no role`);
  for (const name of names) if (!isRole(name)) throw new Error(`gives group "${group}" the role "${name}", which is not a role (see GET /api/roles)`);
  return [...new Set(names)] as Role[];
}

/**
 * Reads the group-to-role map, written either as JSON (`{"sms-leads": ["sms-manager"]}`, a role
 * may also be a single string) or compactly as `group=role,role;group2=role`. In the compact form
 * the group ends at the last `=`, so a group named like an LDAP DN (`cn=admins,ou=groups`) still
 * reads; a group holding `;` needs the JSON form. Throws an Error whose message is the reason.
 */
export function parseRoleMap(raw: string): RoleMap {
  const text = raw.trim();
  const map: RoleMap = {};
  if (text.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Error('is not valid JSON');
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('must be a JSON object of group → roles');
    for (const [group, value] of Object.entries(parsed as Record<string, unknown>)) {
      const names = typeof value === 'string' ? [value] : value;
      if (!Array.isArray(names) || !names.every((n): n is string => typeof n === 'string')) throw new Error(`gives group "${group}" something other than a role or a list of roles`);
      map[group] = checkedRoles(group, names);
    }
    return map;
  }
  for (const entry of text.split(';').map((e) => e.trim()).filter(Boolean)) {
    const at = entry.lastIndexOf('=');
    if (at < 0) throw new Error(`has "${entry}", which is not group=role,role`);
    const group = entry.slice(0, at).trim();
    const names = entry.slice(at + 1).split(',').map((r) => r.trim()).filter(Boolean);
    map[group] = [...new Set([...(map[group] ?? []), ...checkedRoles(group, names)])];
  }
  return map;
}

/** The roles a member of these groups holds: the union over every mapped group. */
export function rolesForGroups(map: RoleMap, groups: readonly string[]): Role[] {
  const held = new Set<Role>();
  for (const group of groups) for (const role of map[group] ?? []) held.add(role);
  return [...held].sort();
}

function httpUrl(raw: string): URL | null {
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

/**
 * Checks the settings as a whole, after each has its type; returns the first problem, naming
 * the setting, or null. An http issuer is refused unless it is on the loopback interface (tests,
 * an identity provider on the same machine): elsewhere the codes and tokens would travel in clear.
 */
export function oidcConfigProblem(config: OidcConfig): { key: OidcKey; reason: string } | null {
  if (!config.oidcIssuer) {
    if (config.oidcClientId || config.oidcClientSecret || Object.keys(config.oidcRoleMap).length > 0) {
      return { key: 'oidcIssuer', reason: 'must be set when the other CERTUS_OIDC_ settings are (it turns single sign-on on)' };
    }
    return null;
  }
  const issuer = httpUrl(config.oidcIssuer);
  if (!issuer || issuer.search || issuer.hash) return { key: 'oidcIssuer', reason: `must be the identity provider's issuer URL, got "${config.oidcIssuer}"` };
  if (issuer.protocol === 'http:' && !isLoopback(issuer)) return { key: 'oidcIssuer', reason: 'must use https; plain http is allowed only for an issuer on 127.0.0.1 or localhost' };
  if (!config.oidcClientId) return { key: 'oidcClientId', reason: 'is required when CERTUS_OIDC_ISSUER is set' };
  if (config.oidcRedirectUrl) {
    const redirect = httpUrl(config.oidcRedirectUrl);
    if (!redirect || !redirect.pathname.endsWith(oidcCallbackPath) || redirect.search || redirect.hash) {
      return { key: 'oidcRedirectUrl', reason: `must be an http(s) address ending in ${oidcCallbackPath}, got "${config.oidcRedirectUrl}"` };
    }
  } else if (!config.publicUrl) {
    return { key: 'oidcRedirectUrl', reason: 'is required when CERTUS_OIDC_ISSUER is set and CERTUS_PUBLIC_URL is not (it is derived from CERTUS_PUBLIC_URL otherwise)' };
  }
  if (!config.oidcScopes.split(/\s+/).includes('openid')) return { key: 'oidcScopes', reason: 'must include openid' };
  const groups = Object.entries(config.oidcRoleMap);
  if (groups.length === 0) return { key: 'oidcRoleMap', reason: 'must map at least one identity-provider group to a role when CERTUS_OIDC_ISSUER is set' };
  try {
    for (const [group, names] of groups) checkedRoles(group, names);
  } catch (error) {
    return { key: 'oidcRoleMap', reason: (error as Error).message };
  }
  return null;
}

/** The settings in working form, or null when single sign-on is off. Assumes a checked config. */
export function oidcSettings(config: OidcConfig): OidcSettings | null {
  if (!config.oidcIssuer || !config.oidcClientId) return null;
  const issuer = new URL(config.oidcIssuer);
  const redirectUrl = config.oidcRedirectUrl ?? `${config.publicUrl!.replace(/\/+$/, '')}${oidcCallbackPath}`;
  return {
    issuer,
    clientId: config.oidcClientId,
    clientSecret: config.oidcClientSecret,
    redirectUrl,
    postLogoutRedirectUrl: `${redirectUrl.slice(0, -oidcCallbackPath.length)}/sign-in`,
    scopes: config.oidcScopes,
    groupsClaim: config.oidcGroupsClaim,
    roleMap: config.oidcRoleMap as RoleMap,
    label: config.oidcLabel,
    insecureLoopback: issuer.protocol === 'http:',
  };
}
