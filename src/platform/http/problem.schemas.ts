import { Type } from 'typebox';

/** RFC 9457 problem details, as every error response carries them. */
export const Problem = Type.Object({
  type: Type.String(),
  title: Type.String(),
  status: Type.Integer(),
  detail: Type.String(),
  instance: Type.Optional(Type.String()),
  requestId: Type.Optional(Type.String()),
  errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), reason: Type.String() }))),
}, { additionalProperties: true, title: 'Problem' });
