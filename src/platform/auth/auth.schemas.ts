import { Type } from 'typebox';

const Id = Type.String({ format: 'uuid' });
export const RoleId = Type.String({ description: 'A role id, see GET /api/roles' });

export const User = Type.Object({
  id: Id, email: Type.String(), displayName: Type.String(), roles: Type.Array(RoleId), active: Type.Boolean(),
  mustChangePassword: Type.Boolean(), timeZone: Type.String(), createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }), version: Type.Integer(),
}, { title: 'User' });

export const SessionInfo = Type.Object({
  user: Type.Object({ id: Id, email: Type.String(), displayName: Type.String(), roles: Type.Array(RoleId), timeZone: Type.String(), mustChangePassword: Type.Boolean() }),
  permissions: Type.Array(Type.String()),
  csrfToken: Type.Union([Type.String(), Type.Null()], { description: 'Send as X-CSRF-Token on every write made with the session cookie' }),
  via: Type.Union([Type.Literal('session'), Type.Literal('token')]),
}, { title: 'Session' });

export const SignIn = Type.Object({
  email: Type.String({ minLength: 3, maxLength: 320 }),
  password: Type.String({ minLength: 1, maxLength: 256 }),
}, { additionalProperties: false });

export const ApiToken = Type.Object({
  id: Id, name: Type.String(), prefix: Type.String(), createdAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]), lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
}, { title: 'API token' });

export const NewApiToken = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  expiresInDays: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 3650 }), Type.Null()])),
}, { additionalProperties: false });

export const CreateUser = Type.Object({
  email: Type.String({ format: 'email', maxLength: 320 }),
  displayName: Type.String({ minLength: 1, maxLength: 200 }),
  roles: Type.Array(RoleId, { minItems: 1 }),
  password: Type.Optional(Type.String({ minLength: 12, maxLength: 256, description: 'Omit to have a temporary password generated' })),
  timeZone: Type.Optional(Type.String({ maxLength: 64 })),
}, { additionalProperties: false });

export const UpdateUser = Type.Object({
  displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  roles: Type.Optional(Type.Array(RoleId, { minItems: 1 })),
  active: Type.Optional(Type.Boolean()),
  timeZone: Type.Optional(Type.String({ maxLength: 64 })),
}, { additionalProperties: false, minProperties: 1 });

export const ChangePassword = Type.Object({
  currentPassword: Type.String({ minLength: 1, maxLength: 256 }),
  newPassword: Type.String({ minLength: 12, maxLength: 256 }),
}, { additionalProperties: false });
