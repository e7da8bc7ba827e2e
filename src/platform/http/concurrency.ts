import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError } from './app-error.js';

export function etagOf(version: number): string {
  return `"${version}"`;
}

export function setEtag(reply: FastifyReply, version: number): void {
  reply.header('etag', etagOf(version));
}

/** The version a write is based on, from If-Match. Missing is 428; unreadable is 400; a weak tag is 412. */
export function expectedVersion(request: FastifyRequest): number {
  const header = request.headers['if-match'];
  if (!header) throw new AppError('precondition-required', 'Send If-Match with the ETag you read, so that nobody else\'s change is overwritten.');
  const tag = header.trim();
  // RFC 9110 §13.1.1: If-Match uses the strong comparison, so a weak tag never matches.
  if (/^W\//.test(tag)) {
    throw new AppError('precondition-failed', `If-Match: the weak tag ${tag} cannot be used for a write; send the strong ETag this server handed out, such as "3".`, { errors: [{ field: 'If-Match', reason: 'is a weak tag; a write needs the strong ETag' }] });
  }
  const match = /^"(\d+)"$/.exec(tag);
  if (!match) throw AppError.validation('If-Match', 'must be an ETag this server handed out, such as "3"');
  return Number(match[1]);
}

export const IfMatchHeaders = Type.Object({
  'if-match': Type.Optional(Type.String({ description: 'The ETag of the version the change is based on; required' })),
});
