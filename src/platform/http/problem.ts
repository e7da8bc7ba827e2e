import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, statusOf, titleOf, type FieldProblem } from './app-error.js';

/** Fastify's limit on one path parameter; ids (36) and references (≤ 19) fit well inside it. */
export const maxParamLength = 100;

interface AjvIssue {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

function fieldPath(issue: AjvIssue, context: string | undefined): string {
  const parts = (issue.instancePath ?? '').split('/').filter(Boolean);
  const params = issue.params ?? {};
  if (typeof params.missingProperty === 'string') parts.push(params.missingProperty);
  if (typeof params.additionalProperty === 'string') parts.push(params.additionalProperty);
  const path = parts.join('.');
  if (path) return path;
  return context === 'body' ? 'body' : (context ?? 'request');
}

function reasonOf(issue: AjvIssue): string {
  const params = issue.params ?? {};
  switch (issue.keyword) {
    case 'required': return 'is required';
    case 'additionalProperties': return 'is not a known field';
    case 'anyOf': return 'does not match any allowed form';
    case 'minLength': return Number(params.limit) === 1 ? 'cannot be empty' : `must be at least ${String(params.limit)} characters`;
    case 'maxLength': return `must be at most ${String(params.limit)} characters`;
    case 'minItems': return Number(params.limit) === 1 ? 'must have at least one entry' : `must have at least ${String(params.limit)} entries`;
    case 'format': return `must be a valid ${String(params.format)}`;
    case 'pattern': return 'is not in the expected form';
    case 'const': return `must be ${JSON.stringify(params.allowedValue)}`;
    case 'enum': return `must be one of ${JSON.stringify(params.allowedValues)}`;
    default: return issue.message ?? 'is not valid';
  }
}

/** Collapses Ajv's union noise (one error per branch) into one readable reason per field. */
export function fieldProblems(issues: AjvIssue[], context: string | undefined): FieldProblem[] {
  const byField = new Map<string, FieldProblem>();
  const literals = new Map<string, unknown[]>();
  for (const issue of issues) {
    const field = fieldPath(issue, context);
    // In a "value or null" union the null branch's complaint hides the real reason.
    if (issue.keyword === 'type' && issue.params?.type === 'null' && issues.some((o) => o !== issue && o.keyword !== 'anyOf' && fieldPath(o, context) === field)) continue;
    if (issue.keyword === 'const') {
      literals.set(field, [...(literals.get(field) ?? []), issue.params?.allowedValue]);
      continue;
    }
    if (issue.keyword === 'anyOf' && byField.has(field)) continue;
    if (!byField.has(field) || byField.get(field)!.reason === reasonOf({ keyword: 'anyOf' })) byField.set(field, { field, reason: reasonOf(issue) });
  }
  for (const [field, values] of literals) {
    const allowed = values.filter((v) => v !== undefined).map((v) => JSON.stringify(v)).join(', ');
    byField.set(field, { field, reason: `must be one of ${allowed}` });
  }
  return [...byField.values()];
}

const longestEchoedPath = 200;

/**
 * The path a problem names as its instance: without the query, which may carry what the caller
 * would rather not see copied into logs and screenshots, and not at all when it is too long to
 * be worth repeating (an over-long URL is itself the problem).
 */
export function echoedPath(url: string): string | undefined {
  const path = url.split('?')[0] ?? '';
  return path.length <= longestEchoedPath ? path : undefined;
}

function send(reply: FastifyReply, request: FastifyRequest, status: number, title: string, detail: string, extra: Record<string, unknown> = {}) {
  return reply.status(status).type('application/problem+json').send({
    type: 'about:blank',
    title,
    status,
    detail,
    instance: echoedPath(request.url),
    requestId: request.id,
    ...extra,
  });
}

const frameworkCodes: Record<string, { status: number; title: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, title: 'Malformed JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, title: 'Empty JSON body' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, title: 'Request too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, title: 'Unsupported media type' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, title: 'Invalid Content-Length' },
  FST_REQ_FILE_TOO_LARGE: { status: 413, title: 'File too large' },
  FST_INVALID_MULTIPART_CONTENT_TYPE: { status: 415, title: 'Multipart form data expected' },
  FST_PARTS_LIMIT: { status: 413, title: 'Too many parts' },
  FST_FILES_LIMIT: { status: 413, title: 'Too many files' },
  FST_ERR_BAD_URL: { status: 400, title: 'Malformed URL' },
  FST_ERR_MAX_PARAM_LENGTH: { status: 414, title: 'URI too long' },
  FST_ERR_ASYNC_CONSTRAINT: { status: 400, title: 'Route constraint not met' },
};

/** Framework messages that quote the URL are replaced, so a 100 kB path is not sent back. */
const frameworkDetails: Record<string, string> = {
  FST_ERR_BAD_URL: 'The URL has a path segment that is not valid percent-encoding.',
  FST_ERR_MAX_PARAM_LENGTH: `A path segment is longer than the ${maxParamLength} characters any id or reference can be.`,
};

/**
 * Fastify's router answers bad and over-long URLs itself, with plain JSON quoting the URL,
 * unless the server is given this as its frameworkErrors option.
 */
export function frameworkErrorProblem(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const known = frameworkCodes[error.code] ?? { status: 400, title: 'Bad request' };
  return send(reply, request, known.status, known.title, frameworkDetails[error.code] ?? 'The request could not be routed.');
}

/** Every error leaves as RFC 9457 problem+json; unexpected ones are logged and never leak detail. */
export function installProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      const { errors, ...rest } = error.extra;
      if (typeof rest.retryAfterSeconds === 'number') reply.header('retry-after', String(rest.retryAfterSeconds));
      return send(reply, request, statusOf[error.code], titleOf[error.code], error.message, { ...rest, ...(errors ? { errors } : {}) });
    }
    if (error.validation) {
      const errors = fieldProblems(error.validation as AjvIssue[], error.validationContext);
      const detail = errors.map((e) => `${e.field} ${e.reason}`).join('; ');
      return send(reply, request, 400, 'The request is not valid', detail, { errors });
    }
    const known = error.code ? frameworkCodes[error.code] : undefined;
    if (known) return send(reply, request, known.status, known.title, frameworkDetails[error.code!] ?? error.message);
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      if (error.statusCode === 429) reply.header('retry-after', reply.getHeader('retry-after') ?? '60');
      return send(reply, request, error.statusCode, error.name || 'Bad request', error.message);
    }
    request.log.error({ err: error }, 'unexpected error');
    return send(reply, request, 500, 'Internal error', 'Something went wrong on our side. The request id identifies it in the server log.');
  });
  app.setNotFoundHandler((request, reply) => {
    const path = echoedPath(request.url);
    return send(reply, request, 404, 'Not found', path ? `No route ${request.method} ${path}` : `No route ${request.method} for this path`);
  });
}
