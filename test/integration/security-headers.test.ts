import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assemble, prepareDatabase, version } from '../../src/certus.js';
import { createDatabase, type Database } from '../../src/platform/db/database.js';
import { buildApp } from '../../src/platform/http/app.js';
import { createTestStore, type TestStore } from '../support/test-databases.js';

/** What Vite writes for web/index.html: the entry as a module file, nothing inline. */
const builtIndex = '<!doctype html><html lang="en-GB"><head><meta charset="UTF-8" /><link rel="icon" href="data:," /><title>Certus</title><script type="module" crossorigin src="/assets/index-test.js"></script></head><body><div id="root"></div></body></html>';

describe('security headers', () => {
  let store: TestStore;
  let database: Database;
  let app: FastifyInstance;
  let webRoot: string;
  beforeAll(async () => {
    store = await createTestStore('sqlite');
    database = createDatabase(store.config);
    const assembly = assemble();
    await prepareDatabase(database, assembly);
    webRoot = mkdtempSync(path.join(os.tmpdir(), 'certus-web-'));
    mkdirSync(path.join(webRoot, 'web', 'dist', 'assets'), { recursive: true });
    writeFileSync(path.join(webRoot, 'web', 'dist', 'index.html'), builtIndex);
    writeFileSync(path.join(webRoot, 'web', 'dist', 'assets', 'index-test.js'), 'console.log("certus")');
    app = await buildApp({ config: store.config, database, permissions: assembly.permissions, plugins: [], isMigrated: async () => true, version, webRoot, logger: false });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
    await store?.drop();
    rmSync(webRoot, { recursive: true, force: true });
  });

  const directives = (res: LightMyRequestResponse) => new Map(String(res.headers['content-security-policy'] ?? '').split(';').map((d) => d.trim()).filter(Boolean)
    .map((d) => { const [name = '', ...values] = d.split(/\s+/); return [name, values] as const; }));

  const expectHardened = (res: LightMyRequestResponse) => {
    const csp = directives(res);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('script-src-attr')).toEqual(["'none'"]);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.has('upgrade-insecure-requests')).toBe(false);
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('same-origin');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toBeUndefined();
  };

  it('hardens the web app, whose built page runs no inline script', async () => {
    const page = await app.inject({ method: 'GET', url: '/incidents/INC-000001' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('id="root"');
    expectHardened(page);
    const script = await app.inject({ method: 'GET', url: '/assets/index-test.js' });
    expect(script.statusCode).toBe(200);
    expectHardened(script);
    // The page Vite builds from: every script has a src, so script-src 'self' is enough.
    const source = readFileSync(path.resolve('web', 'index.html'), 'utf8');
    const scripts = [...source.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes = '', body = ''] of scripts) {
      expect(attributes).toMatch(/\bsrc=/);
      expect(body.trim()).toBe('');
    }
  });

  it('hardens API answers, problems included', async () => {
    const health = await app.inject({ method: 'GET', url: '/health/live' });
    expect(health.statusCode).toBe(200);
    expectHardened(health);
    const refused = await app.inject({ method: 'GET', url: '/api/session' });
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expectHardened(refused);
  });

  it('serves the API reference under the same policy, with its scripts and styles as files', async () => {
    const docs = await app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expectHardened(docs);
    const scripts = [...docs.body.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThanOrEqual(2);
    for (const [, attributes = '', body = ''] of scripts) {
      expect(attributes).toMatch(/\bsrc=/);
      expect(body.trim()).toBe('');
    }
    const assets = [...docs.body.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
    expect(assets).toEqual(expect.arrayContaining([expect.stringContaining('swagger-initializer.js'), expect.stringContaining('swagger-ui.css')]));
    for (const asset of assets) {
      const url = asset.startsWith('/') ? asset : `/api/docs/${asset.replace(/^\.\//, '')}`;
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(String(res.headers['content-type'])).toMatch(asset.endsWith('.js') ? /javascript/ : /text\/css/);
      expectHardened(res);
    }
    const spec = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(spec.statusCode).toBe(200);
    expect(spec.json<{ openapi: string }>().openapi).toBe('3.1.0');
  });

  it('promises HTTPS (HSTS, upgrade-insecure-requests) only when served over it', async () => {
    const https = await buildApp({ config: { ...store.config, secureCookies: true }, database, permissions: assemble().permissions, plugins: [], isMigrated: async () => true, version, logger: false });
    try {
      const res = await https.inject({ method: 'GET', url: '/health/live' });
      expect(res.headers['strict-transport-security']).toMatch(/^max-age=\d+/);
      expect(directives(res).has('upgrade-insecure-requests')).toBe(true);
      expect(directives(res).get('frame-ancestors')).toEqual(["'none'"]);
    } finally {
      await https.close();
    }
  });
});
