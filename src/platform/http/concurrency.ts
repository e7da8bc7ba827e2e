import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError } from './app-error.js';

export function etagOf(version: number): string {
  return `"${version}"`;
}

export function setEtag(reply: FastifyReply, version: number): void {
  reply.header('etag', etagOf(version));
}

/** The version a write is based on, from If-Match. Missing is 428; unreadable is 400. */
export function expectedVersion(request: FastifyRequest): number {
  const header = request.headers['if-match'];
  if (!header) throw new AppError('precondition-required', 'Send If-Match with the ETag you read, so that nobody else\'s change is overwritten.');
  const match = /^(?:W\/)?"(\d+)"$/.exec(header.trim());
  if (!match) throw AppError.validation('If-Match', 'must be an ETag this server handed out, such as "3"');
  return Number(match[1]);
}

export const IfMatchHeaders = Type.Object({
  'if-match': Type.Optional(Type.String({ description: 'The ETag of the version the change is based on; required' })),
});
