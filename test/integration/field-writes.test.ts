import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Value } from 'typebox/value';
import type { Principal } from '../../src/platform/auth/principal.js';
import { roleIds, type Role } from '../../src/platform/auth/roles.js';
import { newId } from '../../src/platform/db/ids.js';
import type { FieldWrites } from '../../src/kernel/records/field-writes.js';
import { columnsFor, recordTables, type FieldValue } from '../../src/kernel/records/record-row.js';
import { permissionsOf, type FieldDefinition, type RecordTypeDefinition } from '../../src/kernel/records/record-type.js';
import { asUser, json, startTestApp, type SignedIn, type TestApp } from '../support/test-app.js';
import { storeNames } from '../support/test-databases.js';
import { requestApi, type RequestView } from './requests-fixture.js';

interface Problem { status: number; detail: string; errors?: { field: string; reason: string }[] }

/**
 * A value of the field's kind that passes the request schema; `variant` gives a second, different
 * one, so that an update or transition changes the field rather than sending it back.
 */
function valueOf(name: string, field: FieldDefinition, variant: 0 | 1, users: { self: string; other: string }): unknown {
  switch (field.kind) {
    case 'text': case 'longText': return `${name} ${variant === 0 ? 'as stored' : 'as sent'}`;
    case 'enum': { const options = field.options ?? []; return options[variant === 0 ? 0 : options.length - 1]!.value; }
    case 'date': return variant === 0 ? '2026-01-05' : '2026-02-06';
    case 'instant': return variant === 0 ? '2026-01-05T09:00:00.000Z' : '2026-02-06T10:30:00.000Z';
    case 'integer': { const low = field.minimum ?? 1; return variant === 0 ? low : Math.min(low + 1, field.maximum ?? low + 1); }
    case 'boolean': return variant === 1;
    case 'user': return variant === 0 ? users.self : users.other;
    case 'reference': return `${field.target!.prefix}-00000${variant + 1}`;
    case 'json': return Value.Create(field.schema!);
  }
}

/** The fields a role may give in a write by the type's declaration; null when it may give every writable one. */
function declaredList(def: RecordTypeDefinition, role: Role, pick: (w: FieldWrites) => readonly string[] | undefined): Set<string> | null {
  if (role === 'administrator') return null;
  const declared = def.fieldWrites?.[role];
  if (!declared) return role === 'requester' ? new Set() : null;
  return new Set([...(pick(declared) ?? []), ...(declared.selfOnly ?? [])]);
}

/**
 * Walks every registered record type × every role × create, update and each transition, and
 * proves that a field outside what the role may give is refused, naming it, and that nothing is
 * written: 403 for a field another role may give, 400 for one no client ever gives there
 * (read-only, transition-only outside a transition, given only after creation on a create). New record types are covered with no new test code.
 */
