import { expect } from 'vitest';
import { asUser, json, type SignedIn, type TestApp } from '../support/test-app.js';

/**
 * A service taken live in the catalogue, as incidents need one, created by `editor` (a catalogue
 * editor: SMS manager, service level manager or process owner). Returns its reference.
 */
export async function liveService(t: TestApp, editor: SignedIn, name: string, extra: Record<string, unknown> = {}): Promise<string> {
  const made = await t.app.inject({ method: 'POST', url: '/api/services', headers: asUser(editor), payload: { name, serviceType: 'customer-facing', criticality: 'high', ...extra } });
  expect(made.statusCode, made.body).toBe(201);
  const service = json<{ reference: string; version: number }>(made);
  const live = await t.app.inject({ method: 'POST', url: `/api/services/${service.reference}/transitions`, headers: { ...asUser(editor), 'if-match': `"${service.version}"` }, payload: { to: 'live' } });
  expect(live.statusCode, live.body).toBe(200);
  return service.reference;
}
