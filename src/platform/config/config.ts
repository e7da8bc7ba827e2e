import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import { isProxyAddress } from './trusted-proxies.js';
import { oidcConfigProblem, parseRoleMap } from '../auth/oidc.config.js';

/**
 * Everything Certus reads from its environment, validated once at start.
 * Variables win over the optional JSON file named by CERTUS_CONFIG_FILE.
 */
export const ConfigSchema = Type.Object({
  port: Type.Integer({ minimum: 0, maximum: 65535 }),
  host: Type.String({ minLength: 1 }),
  dataDir: Type.String({ minLength: 1 }),
  databaseUrl: Type.Union([Type.String({ pattern: '^postgres(ql)?://' }), Type.Null()]),
  sqliteSynchronous: Type.Union([Type.Literal('FULL'), Type.Literal('NORMAL')]),
  logLevel: Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l))),
  sessionTtlHours: Type.Integer({ minimum: 1, maximum: 24 * 90 }),
  maxAttachmentBytes: Type.Integer({ minimum: 1, maximum: 1024 * 1024 * 1024 }),
  attachmentTypes: Type.Array(Type.String({ minLength: 1 })),
  maxImportBytes: Type.Integer({ minimum: 1, maximum: 1024 * 1024 * 1024 }),
  adminEmail: Type.String({ format: 'email' }),
  adminPassword: Type.Union([Type.String({ minLength: 12 }), Type.Null()]),
  loadDemo: Type.Boolean(),
  secureCookies: Type.Boolean(),
  /** Proxies whose X-Forwarded-For is believed: addresses, CIDR ranges or loopback/linklocal/uniquelocal. */
  trustedProxies: Type.Array(Type.String({ minLength: 1 })),
  smtpUrl: Type.Union([Type.String({ pattern: '^smtps?://' }), Type.Null()]),
  mailFrom: Type.String({ minLength: 3 }),
  publicUrl: Type.Union([Type.String({ pattern: '^https?://' }), Type.Null()]),
  jobIntervalMs: Type.Integer({ minimum: 100, maximum: 3_600_000 }),
  checkpointIntervalMinutes: Type.Integer({ minimum: 1, maximum: 7 * 24 * 60 }),
  checkpointEmail: Type.Union([Type.String({ format: 'email' }), Type.Null()]),
  oidcIssuer: Type.Union([Type.String({ pattern: '^https?://' }), Type.Null()]),
  oidcClientId: Type.Union([Type.String({ minLength: 1 }), Type.Null()]),
  oidcClientSecret: Type.Union([Type.String({ minLength: 1 }), Type.Null()]),
  oidcRedirectUrl: Type.Union([Type.String({ pattern: '^https?://' }), Type.Null()]),
  oidcScopes: Type.String({ minLength: 6 }),
  oidcGroupsClaim: Type.String({ minLength: 1 }),
  oidcRoleMap: Type.Record(Type.String(), Type.Array(Type.String())),
  oidcLabel: Type.String({ minLength: 1, maxLength: 80 }),
});
export type Config = Static<typeof ConfigSchema>;

type Env = Record<string, string | undefined>;

export class ConfigError extends Error {
  constructor(public readonly variable: string, reason: string) {
    super(`Invalid configuration: ${variable} ${reason}`);
  }
}

const variableOf: Record<keyof Config, string> = {
  port: 'PORT',
  host: 'HOST',
  dataDir: 'CERTUS_DATA_DIR',
  databaseUrl: 'DATABASE_URL',
  sqliteSynchronous: 'CERTUS_SQLITE_SYNCHRONOUS',
  logLevel: 'LOG_LEVEL',
  sessionTtlHours: 'CERTUS_SESSION_TTL_HOURS',
  maxAttachmentBytes: 'CERTUS_MAX_ATTACHMENT_BYTES',
  attachmentTypes: 'CERTUS_ATTACHMENT_TYPES',
  maxImportBytes: 'CERTUS_MAX_IMPORT_BYTES',
  adminEmail: 'CERTUS_ADMIN_EMAIL',
  adminPassword: 'CERTUS_ADMIN_PASSWORD',
  loadDemo: 'CERTUS_DEMO',
  secureCookies: 'CERTUS_SECURE_COOKIES',
  trustedProxies: 'CERTUS_TRUSTED_PROXIES',
  smtpUrl: 'CERTUS_SMTP_URL',
  mailFrom: 'CERTUS_MAIL_FROM',
  publicUrl: 'CERTUS_PUBLIC_URL',
  jobIntervalMs: 'CERTUS_JOB_INTERVAL_MS',
  checkpointIntervalMinutes: 'CERTUS_CHECKPOINT_INTERVAL_MINUTES',
  checkpointEmail: 'CERTUS_CHECKPOINT_EMAIL',
  oidcIssuer: 'CERTUS_OIDC_ISSUER',
  oidcClientId: 'CERTUS_OIDC_CLIENT_ID',
  oidcClientSecret: 'CERTUS_OIDC_CLIENT_SECRET',
  oidcRedirectUrl: 'CERTUS_OIDC_REDIRECT_URL',
  oidcScopes: 'CERTUS_OIDC_SCOPES',
  oidcGroupsClaim: 'CERTUS_OIDC_GROUPS_CLAIM',
  oidcRoleMap: 'CERTUS_OIDC_ROLE_MAP',
  oidcLabel: 'CERTUS_OIDC_LABEL',
};