describe.each(storeNames())('field write permissions on %s', (store) => {
  let t: TestApp;
  const users = new Map<Role, SignedIn>();
  let counter = 0;
  let checks = 0;
  const typesChecked = new Set<string>();

  beforeAll(async () => {
    t = await startTestApp(store);
    for (const role of roleIds) users.set(role, await t.user([role]));
  });
  afterAll(async () => t?.close());

  const defs = () => t.certus.assembly.registry.all();
  const may = (role: Role, permission: `${string}:${string}`) => t.certus.assembly.permissions.allows([role], permission);
  const userIds = (role: Role) => ({ self: users.get(role)!.userId, other: users.get(role === 'sms-manager' ? 'service-desk-agent' : 'sms-manager')!.userId });

  /** A row written straight to the type's table, in `status`, seen by `role` through its read scope. */
  async function fixture(def: RecordTypeDefinition, role: Role, status: string): Promise<{ reference: string; id: string }> {
    const admin = users.get('administrator')!.userId;
    counter++;
    const values: Record<string, FieldValue> = {};
    for (const [name, field] of Object.entries(def.fields)) {
      const value = valueOf(name, field, 0, userIds(role));
      // Text made unique per row, since some text fields are unique keys (an import's external number).
      // A json field is stored empty, so that the value a request sends is always a change.
      values[name] = field.kind === 'json' ? null : typeof value === 'string' && (field.kind === 'text' || field.kind === 'longText') ? `${value} ${counter}` : (value as FieldValue);
    }
    const principal: Principal = { userId: users.get(role)!.userId, email: '', displayName: '', roles: [role], via: 'token', timeZone: 'UTC' };
    const scope = def.readScope?.(principal);
    const columns = columnsFor(def, values);
    if (scope) columns[scope.column] = scope.equals;
    const id = newId();
    const reference = `${def.prefix}-${String(900000 + counter)}`;
    const now = Date.now();
    await recordTables(t.certus.database.db).insertInto(def.table).values({
      id, reference, status, owner_id: null, created_by: admin, created_at: now, updated_by: admin, updated_at: now, version: 1, ...columns,
    }).execute();
    return { reference, id };
  }

  const rowCount = async (def: RecordTypeDefinition) => Number((await recordTables(t.certus.database.db).selectFrom(def.table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const versionOf = async (def: RecordTypeDefinition, id: string) => Number((await recordTables(t.certus.database.db).selectFrom(def.table).select(['version']).where('id', '=', id).executeTakeFirstOrThrow()).version);

  function expectRefused(res: { statusCode: number; body: string; headers: Record<string, unknown> }, field: string, status: 400 | 403, what: string): void {
    expect(res.statusCode, `${what} → ${res.body.slice(0, 300)}`).toBe(status);
    expect(String(res.headers['content-type']), what).toContain('application/problem+json');
    // The request schema names a transition's field by its place in the body (fields.sla).
    const named = json<Problem>(res as Parameters<typeof json>[0]).errors?.map((e) => e.field.replace(/^fields\./, ''));
    expect(named, what).toContain(field);
    checks++;
  }

  /** Every field and the owner, split into those the role may give here and those no client gives here. */
  function outside(def: RecordTypeDefinition, role: Role, inTransition: boolean, list: Set<string> | null, creating = false) {
    const refusedByRole: string[] = [];
    const neverGiven: string[] = [];
    for (const [name, field] of Object.entries(def.fields)) {
      if (field.readOnly || (field.transitionOnly && !inTransition) || (field.notOnCreate && creating)) neverGiven.push(name);
      else if (list && !list.has(name)) refusedByRole.push(name);
    }
    if (!inTransition && list && !list.has('ownerId')) refusedByRole.push('ownerId');
    return { refusedByRole, neverGiven };
  }

  function requiredBody(def: RecordTypeDefinition, role: Role): Record<string, unknown> {
    const body: Record<string, unknown> = {};
    for (const [name, field] of Object.entries(def.fields)) if (field.required && !field.readOnly && !field.transitionOnly) body[name] = valueOf(name, field, 1, userIds(role));
    return body;
  }

  const given = (def: RecordTypeDefinition, name: string, role: Role) => (name === 'ownerId' ? userIds(role).other : valueOf(name, def.fields[name]!, 1, userIds(role)));

  it('refuses on create every field a role may not give, and writes nothing', async () => {
    for (const def of defs()) {
      for (const role of roleIds.filter((r) => may(r, permissionsOf(def).create))) {
        const { refusedByRole, neverGiven } = outside(def, role, false, declaredList(def, role, (w) => w.create), true);
        const before = await rowCount(def);
        for (const [field, status] of [...refusedByRole.map((f) => [f, 403] as const), ...neverGiven.map((f) => [f, 400] as const)]) {
          const res = await t.app.inject({ method: 'POST', url: `/api/${def.plural}`, headers: asUser(users.get(role)!), payload: { ...requiredBody(def, role), [field]: given(def, field, role) } });
          expectRefused(res, field, status, `${role} creating a ${def.type} with ${field}`);
        }
        expect(await rowCount(def), `${role} on ${def.type}`).toBe(before);
        typesChecked.add(def.type);
      }
    }
  });

  it('refuses on update every field a role may not give, and writes nothing', async () => {
    for (const def of defs()) {
      for (const role of roleIds.filter((r) => may(r, permissionsOf(def).update))) {
        const { refusedByRole, neverGiven } = outside(def, role, false, declaredList(def, role, (w) => w.update));
        if (refusedByRole.length + neverGiven.length === 0) continue;
        const row = await fixture(def, role, def.workflow.initial);
        for (const [field, status] of [...refusedByRole.map((f) => [f, 403] as const), ...neverGiven.map((f) => [f, 400] as const)]) {
          const res = await t.app.inject({ method: 'PATCH', url: `/api/${def.plural}/${row.reference}`, headers: { ...asUser(users.get(role)!), 'if-match': '"1"' }, payload: { [field]: given(def, field, role) } });
          expectRefused(res, field, status, `${role} changing ${field} on a ${def.type}`);
        }
        expect(await versionOf(def, row.id)).toBe(1);
      }
    }
  });

  it('refuses in each transition every field a role may not give, and writes nothing', async () => {
    for (const def of defs()) {
      for (const transition of def.workflow.transitions) {
        const makers = roleIds.filter((r) => may(r, permissionsOf(def).transition) && (r === 'administrator' || transition.roles.includes(r)));
        for (const role of makers) {
          const { refusedByRole, neverGiven } = outside(def, role, true, declaredList(def, role, (w) => w.transitions?.[transition.to]));
          if (refusedByRole.length + neverGiven.length === 0) continue;
          const row = await fixture(def, role, transition.from[0]!);
          for (const [field, status] of [...refusedByRole.map((f) => [f, 403] as const), ...neverGiven.map((f) => [f, 400] as const)]) {
            const res = await t.app.inject({ method: 'POST', url: `/api/${def.plural}/${row.reference}/transitions`, headers: { ...asUser(users.get(role)!), 'if-match': '"1"' }, payload: { to: transition.to, fields: { [field]: given(def, field, role) } } });
            expectRefused(res, field, status, `${role} moving a ${def.type} to ${transition.to} with ${field}`);
          }
          expect(await versionOf(def, row.id)).toBe(1);
        }
      }
    }
  });

  it('covered every registered record type and refused fields by role, not only by schema', () => {
    expect([...typesChecked].sort()).toEqual(defs().map((d) => d.type).sort());
    expect(checks).toBeGreaterThan(100);
  });

  describe('a requester raising and following a service request', () => {
    let api: ReturnType<typeof requestApi>;
    let model: string;
    let requester: SignedIn;
    let otherRequester: SignedIn;
    let agent: SignedIn;
    beforeAll(async () => {
      api = requestApi(t);
      requester = await t.user(['requester']);
      otherRequester = await t.user(['requester']);
      agent = await t.user(['service-desk-agent']);
      const service = await api.liveService(users.get('sms-manager')!, users.get('service-level-manager')!);
      model = await api.publishedModel(users.get('sms-manager')!, service);
    });
    const answers = { startDate: '2026-12-01', size: '14 inch' };

    it('refuses a request that routes or assigns itself, or is raised for someone else', async () => {
      const routed = await api.call(requester, 'POST', '/api/service-requests', { model, answers, assignmentGroup: 'Executive support', assigneeId: agent.userId });
      expect(routed.statusCode, routed.body).toBe(403);
      expect(json<Problem>(routed).errors?.map((e) => e.field)).toEqual(['assignmentGroup', 'assigneeId']);
      const forOther = await api.call(requester, 'POST', '/api/service-requests', { model, answers, requesterId: otherRequester.userId });
      expect(json<Problem>(forOther).errors).toEqual([{ field: 'requesterId', reason: 'can name only yourself when creating a service request' }]);
      const mine = await api.call(requester, 'POST', '/api/service-requests', { model, answers, requesterId: requester.userId });
      expect(mine.statusCode, mine.body).toBe(201);
    });

    it('refuses handing a request to another requester, or renaming it, while closing it; the owner keeps it', async () => {
      let request = json<RequestView>(await api.call(requester, 'POST', '/api/service-requests', { model, answers }));
      for (const to of ['in-fulfilment']) request = json<RequestView>(await api.call(agent, 'POST', `/api/service-requests/${request.reference}/transitions`, { to }, request.version));
      const tasks = json<{ items: { reference: string; version: number }[] }>(await api.call(agent, 'GET', `/api/service-requests/${request.reference}/tasks`));
      for (const task of tasks.items) expect((await api.call(agent, 'POST', `/api/request-tasks/${task.reference}/transitions`, { to: 'done' }, task.version)).statusCode).toBe(200);
      const fulfilled = await api.call(agent, 'POST', `/api/service-requests/${request.reference}/transitions`, { to: 'fulfilled' }, request.version);
      expect(fulfilled.statusCode, fulfilled.body).toBe(200);
      request = json<RequestView>(fulfilled);

      const handedOver = await api.call(requester, 'POST', `/api/service-requests/${request.reference}/transitions`, { to: 'closed', fields: { satisfaction: 5, requesterId: otherRequester.userId } }, request.version);
      expect(handedOver.statusCode).toBe(403);
      expect(json<Problem>(handedOver).errors).toEqual([{ field: 'requesterId', reason: `can name only yourself when moving ${request.reference} to closed` }]);
      const renamed = await api.call(requester, 'POST', `/api/service-requests/${request.reference}/transitions`, { to: 'closed', fields: { satisfaction: 5, shortDescription: 'Something else', assigneeId: agent.userId } }, request.version);
      expect(json<Problem>(renamed).errors?.map((e) => e.field)).toEqual(['shortDescription', 'assigneeId']);
      expect((await api.call(otherRequester, 'GET', `/api/service-requests/${request.reference}`)).statusCode).toBe(404);

      const closed = await api.call(requester, 'POST', `/api/service-requests/${request.reference}/transitions`, { to: 'closed', fields: { satisfaction: 5, satisfactionComment: 'Quick, thank you' } }, request.version);
      expect(closed.statusCode, closed.body).toBe(200);
      expect(json<RequestView>(closed)).toMatchObject({ status: 'closed', requesterId: requester.userId, satisfaction: 5 });
    });
  });
});
