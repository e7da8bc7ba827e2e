import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('configuration', () => {
  it('defaults to SQLite under ./data on 127.0.0.1:3000', () => {
    const config = loadConfig({});
    expect(config.databaseUrl).toBeNull();
    expect(config.dataDir).toBe(path.resolve('data'));
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ CERTUS_ADMIN_EMAIL: 'not-an-address' }, 'CERTUS_ADMIN_EMAIL'],
    [{ CERTUS_ADMIN_PASSWORD: 'short' }, 'CERTUS_ADMIN_PASSWORD'],
    [{ CERTUS_DEMO: 'maybe' }, 'CERTUS_DEMO'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ CERTUS_TRUSTED_PROXIES: '10.0.0.1,proxy.example' }, 'CERTUS_TRUSTED_PROXIES'],
    [{ CERTUS_TRUSTED_PROXIES: '10.0.0.0/33' }, 'CERTUS_TRUSTED_PROXIES'],
    [{ CERTUS_CHECKPOINT_INTERVAL_MINUTES: '0' }, 'CERTUS_CHECKPOINT_INTERVAL_MINUTES'],
    [{ CERTUS_CHECKPOINT_INTERVAL_MINUTES: 'hourly' }, 'CERTUS_CHECKPOINT_INTERVAL_MINUTES'],
    [{ CERTUS_CHECKPOINT_EMAIL: 'auditors' }, 'CERTUS_CHECKPOINT_EMAIL'],
  ])('stops on %o naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(new RegExp(`^Invalid configuration: ${variable} `));
  });

  it('makes a checkpoint every hour by default and e-mails it nowhere', () => {
    expect(loadConfig({})).toMatchObject({ checkpointIntervalMinutes: 60, checkpointEmail: null });
    expect(loadConfig({ CERTUS_CHECKPOINT_INTERVAL_MINUTES: '15', CERTUS_CHECKPOINT_EMAIL: 'evidence@northwind.example' }))
      .toMatchObject({ checkpointIntervalMinutes: 15, checkpointEmail: 'evidence@northwind.example' });
  });

  it('trusts no proxy by default and reads a comma-separated list of addresses and ranges', () => {
    expect(loadConfig({}).trustedProxies).toEqual([]);
    expect(loadConfig({ CERTUS_TRUSTED_PROXIES: ' 10.0.0.5, 192.168.0.0/16,::1,fd00::/8, loopback ' }).trustedProxies)
      .toEqual(['10.0.0.5', '192.168.0.0/16', '::1', 'fd00::/8', 'loopback']);
  });

  it('reads an optional JSON file, with variables taking precedence', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'certus-config-'));
    const file = path.join(dir, 'certus.json');
    writeFileSync(file, JSON.stringify({ port: 4100, logLevel: 'warn' }));
    const config = loadConfig({ CERTUS_CONFIG_FILE: file, LOG_LEVEL: 'debug' });
    expect(config.port).toBe(4100);
    expect(config.logLevel).toBe('debug');
    writeFileSync(file, JSON.stringify({ colour: 'blue' }));
    expect(() => loadConfig({ CERTUS_CONFIG_FILE: file })).toThrow(/CERTUS_CONFIG_FILE has an unknown setting "colour"/);
  });
});
