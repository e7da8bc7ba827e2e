import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, type FieldProblem } from './app-error.js';

// With the u flag a surrogate pair reads as one code point, so this matches only a lone half.
const loneSurrogate = /[\uD800-\uDFFF]/u;

function stringProblem(text: string): string | null {
  if (text.includes('\u0000')) return 'contains a NUL character, which cannot be stored';
  if (loneSurrogate.test(text)) return 'contains a lone UTF-16 surrogate, which is not valid Unicode text';
  return null;
}

const joined = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));

/**
 * The first value no database can store alike: a string with NUL (SQLite keeps it, PostgreSQL
 * refuses it) or a lone surrogate (not Unicode, so not RFC 8785 JSON for the history chain), or
 * a number that is not finite (JSON's 1e309 and a query's coerced "1e309" are Infinity, which
 * Ajv's minimum and maximum let through). Keys are checked as well as values.
 */
export function illFormedValue(value: unknown, path: string, numbersOnly = false): FieldProblem | null {
  if (typeof value === 'string') {
    if (numbersOnly) return null;
    const reason = stringProblem(value);
    return reason ? { field: path || 'body', reason } : null;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? null : { field: path || 'body', reason: 'must be a finite number' };
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const problem = illFormedValue(item, joined(path, index), numbersOnly);
      if (problem) return problem;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const keyReason = numbersOnly ? null : stringProblem(key);
      if (keyReason) return { field: joined(path, key), reason: `is a field name that ${keyReason}` };
      const problem = illFormedValue(item, joined(path, key), numbersOnly);
      if (problem) return problem;
    }
  }
  return null;
}

/** `numbersOnly` after validation: Ajv changes no string or key, only coerces strings to numbers. */
function refuseIllFormed(request: FastifyRequest, numbersOnly = false): void {
  // Query and path fields are named bare, as Ajv's problems name them; so is the body's.
  const problem = illFormedValue(request.params, '', numbersOnly) ?? illFormedValue(request.query, '', numbersOnly) ?? illFormedValue(request.body, '', numbersOnly);
  if (problem) throw new AppError('validation', `${problem.field} ${problem.reason}`, { errors: [problem] });
}

/**
 * A multipart body is read by the handler, after every hook, so its file's name and type are
 * checked as the handler asks for the file. The message reads as a reason, since the routes
 * report a failing request.file() as a problem with the field "file".
 */
function guardMultipartFile(request: FastifyRequest): void {
  if (!request.isMultipart()) return;
  const readFile = request.file.bind(request);
  request.file = async (options) => {
    const part = await readFile(options);
    if (part) {
      const problem = illFormedValue(part.filename, 'file') ?? illFormedValue(part.mimetype, 'file');
      if (problem) throw new AppError('validation', `its name or type ${problem.reason}`, { errors: [{ field: 'file', reason: `has a name or type that ${problem.reason}` }] });
    }
    return part;
  };
}

/**
 * Refuses, for every route, input that would be stored differently by the two databases or not
 * at all, with a 400 naming the field. Before validation it sees the strings as sent; after it,
 * the numbers Ajv coerced from the query and the path; a multipart file's name as it is read.
 */
export function installInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => refuseIllFormed(request));
  app.addHook('preHandler', async (request) => {
    refuseIllFormed(request, true);
    guardMultipartFile(request);
  });
}
