/**
 * The one error services throw. The HTTP layer maps the code to a status and a problem+json
 * body; services never know about HTTP.
 */
export type AppErrorCode =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'invalid-transition'
  | 'precondition-failed'
  | 'precondition-required'
  | 'payload-too-large'
  | 'unsupported-media-type'
  | 'rate-limited';

export interface FieldProblem {
  field: string;
  reason: string;
}

export class AppError extends Error {
  constructor(
    public readonly code: AppErrorCode,
    message: string,
    public readonly extra: { errors?: FieldProblem[]; [key: string]: unknown } = {},
  ) {
    super(message);
    this.name = 'AppError';
  }

  static validation(field: string, reason: string): AppError {
    return new AppError('validation', `${field}: ${reason}`, { errors: [{ field, reason }] });
  }

  static notFound(what: string): AppError {
    return new AppError('not-found', `${what} was not found`);
  }
}

export const statusOf: Record<AppErrorCode, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'invalid-transition': 409,
  'precondition-failed': 412,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  'precondition-required': 428,
  'rate-limited': 429,
};

export const titleOf: Record<AppErrorCode, string> = {
  validation: 'The request is not valid',
  unauthenticated: 'Sign-in required',
  forbidden: 'Not allowed',
  'not-found': 'Not found',
  conflict: 'Conflict',
  'invalid-transition': 'Transition not allowed',
  'precondition-failed': 'The record has changed since you read it',
  'payload-too-large': 'Request too large',
  'unsupported-media-type': 'Unsupported media type',
  'precondition-required': 'If-Match header required',
  'rate-limited': 'Too many requests',
};

/** A value a client sent, quoted for a message: cut to a readable length, so a problem never echoes a whole request. */
export function quotedInput(value: string, max = 60): string {
  return `"${value.length > max ? `${value.slice(0, max)}…` : value}"`;
}
