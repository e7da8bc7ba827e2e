import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { AppError } from './app-error.js';
import { expectedVersion } from './concurrency.js';

const withIfMatch = (value?: string) => ({ headers: value === undefined ? {} : { 'if-match': value } }) as unknown as FastifyRequest;
const codeOf = (value?: string) => {
  try {
    expectedVersion(withIfMatch(value));
    return 'accepted';
  } catch (error) {
    return error instanceof AppError ? error.code : 'other';
  }
};

describe('If-Match', () => {
  it('reads the version from a strong tag', () => {
    expect(expectedVersion(withIfMatch('"7"'))).toBe(7);
    expect(expectedVersion(withIfMatch(' "12" '))).toBe(12);
  });

  it('refuses a weak tag as a failed precondition (RFC 9110: If-Match compares strongly)', () => {
    expect(codeOf('W/"1"')).toBe('precondition-failed');
    expect(() => expectedVersion(withIfMatch('W/"1"'))).toThrow(/weak tag W\/"1" cannot be used for a write/);
  });

  it('asks for the header when missing and says what it must look like when unreadable', () => {
    expect(codeOf()).toBe('precondition-required');
    expect(codeOf('3')).toBe('validation');
  });
});