export const defaultAttachmentTypes = [
  'application/pdf', 'text/plain', 'text/csv', 'text/markdown', 'image/png', 'image/jpeg', 'image/gif',
  'application/json', 'application/zip',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'message/rfc822', 'application/octet-stream',
];

function parseInteger(variable: string, raw: string): number {
  if (!/^-?\d+$/.test(raw.trim())) throw new ConfigError(variable, `must be a whole number, got "${raw}"`);
  return Number(raw);
}

function parseBoolean(variable: string, raw: string): boolean {
  const value = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['0', 'false', 'no', 'off'].includes(value)) return false;
  throw new ConfigError(variable, `must be true or false, got "${raw}"`);
}

function readRoleMap(raw: string): Record<string, string[]> {
  try {
    return parseRoleMap(raw);
  } catch (error) {
    throw new ConfigError(variableOf.oidcRoleMap, (error as Error).message);
  }
}

function readConfigFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError('CERTUS_CONFIG_FILE', `names a file that cannot be read: ${file}`);
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    return parsed as Record<string, unknown>;
  } catch {
    throw new ConfigError('CERTUS_CONFIG_FILE', `must hold a JSON object: ${file}`);
  }
}

/** Builds and validates the configuration; throws ConfigError naming the first bad variable. */
export function loadConfig(env: Env = process.env): Config {
  const fromFile = env.CERTUS_CONFIG_FILE ? readConfigFile(env.CERTUS_CONFIG_FILE) : {};
  for (const key of Object.keys(fromFile)) {
    if (!(key in variableOf)) throw new ConfigError('CERTUS_CONFIG_FILE', `has an unknown setting "${key}"`);
  }
  const text = (key: keyof Config): string | undefined => {
    const raw = env[variableOf[key]];
    return raw === undefined || raw === '' ? undefined : raw;
  };
  const dataDir = path.resolve(text('dataDir') ?? (fromFile.dataDir as string | undefined) ?? './data');
  const candidate: Record<string, unknown> = {
    port: 3000,
    host: '127.0.0.1',
    databaseUrl: null,
    sqliteSynchronous: 'FULL',
    logLevel: 'info',
    sessionTtlHours: 12,
    maxAttachmentBytes: 25 * 1024 * 1024,
    attachmentTypes: defaultAttachmentTypes,
    maxImportBytes: 200 * 1024 * 1024,
    adminEmail: 'admin@certus.local',
    adminPassword: null,
    loadDemo: true,
    secureCookies: false,
    trustedProxies: [],
    smtpUrl: null,
    mailFrom: 'Certus <certus@localhost>',
    publicUrl: null,
    jobIntervalMs: 5000,
    checkpointIntervalMinutes: 60,
    checkpointEmail: null,
    oidcIssuer: null,
    oidcClientId: null,
    oidcClientSecret: null,
    oidcRedirectUrl: null,
    oidcScopes: 'openid email profile',
    oidcGroupsClaim: 'groups',
    oidcRoleMap: {},
    oidcLabel: 'Sign in with single sign-on',
    ...fromFile,
    dataDir,
  };
  const numeric: (keyof Config)[] = ['port', 'sessionTtlHours', 'maxAttachmentBytes', 'maxImportBytes', 'jobIntervalMs', 'checkpointIntervalMinutes'];
  const flags: (keyof Config)[] = ['loadDemo', 'secureCookies'];
  for (const key of Object.keys(variableOf) as (keyof Config)[]) {
    const raw = text(key);
    if (raw === undefined || key === 'dataDir') continue;
    if (numeric.includes(key)) candidate[key] = parseInteger(variableOf[key], raw);
    else if (flags.includes(key)) candidate[key] = parseBoolean(variableOf[key], raw);
    else if (key === 'attachmentTypes' || key === 'trustedProxies') candidate[key] = raw.split(',').map((t) => t.trim()).filter(Boolean);
    else if (key === 'sqliteSynchronous') candidate[key] = raw.toUpperCase();
    else if (key === 'oidcRoleMap') candidate[key] = readRoleMap(raw);
    else candidate[key] = raw;
  }
  const firstError = Value.Errors(ConfigSchema, candidate)[0];
  if (firstError) {
    const key = firstError.instancePath.split('/')[1] as keyof Config | undefined;
    const variable = key && key in variableOf ? variableOf[key] : 'configuration';
    throw new ConfigError(variable, firstError.message);
  }
  const oidcProblem = oidcConfigProblem(candidate as Config);
  if (oidcProblem) throw new ConfigError(variableOf[oidcProblem.key], oidcProblem.reason);
  const badProxy = (candidate.trustedProxies as string[]).find((p) => !isProxyAddress(p));
  if (badProxy !== undefined) throw new ConfigError(variableOf.trustedProxies, `must list IP addresses or CIDR ranges (or loopback, linklocal, uniquelocal), got "${badProxy}"`);
  return candidate as Config;
}
