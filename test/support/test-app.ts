import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { openCertus, type Assembly, type Certus } from '../../src/certus.js';
import type { Role } from '../../src/platform/auth/roles.js';
import { createUser } from '../../src/platform/auth/users.service.js';
import { createTestStore, type StoreName, type TestStore } from './test-databases.js';

export const testPassword = 'correct-horse-battery';

export interface SignedIn {
  userId: string;
  cookie: string;
  csrf: string;
  token: string;
}

export interface TestApp {
  certus: Certus;
  app: FastifyInstance;
  store: TestStore;
  /** Creates a user with the given roles and signs them in with a cookie session and a token. */
  user(roles: Role[], email?: string): Promise<SignedIn>;
  close(): Promise<void>;
}

let counter = 0;

export async function startTestApp(store: StoreName, options: { assembly?: Assembly; env?: Record<string, string> } = {}): Promise<TestApp> {
  const testStore = await createTestStore(store, options.env);
  const certus = await openCertus(testStore.config, { logger: false, serveWeb: false, assembly: options.assembly });
  const { app } = certus;
  return {
    certus,
    app,
    store: testStore,
    async user(roles, email) {
      const address = email ?? `user${++counter}.${roles.join('.')}@test.example`;
      const user = await certus.database.db.transaction().execute((trx) => createUser(trx, { email: address, displayName: `Test ${roles.join(' ')}`, password: testPassword, roles }));
      const signIn = await app.inject({ method: 'POST', url: '/api/session', payload: { email: address, password: testPassword } });
      if (signIn.statusCode !== 200) throw new Error(`sign-in failed: ${signIn.body}`);
      const cookie = signIn.cookies.find((c) => c.name === 'certus_session')!.value;
      const csrf = (signIn.json() as { csrfToken: string }).csrfToken;
      const tokenReply = await app.inject({ method: 'POST', url: '/api/me/tokens', headers: { cookie: `certus_session=${cookie}`, 'x-csrf-token': csrf }, payload: { name: 'tests' } });
      const token = (tokenReply.json() as { token: string }).token;
      return { userId: user.id, cookie, csrf, token };
    },
    async close() {
      await certus.close();
      await testStore.drop();
    },
  };
}

export function asUser(user: SignedIn): Record<string, string> {
  return { authorization: `Bearer ${user.token}` };
}

export function json<T>(response: LightMyRequestResponse): T {
  return response.json() as T;
}
