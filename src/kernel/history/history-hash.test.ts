import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/app-error.js';
import { genesisHash, hashEvent } from './history-hash.js';

const event = { recordType: 'improvement', recordId: 'r1', seq: 1, kind: 'created', actorId: 'u1', at: 1_700_000_000_000, data: { b: 2, a: 1 }, prevHash: genesisHash };

describe('history hashing', () => {
  it('is independent of key order (RFC 8785 canonical JSON)', () => {
    expect(hashEvent(event)).toBe(hashEvent({ ...event, data: { a: 1, b: 2 } }));
  });

  it('changes with any field, including the predecessor', () => {
    const base = hashEvent(event);
    expect(hashEvent({ ...event, at: event.at + 1 })).not.toBe(base);
    expect(hashEvent({ ...event, data: { a: 1, b: 3 } })).not.toBe(base);
    expect(hashEvent({ ...event, prevHash: 'f'.repeat(64) })).not.toBe(base);
  });

  it('refuses a lone surrogate, which RFC 8785 cannot write, as a validation problem naming the value', () => {
    const broken = { ...event, data: { changes: { title: { from: 'a', to: 'b\ud800' } } } };
    expect(() => hashEvent(broken)).toThrow(AppError);
    try { hashEvent(broken); } catch (error) {
      expect((error as AppError).extra.errors).toEqual([{ field: 'changes.title.to', reason: 'contains a lone UTF-16 surrogate, which is not valid Unicode text' }]);
    }
    expect(hashEvent({ ...event, data: { title: 'a whole pair 😀' } })).toMatch(/^[0-9a-f]{64}$/);
  });
});
