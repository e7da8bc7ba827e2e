import type { Executor, Trx } from '../db/database.js';
import { AppError, quotedInput } from '../http/app-error.js';
import { newId } from '../db/ids.js';
import { appendHistory } from '../../kernel/history/history.service.js';
import { hashPassword, minimumPasswordLength } from './secrets.js';
import { isRole, type Role } from './roles.js';

export interface UserView {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  active: boolean;
  mustChangePassword: boolean;
  timeZone: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface NewUser {
  email: string;
  displayName: string;
  password: string;
  roles: Role[];
  timeZone?: string;
  mustChangePassword?: boolean;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function assertPasswordStrength(password: string, field = 'password'): void {
  if (password.length < minimumPasswordLength) throw AppError.validation(field, `must be at least ${minimumPasswordLength} characters`);
  if (password.length > 256) throw AppError.validation(field, 'must be at most 256 characters');
}

export function assertTimeZone(zone: string, field = 'timeZone'): void {
  if (!Intl.supportedValuesOf('timeZone').includes(zone) && zone !== 'UTC') throw AppError.validation(field, `${quotedInput(zone)} is not an IANA time zone`);
}

function assertRoles(list: string[]): Role[] {
  if (list.length === 0) throw AppError.validation('roles', 'must name at least one role');
  for (const role of list) if (!isRole(role)) throw AppError.validation('roles', `${quotedInput(role)} is not a role`);
  return [...new Set(list)] as Role[];
}

/** The roles in rows of a join with user_roles (null where the user has none). */
export function rolesIn(rows: { role: string | null }[]): Role[] {
  return rows.map((r) => r.role).filter((r): r is Role => r !== null && isRole(r)).sort();
}

export async function rolesOf(db: Executor, userId: string): Promise<Role[]> {
  const rows = await db.selectFrom('user_roles').select('role').where('user_id', '=', userId).execute();
  return rows.map((r) => r.role).filter(isRole).sort();
}

type UserRow = { id: string; email: string; display_name: string; active: number; must_change_password: number; time_zone: string; created_at: number; updated_at: number; version: number };

function viewOfUser(row: UserRow, userRoles: Role[]): UserView {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    roles: userRoles,
    active: row.active === 1,
    mustChangePassword: row.must_change_password === 1,
    timeZone: row.time_zone,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    version: row.version,
  };
}

const userColumns = ['id', 'email', 'display_name', 'active', 'must_change_password', 'time_zone', 'created_at', 'updated_at', 'version'] as const;

export async function getUser(db: Executor, id: string): Promise<UserView> {
  const row = await db.selectFrom('users').select(userColumns).where('id', '=', id).executeTakeFirst();
  if (!row) throw AppError.notFound(`User ${id}`);
  return viewOfUser(row, await rolesOf(db, row.id));
}

/** Every user with their roles, in two queries. */
export async function listUsers(db: Executor): Promise<UserView[]> {
  const rows = await db.selectFrom('users').select(userColumns).orderBy('display_name').orderBy('id').execute();
  const grants = await db.selectFrom('user_roles').select(['user_id', 'role']).execute();
  const byUser = new Map<string, Role[]>();
  for (const g of grants) if (isRole(g.role)) byUser.set(g.user_id, [...(byUser.get(g.user_id) ?? []), g.role]);
  return rows.map((row) => viewOfUser(row, (byUser.get(row.id) ?? []).sort()));
}

export async function createUser(trx: Trx, input: NewUser, now = Date.now(), actorId: string | null = null): Promise<UserView> {
  const email = normaliseEmail(input.email);
  const userRoles = assertRoles(input.roles);
  assertPasswordStrength(input.password);
  if (input.timeZone) assertTimeZone(input.timeZone);
  const existing = await trx.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
  if (existing) throw new AppError('conflict', `A user with e-mail ${email} already exists`, { errors: [{ field: 'email', reason: 'is already in use' }] });
  const id = newId();
  await trx.insertInto('users').values({
    id, email, display_name: input.displayName.trim(), password_hash: await hashPassword(input.password),
    active: 1, must_change_password: input.mustChangePassword ? 1 : 0, time_zone: input.timeZone ?? 'Europe/London',
    created_at: now, updated_at: now, version: 1,
  }).execute();
  await trx.insertInto('user_roles').values(userRoles.map((role) => ({ user_id: id, role }))).execute();
  await appendHistory(trx, { recordType: 'user', recordId: id, kind: 'created', actorId, at: now, data: { email, displayName: input.displayName.trim(), roles: userRoles } });
  return getUser(trx, id);
}

export interface UserChanges {
  displayName?: string;
  roles?: string[];
  active?: boolean;
  timeZone?: string;
}

export async function updateUser(trx: Trx, id: string, expectedVersion: number, changes: UserChanges, actorId: string, now = Date.now()): Promise<UserView> {
  const current = await getUser(trx, id);
  if (current.version !== expectedVersion) throw new AppError('precondition-failed', `User ${current.email} was changed by someone else; reload and try again.`, { currentVersion: current.version });
  if (changes.timeZone) assertTimeZone(changes.timeZone);
  const newRoles = changes.roles ? assertRoles(changes.roles) : null;
  if (id === actorId && (changes.active === false || (newRoles && !newRoles.includes('administrator') && current.roles.includes('administrator')))) {
    throw new AppError('conflict', 'You cannot deactivate yourself or remove your own administrator role.');
  }
  const updated = await trx.updateTable('users').set({
    ...(changes.displayName !== undefined ? { display_name: changes.displayName.trim() } : {}),
    ...(changes.active !== undefined ? { active: changes.active ? 1 : 0 } : {}),
    ...(changes.timeZone !== undefined ? { time_zone: changes.timeZone } : {}),
    updated_at: now,
    version: current.version + 1,
  }).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw new AppError('precondition-failed', 'The user was changed by someone else; reload and try again.');
  if (newRoles) {
    await trx.deleteFrom('user_roles').where('user_id', '=', id).execute();
    await trx.insertInto('user_roles').values(newRoles.map((role) => ({ user_id: id, role }))).execute();
  }
  if (changes.active === false) await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
  const after = await getUser(trx, id);
  const changed = (['displayName', 'active', 'timeZone', 'roles'] as const)
    .filter((f) => JSON.stringify(current[f]) !== JSON.stringify(after[f]))
    .map((field) => ({ field, from: current[field], to: after[field] }));
  if (changed.length) await appendHistory(trx, { recordType: 'user', recordId: id, kind: 'updated', actorId, at: now, data: { changes: changed } });
  return after;
}

/** Sets a password; an administrator's reset forces a change at next sign-in and ends sessions. */
export async function setPassword(trx: Trx, id: string, password: string, mustChange: boolean, now = Date.now(), actorId: string | null = id): Promise<void> {
  assertPasswordStrength(password);
  const result = await trx.updateTable('users')
    .set({ password_hash: await hashPassword(password), must_change_password: mustChange ? 1 : 0, updated_at: now, version: (eb) => eb('version', '+', 1) })
    .where('id', '=', id).executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw AppError.notFound(`User ${id}`);
  if (mustChange) await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
  await appendHistory(trx, { recordType: 'user', recordId: id, kind: 'updated', actorId, at: now, data: { password: mustChange ? 'reset by an administrator' : 'changed by its owner' } });
}

export async function findUserByEmail(db: Executor, email: string) {
  return db.selectFrom('users').selectAll().where('email', '=', normaliseEmail(email)).executeTakeFirst();
}

export async function countUsers(db: Executor): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Stored instead of a hash for a user who signs in only through the identity provider: it matches no password. */
export const noLocalPassword = '!single-sign-on';

/** Adds a user who signs in through the identity provider: no local password, the roles its groups map to. */
export async function createFederatedUser(trx: Trx, input: { email: string; displayName: string; roles: Role[] }, now = Date.now()): Promise<UserView> {
  const email = normaliseEmail(input.email);
  const userRoles = assertRoles(input.roles);
  const id = newId();
  await trx.insertInto('users').values({
    id, email, display_name: input.displayName.trim() || email, password_hash: noLocalPassword,
    active: 1, must_change_password: 0, time_zone: 'Europe/London', created_at: now, updated_at: now, version: 1,
  }).execute();
  await trx.insertInto('user_roles').values(userRoles.map((role) => ({ user_id: id, role }))).execute();
  await appendHistory(trx, { recordType: 'user', recordId: id, kind: 'created', actorId: null, at: now, data: { email, displayName: input.displayName.trim() || email, roles: userRoles, via: 'single sign-on' } });
  return getUser(trx, id);
}

/**
 * Gives a user exactly these roles, as their identity provider's groups say at sign-in; the change,
 * if any, is written to the user's history. Returns whether anything changed.
 */
export async function syncRoles(trx: Trx, id: string, wanted: Role[], now = Date.now()): Promise<boolean> {
  const current = await rolesOf(trx, id);
  const next = assertRoles(wanted).sort();
  if (JSON.stringify(current) === JSON.stringify(next)) return false;
  await trx.deleteFrom('user_roles').where('user_id', '=', id).execute();
  await trx.insertInto('user_roles').values(next.map((role) => ({ user_id: id, role }))).execute();
  await trx.updateTable('users').set({ updated_at: now, version: (eb) => eb('version', '+', 1) }).where('id', '=', id).execute();
  await appendHistory(trx, { recordType: 'user', recordId: id, kind: 'updated', actorId: null, at: now, data: { changes: [{ field: 'roles', from: current, to: next }], via: 'single sign-on' } });
  return true;
}
