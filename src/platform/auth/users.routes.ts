import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { expectedVersion, IfMatchHeaders, setEtag } from '../http/concurrency.js';
import { Problem } from '../http/problem.schemas.js';
import { requirePrincipal } from './access.plugin.js';
import { CreateUser, UpdateUser, User } from './auth.schemas.js';
import type { Role } from './roles.js';
import { temporaryPassword } from './secrets.js';
import { listPeople } from './people.service.js';
import { createUser, getUser, listUsers, setPassword, updateUser } from './users.service.js';

const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };
const UserKey = Type.Object({ id: Type.String({ format: 'uuid' }) });

/** User administration: the administrator manages; SMS leads and auditors read. */
export async function userRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.certus.database;
  const tags = ['Users'];

  app.get('/api/users', {
    config: { access: 'users:read' },
    schema: { operationId: 'list-users', tags, summary: 'All users', response: { 200: Type.Object({ items: Type.Array(User) }), ...problems } },
  }, async () => ({ items: await listUsers(db) }));

  app.get('/api/people', {
    config: { access: 'authenticated' },
    schema: {
      operationId: 'list-people', tags, summary: 'Active people by name, for owner and assignee pickers and for showing names',
      description: 'Staff see names, roles and, on request, deactivated people. A requester sees only the id and name of active staff; role and includeInactive are refused (403) for them.',
      querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })), role: Type.Optional(Type.String({ maxLength: 60 })), includeInactive: Type.Optional(Type.Boolean({ description: 'Also list deactivated people, e.g. to show who owned a record' })) }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(Type.Object({ id: Type.String(), displayName: Type.String(), roles: Type.Optional(Type.Array(Type.String(), { description: 'Staff only' })), active: Type.Optional(Type.Boolean({ description: 'Staff only' })) })) }), ...problems },
    },
  }, async (request) => ({ items: await listPeople(db, requirePrincipal(request), request.query) }));

  app.get('/api/users/:id', {
    config: { access: 'users:read' },
    schema: { operationId: 'get-user', tags, summary: 'One user', params: UserKey, response: { 200: User, ...problems } },
  }, async (request, reply) => {
    const user = await getUser(db, request.params.id);
    setEtag(reply, user.version);
    return user;
  });

  app.post('/api/users', {
    config: { access: 'users:manage' },
    schema: { operationId: 'create-user', tags, summary: 'Add a user; without a password a temporary one is returned once', body: CreateUser, response: { 201: Type.Object({ user: User, temporaryPassword: Type.Union([Type.String(), Type.Null()]) }), ...problems, 409: Problem } },
  }, async (request, reply) => {
    const temporary = request.body.password ? null : temporaryPassword();
    const user = await db.transaction().execute((trx) => createUser(trx, {
      email: request.body.email, displayName: request.body.displayName, roles: request.body.roles as Role[],
      password: request.body.password ?? temporary!, timeZone: request.body.timeZone, mustChangePassword: temporary !== null,
    }, Date.now(), requirePrincipal(request).userId));
    setEtag(reply, user.version);
    return reply.status(201).send({ user, temporaryPassword: temporary });
  });

  app.patch('/api/users/:id', {
    config: { access: 'users:manage' },
    schema: { operationId: 'update-user', tags, summary: 'Change a user\'s name, roles, time zone or deactivate them', params: UserKey, headers: IfMatchHeaders, body: UpdateUser, response: { 200: User, ...problems, 409: Problem, 412: Problem, 428: Problem } },
  }, async (request, reply) => {
    const version = expectedVersion(request);
    const user = await db.transaction().execute((trx) => updateUser(trx, request.params.id, version, request.body, requirePrincipal(request).userId));
    setEtag(reply, user.version);
    return user;
  });

  app.post('/api/users/:id/password-reset', {
    config: { access: 'users:manage' },
    schema: { operationId: 'reset-password', tags, summary: 'Reset a user\'s password: ends their sessions, returns a temporary password to pass on', params: UserKey, response: { 200: Type.Object({ temporaryPassword: Type.String() }), ...problems } },
  }, async (request) => {
    const temporary = temporaryPassword();
    await db.transaction().execute(async (trx) => {
      await getUser(trx, request.params.id);
      await setPassword(trx, request.params.id, temporary, true, Date.now(), requirePrincipal(request).userId);
    });
    return { temporaryPassword: temporary };
  });
}
