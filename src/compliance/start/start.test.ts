import { describe, expect, it } from 'vitest';
import { PermissionRegistry } from '../../platform/auth/permissions.js';
import type { Role } from '../../platform/auth/roles.js';
import { assemble } from '../../certus.js';
import { startSectionsFor, workKindsFor } from './start.sections.js';
import { mergeByDue, type WorkItem } from './work.service.js';

const { permissions } = assemble();
const allowsFor = (roles: Role[], registry: PermissionRegistry = permissions) => (p: `${string}:${string}`) => registry.has(p) && registry.allows(roles, p);

const item = (reference: string, dueAt: number | null, createdAt = 0): WorkItem => ({
  kind: 'incident', reference, title: reference, status: 'in-progress', priority: 'P3', group: 'Hosting', request: null,
  dueAt, breached: false, atRisk: false, paused: dueAt === null, createdAt,
});

describe('start page sections', () => {
  it('gives agents their work and approvals, and no overview or audit', () => {
    expect(startSectionsFor(['service-desk-agent'], allowsFor(['service-desk-agent']))).toEqual(['work', 'approvals']);
    expect(workKindsFor(allowsFor(['service-desk-agent']))).toEqual(['incident', 'service-request', 'request-task']);
  });

  it('puts the overview first for those who run the SMS', () => {
    expect(startSectionsFor(['sms-manager'], allowsFor(['sms-manager']))).toEqual(['overview', 'work', 'approvals']);
    expect(startSectionsFor(['top-management'], allowsFor(['top-management']))).toEqual(['overview', 'approvals']);
    expect(startSectionsFor(['process-owner'], allowsFor(['process-owner']))[0]).toBe('overview');
  });

  it('gives the internal auditor the audits only: they read everything but work nothing', () => {
    expect(startSectionsFor(['internal-auditor'], allowsFor(['internal-auditor']))).toEqual(['audit']);
  });

  it('leaves out a section whose records the role may not read', () => {
    const bare = new PermissionRegistry();
    bare.grant({ 'incidents:update': ['sms-manager'] });
    expect(startSectionsFor(['sms-manager'], allowsFor(['sms-manager'], bare))).toEqual([]);
  });
});

describe('work by SLA due time', () => {
  it('puts the breached (due in the past) first, then the soonest due, and paused work last, oldest first', () => {
    const merged = mergeByDue([[item('INC-3', 3000), item('INC-P2', null, 20)], [item('REQ-1', 1000), item('INC-P1', null, 10), item('RTK-2', 2000)]], 10);
    expect(merged.map((i) => i.reference)).toEqual(['REQ-1', 'RTK-2', 'INC-3', 'INC-P1', 'INC-P2']);
  });

  it('keeps the soonest due when it cuts a list', () => {
    expect(mergeByDue([[item('A', 5), item('B', 1)], [item('C', 3)]], 2).map((i) => i.reference)).toEqual(['B', 'C']);
  });
});
