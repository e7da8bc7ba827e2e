import { appendFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { Role } from '../../src/platform/auth/roles.js';
import { asUser, startTestApp, type SignedIn, type TestApp } from '../support/test-app.js';
import { storeNames } from '../support/test-databases.js';
import { KnownKeys, MalformedRequests, operationsOf, type FuzzRequest } from '../support/malformed-requests.js';

// Requests per role per database. CERTUS_FUZZ_REQUESTS=6000 is the big run (≥ 10,000 a database).
const perRole = Number(process.env.CERTUS_FUZZ_REQUESTS ?? 2000);
const seed = Number(process.env.CERTUS_FUZZ_SEED ?? 20_261_203);
// A file to append every request and its status to, one JSON line each, for a closer look.
const logFile = process.env.CERTUS_FUZZ_LOG;

interface Failure {
  request: FuzzRequest;
  status: number;
  why: string;
  body: string;
}

/** What is wrong with an answer: a server error, or a 4xx that is not a readable problem. */
function complaintAbout(response: LightMyRequestResponse): string | null {
  if (response.statusCode >= 500) return 'server error';
  if (response.statusCode < 400) return null;
  const type = String(response.headers['content-type'] ?? '');
  if (!type.startsWith('application/problem+json')) return `4xx as ${type || 'no content type'}`;
  let problem: { title?: unknown; status?: unknown; errors?: { field?: unknown; reason?: unknown }[] };
  try { problem = response.json(); } catch { return '4xx problem that is not JSON'; }
  if (typeof problem.title !== 'string' || problem.title === '') return 'problem without a title';
  if (problem.status !== response.statusCode) return 'problem whose status differs from the response';
  if (problem.title === 'The request is not valid' && !(Array.isArray(problem.errors) && problem.errors.length > 0)) return 'validation problem naming no field';
  for (const error of problem.errors ?? []) {
    if (typeof error.field !== 'string' || error.field === '' || typeof error.reason !== 'string' || error.reason === '') return 'validation problem with an unnamed field or reason';
  }
  if (response.body.length > 20_000) return 'problem that echoes the request';
  return null;
}

function describeFailures(failures: Failure[]): string {
  // Server errors first: they are the worse fault, and the rarer.
  const ordered = [...failures].sort((a, b) => Number(b.status >= 500) - Number(a.status >= 500));
  return ordered.slice(0, 8).map((f) => [
    `${f.status} (${f.why}) after ${JSON.stringify(f.request.mutation)}`,
    `  ${f.request.method} ${f.request.url.slice(0, 300)}`,
    `  headers ${JSON.stringify(f.request.headers).slice(0, 200)}`,
    `  body ${JSON.stringify(f.request.payload?.slice(0, 300) ?? null)}`,
    `  answer ${f.body.slice(0, 300)}`,
  ].join('\n')).join('\n');
}

describe.each(storeNames())('malformed requests from the OpenAPI document on %s', (store) => {
  let t: TestApp;
  let admin: SignedIn;
  beforeAll(async () => {
    t = await startTestApp(store);
    admin = await t.user(['administrator']);
  });
  afterAll(async () => t?.close());

  /** Sends the role's share; signs the role in again if a request took its token or its roles away. */
  async function run(roles: Role[], roleSeed: number): Promise<{ sent: number; failures: Failure[]; statuses: Map<number, number> }> {
    const document = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<Parameters<typeof operationsOf>[0]>();
    const operations = operationsOf(document);
    expect(operations.length).toBeGreaterThan(100);
    const known = new KnownKeys();
    const requests = new MalformedRequests(roleSeed, operations, known);
    let user: SignedIn = await t.user(roles);
    // Fill the store first, so that path parameters can name records that exist and the
    // malformed requests reach past the lookup into the handlers.
    const creates = operations.filter((o) => o.method === 'POST' && o.body && !o.path.startsWith('/api/session') && !o.path.includes('password'));
    for (let round = 0; round < 3; round++) {
      for (const operation of creates) {
        const request = requests.plausible(operation);
        const response = await t.app.inject({ method: 'POST', url: request.url, headers: { ...asUser(admin), ...request.headers }, payload: request.payload });
        if (response.statusCode < 300) known.learn(operation.path, response.json());
      }
    }
    // A file on a few records, its name beyond Latin-1, so that downloads have something to send.
    for (const operation of operations.filter((o) => o.method === 'POST' && o.path.endsWith('/{key}/attachments')).slice(0, 12)) {
      const request = requests.plausible(operation);
      const boundary = 'fuzzboundary';
      const payload = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="文件😀.txt"\r\nContent-Type: text/plain\r\n\r\nevidence\r\n--${boundary}--\r\n`;
      const response = await t.app.inject({ method: 'POST', url: request.url, headers: { ...asUser(admin), 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
      if (response.statusCode < 300) known.learn(operation.path, response.json());
    }
    const failures: Failure[] = [];
    const statuses = new Map<number, number>();
    for (let i = 0; i < perRole; i++) {
      if (i % 50 === 49) {
        const session = await t.app.inject({ method: 'GET', url: '/api/session', headers: asUser(user) });
        if (session.statusCode !== 200 || JSON.stringify(session.json<{ user: { roles: string[] } }>().user.roles) !== JSON.stringify(roles)) user = await t.user(roles);
      }
      const request = requests.next();
      const response = await t.app.inject({ method: request.method as 'GET', url: request.url, headers: { ...asUser(user), ...request.headers }, payload: request.payload });
      if (logFile) appendFileSync(logFile, `${JSON.stringify({ store, roles, status: response.statusCode, method: request.method, url: request.url.slice(0, 200), mutation: request.mutation })}\n`);
      statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
      const why = complaintAbout(response);
      if (why) failures.push({ request, status: response.statusCode, why, body: response.body });
      else if (response.statusCode < 300 && String(response.headers['content-type'] ?? '').includes('json')) {
        try { known.learn(request.operation, response.json()); } catch { /* not JSON after all */ }
      }
    }
    return { sent: perRole, failures, statuses };
  }

  for (const [label, roles, roleSeed] of [['an administrator', ['administrator'], seed], ['a requester', ['requester'], seed + 1]] as const) {
    it(`answers every malformed request from ${label} with a 4xx problem or a success, never a 5xx`, async () => {
      const { sent, failures, statuses } = await run([...roles], roleSeed);
      const serverErrors = failures.filter((f) => f.status >= 500).length;
      const spread = [...statuses].sort(([a], [b]) => a - b).map(([status, n]) => `${status}×${n}`).join(' ');
      console.log(`fuzz ${store} ${label}: ${sent} requests, ${serverErrors} ≥ 500, ${failures.length - serverErrors} 4xx that are not problems (${spread})`);
      expect(failures, describeFailures(failures)).toEqual([]);
    }, 600_000);
  }
});
