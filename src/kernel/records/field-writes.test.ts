import { describe, expect, it } from 'vitest';
import type { Principal } from '../../platform/auth/principal.js';
import type { Role } from '../../platform/auth/roles.js';
import { AppError } from '../../platform/http/app-error.js';
import { assertFieldWritePolicy, assertFieldWrites, type FieldWritePolicy } from './field-writes.js';
import type { RecordTypeDefinition } from './record-type.js';

const person = (roles: Role[], userId = 'u1'): Principal => ({ userId, email: `${userId}@example.test`, displayName: userId, roles, via: 'session', timeZone: 'UTC' });

function ticket(fieldWrites?: FieldWritePolicy): RecordTypeDefinition {
  return {
    type: 'ticket', plural: 'tickets', table: 'tickets', prefix: 'TCK', label: 'Ticket', labelPlural: 'Tickets', clause: '8.6.1',
    titleField: 'title', listFields: ['title'],
    workflow: {
      initial: 'open',
      states: [{ id: 'open', label: 'Open', category: 'open' }, { id: 'done', label: 'Done', category: 'done' }],
      transitions: [{ from: ['open'], to: 'done', label: 'Finish', roles: ['service-desk-agent', 'requester'] }, { from: ['done'], to: 'open', label: 'Reopen', roles: ['requester'] }],
    },
    access: { read: ['service-desk-agent', 'requester'], create: ['service-desk-agent', 'requester'], update: ['service-desk-agent'] },
    fields: {
      title: { kind: 'text', label: 'Title', required: true },
      group: { kind: 'text', label: 'Group' },
      urgent: { kind: 'boolean', label: 'Urgent' },
      callerId: { kind: 'user', label: 'Caller' },
      rating: { kind: 'integer', label: 'Rating', transitionOnly: true },
      priority: { kind: 'text', label: 'Priority', readOnly: true },
    },
    fieldWrites,
  };
}

const requesterMay: FieldWritePolicy = { requester: { create: ['title'], selfOnly: ['callerId'], transitions: { done: ['rating'] } } };

function refused(run: () => void): { field: string; reason: string }[] {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError && error.code === 'forbidden') return error.extra.errors ?? [];
    throw error;
  }
  return [];
}
const fields = (run: () => void) => refused(run).map((e) => e.field);

describe('field write lists', () => {
  it('lets a requester give only the listed fields on create, with blank and unticked ones saying nothing', () => {
    const def = ticket(requesterMay);
    expect(fields(() => assertFieldWrites(def, person(['requester']), { kind: 'create' }, null, { title: 'No Wi-Fi', group: null, urgent: false, callerId: 'u1' }))).toEqual([]);
    expect(fields(() => assertFieldWrites(def, person(['requester']), { kind: 'create' }, null, { title: 'No Wi-Fi', group: 'Network', urgent: true, ownerId: 'u9' }))).toEqual(['group', 'urgent', 'ownerId']);
  });

  it('refuses a self-only user field that names someone else, saying so', () => {
    const errors = refused(() => assertFieldWrites(ticket(requesterMay), person(['requester']), { kind: 'create' }, null, { title: 'x', callerId: 'u2' }));
    expect(errors).toEqual([{ field: 'callerId', reason: 'can name only yourself when creating a ticket' }]);
  });

  it('counts only changed fields on an update or transition, and lets a transition give its own list', () => {
    const def = ticket(requesterMay);
    const before = { title: 'No Wi-Fi', group: 'Network', callerId: 'u1', rating: null };
    const write = { kind: 'transition', reference: 'TCK-000001', to: 'done' } as const;
    expect(fields(() => assertFieldWrites(def, person(['requester']), write, before, { title: 'No Wi-Fi', rating: 4 }))).toEqual([]);
    expect(fields(() => assertFieldWrites(def, person(['requester']), write, before, { title: 'Renamed', group: null, rating: 4 }))).toEqual(['title', 'group']);
    // A transition the list does not name gives nothing.
    expect(fields(() => assertFieldWrites(def, person(['requester']), { ...write, to: 'open' }, before, { rating: 2 }))).toEqual(['rating']);
  });

  it('names the roles and the write in the message', () => {
    try {
      assertFieldWrites(ticket(requesterMay), person(['requester']), { kind: 'transition', reference: 'TCK-000007', to: 'done' }, { title: 'a' }, { title: 'b' });
      expect.unreachable();
    } catch (error) {
      expect((error as AppError).message).toBe('As Requester you may not set Title when moving TCK-000007 to done. Nothing was saved.');
    }
  });

  it('leaves staff roles not named, administrators and Certus itself free, and takes the union of a person\'s roles', () => {
    const def = ticket(requesterMay);
    const given = { title: 'x', group: 'Network', urgent: true, callerId: 'u2' };
    expect(fields(() => assertFieldWrites(def, person(['service-desk-agent']), { kind: 'create' }, null, given))).toEqual([]);
    expect(fields(() => assertFieldWrites(def, person(['requester', 'service-desk-agent']), { kind: 'create' }, null, given))).toEqual([]);
    expect(fields(() => assertFieldWrites(def, person(['administrator']), { kind: 'create' }, null, given))).toEqual([]);
    expect(fields(() => assertFieldWrites(def, person([]), { kind: 'create' }, null, given))).toEqual([]);
  });

  it('gives a requester nothing on a type that declares nothing for them', () => {
    expect(fields(() => assertFieldWrites(ticket(), person(['requester']), { kind: 'create' }, null, { title: 'x' }))).toEqual(['title']);
  });

  it('restricts a staff role that a type names', () => {
    const def = ticket({ 'service-desk-agent': { create: ['title'], update: ['group'] } });
    expect(fields(() => assertFieldWrites(def, person(['service-desk-agent']), { kind: 'update', reference: 'TCK-000001' }, { title: 'a', group: 'A' }, { title: 'b', group: 'B' }))).toEqual(['title']);
  });
});

describe('checking a declaration at start-up', () => {
  it.each([
    [{ requester: { create: ['title', 'nope'] } }, 'nope is not a field'],
    [{ requester: { create: ['title', 'priority'] } }, 'priority is read-only'],
    [{ requester: { create: ['title', 'rating'] } }, 'rating is set only in transitions'],
    [{ requester: { create: ['title'], transitions: { closed: [] } } }, 'no transition moves to closed'],
    [{ requester: { create: ['title'], selfOnly: ['group'] } }, 'group in selfOnly is not a user field'],
    [{ requester: { create: ['group'] } }, 'requester may create but not give the required title'],
  ] as [FieldWritePolicy, string][])('refuses %j', (policy, message) => {
    expect(() => assertFieldWritePolicy(ticket(policy))).toThrow(message);
  });

  it('accepts a consistent declaration', () => {
    expect(() => assertFieldWritePolicy(ticket(requesterMay))).not.toThrow();
  });
});
