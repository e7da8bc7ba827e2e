import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/app-error.js';
import type { Principal } from '../../platform/auth/principal.js';
import { assertRequesterMaySet } from './incident-requester.rules.js';

const person = (roles: Principal['roles']): Principal => ({ userId: 'u1', email: 'u1@example.test', displayName: 'U One', roles, via: 'session', timeZone: 'UTC' });
const requester = person(['requester']);

function refusedFields(run: () => void): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError && error.code === 'forbidden') return (error.extra.errors ?? []).map((e) => e.field);
    throw error;
  }
  return [];
}

describe('what a requester may set on an incident', () => {
  it('accepts a description of the problem in their own name, with blank and unticked fields ignored', () => {
    const report = { shortDescription: 'No Wi-Fi', description: 'Since 9', service: 'SVC-000001', category: 'network', impact: 'low', urgency: 'high', configurationItem: 'Laptop', callerId: 'u1', assignmentGroup: null, major: false };
    expect(refusedFields(() => assertRequesterMaySet(requester, null, report, null))).toEqual([]);
  });

  it('names every handling field a report sets, another caller, and an owner', () => {
    const report = { shortDescription: 'No Wi-Fi', callerId: 'u2', assignmentGroup: 'Network', major: true };
    expect(refusedFields(() => assertRequesterMaySet(requester, null, report, 'u3'))).toEqual(['callerId', 'assignmentGroup', 'major', 'ownerId']);
  });

  it('lets a confirmation or reopening change nothing, and leaves staff alone', () => {
    const before = { shortDescription: 'No Wi-Fi', assignmentGroup: 'Network', urgency: 'high' };
    expect(refusedFields(() => assertRequesterMaySet(requester, before, { ...before }, null))).toEqual([]);
    expect(refusedFields(() => assertRequesterMaySet(requester, before, { ...before, assignmentGroup: null, urgency: 'low' }, null))).toEqual(['assignmentGroup', 'urgency']);
    expect(refusedFields(() => assertRequesterMaySet(person(['service-desk-agent', 'requester']), null, { assignmentGroup: 'Network', callerId: 'u2' }, null))).toEqual([]);
  });
});
