import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.js';
import { oidcSettings, parseRoleMap, rolesForGroups } from './oidc.config.js';

const sso = {
  CERTUS_OIDC_ISSUER: 'https://login.example.org/realms/certus',
  CERTUS_OIDC_CLIENT_ID: 'certus',
  CERTUS_PUBLIC_URL: 'https://certus.example.org',
  CERTUS_OIDC_ROLE_MAP: 'sms-leads=sms-manager',
};

describe('the single sign-on role map', () => {
  it('reads the compact form, merging repeated groups', () => {
    expect(parseRoleMap('sms-leads = sms-manager, process-owner ; desk=service-desk-agent;desk=requester')).toEqual({
      'sms-leads': ['sms-manager', 'process-owner'],
      desk: ['service-desk-agent', 'requester'],
    });
  });

  it('keeps a group named like an LDAP DN whole: the group ends at the last "="', () => {
    expect(parseRoleMap('cn=admins,ou=groups,dc=example=administrator')).toEqual({ 'cn=admins,ou=groups,dc=example': ['administrator'] });
  });

  it('reads the JSON form, a single role given as a string', () => {
    expect(parseRoleMap('{"Certus Admins": ["administrator", "sms-manager"], "auditors": "internal-auditor"}')).toEqual({
      'Certus Admins': ['administrator', 'sms-manager'],
      auditors: ['internal-auditor'],
    });
  });

  it.each([
    ['admins=wizard', /the role "wizard", which is not a role/],
    ['admins', /not group=role,role/],
    ['=administrator', /empty group/],
    ['admins=', /gives group "admins" no role/],
    ['{"admins": [1]}', /something other than a role/],
    ['{"admins": ', /not valid JSON/],
  ])('refuses %s', (raw, reason) => {
    expect(() => parseRoleMap(raw)).toThrow(reason);
  });

  it('gives the union of the roles of every mapped group, ignoring unmapped ones', () => {
    const map = parseRoleMap('a=sms-manager,process-owner;b=process-owner,requester');
    expect(rolesForGroups(map, ['a', 'b', 'unknown'])).toEqual(['process-owner', 'requester', 'sms-manager']);
    expect(rolesForGroups(map, ['unknown'])).toEqual([]);
  });
});

describe('the single sign-on configuration', () => {
  it('is off by default', () => {
    const config = loadConfig({});
    expect(config.oidcIssuer).toBeNull();
    expect(oidcSettings(config)).toBeNull();
  });

  it('derives the redirect and post-sign-out addresses from CERTUS_PUBLIC_URL and keeps the defaults', () => {
    const settings = oidcSettings(loadConfig({ ...sso, CERTUS_PUBLIC_URL: 'https://certus.example.org/' }))!;
    expect(settings.redirectUrl).toBe('https://certus.example.org/api/session/oidc/callback');
    expect(settings.postLogoutRedirectUrl).toBe('https://certus.example.org/sign-in');
    expect(settings.scopes).toBe('openid email profile');
    expect(settings.groupsClaim).toBe('groups');
    expect(settings.clientSecret).toBeNull();
    expect(settings.insecureLoopback).toBe(false);
    expect(settings.roleMap).toEqual({ 'sms-leads': ['sms-manager'] });
  });

  it('allows plain http for an issuer on the loopback interface only', () => {
    expect(oidcSettings(loadConfig({ ...sso, CERTUS_OIDC_ISSUER: 'http://127.0.0.1:4000' }))!.insecureLoopback).toBe(true);
    expect(oidcSettings(loadConfig({ ...sso, CERTUS_OIDC_ISSUER: 'http://localhost:4000/idp' }))!.insecureLoopback).toBe(true);
    expect(() => loadConfig({ ...sso, CERTUS_OIDC_ISSUER: 'http://login.example.org' })).toThrow(/^Invalid configuration: CERTUS_OIDC_ISSUER must use https; plain http is allowed only/);
  });

  it.each([
    [{ ...sso, CERTUS_OIDC_ISSUER: 'ftp://login.example.org' }, 'CERTUS_OIDC_ISSUER'],
    [{ ...sso, CERTUS_OIDC_ISSUER: undefined }, 'CERTUS_OIDC_ISSUER'],
    [{ ...sso, CERTUS_OIDC_CLIENT_ID: undefined }, 'CERTUS_OIDC_CLIENT_ID'],
    [{ ...sso, CERTUS_PUBLIC_URL: undefined }, 'CERTUS_OIDC_REDIRECT_URL'],
    [{ ...sso, CERTUS_OIDC_REDIRECT_URL: 'https://certus.example.org/callback' }, 'CERTUS_OIDC_REDIRECT_URL'],
    [{ ...sso, CERTUS_OIDC_SCOPES: 'email profile' }, 'CERTUS_OIDC_SCOPES'],
    [{ ...sso, CERTUS_OIDC_ROLE_MAP: undefined }, 'CERTUS_OIDC_ROLE_MAP'],
    [{ ...sso, CERTUS_OIDC_ROLE_MAP: 'sms-leads=sms-boss' }, 'CERTUS_OIDC_ROLE_MAP'],
  ])('stops on %o naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(new RegExp(`^Invalid configuration: ${variable} `));
  });

  it('checks the roles of a map given as an object in the configuration file too', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'certus-oidc-')), 'certus.json');
    writeFileSync(file, JSON.stringify({ oidcIssuer: sso.CERTUS_OIDC_ISSUER, oidcClientId: 'certus', publicUrl: sso.CERTUS_PUBLIC_URL, oidcRoleMap: { admins: ['root'] } }));
    expect(() => loadConfig({ CERTUS_CONFIG_FILE: file })).toThrow(/^Invalid configuration: CERTUS_OIDC_ROLE_MAP gives group "admins" the role "root"/);
  });
});
