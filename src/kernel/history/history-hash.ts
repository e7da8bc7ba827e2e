import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { AppError } from '../../platform/http/app-error.js';
import { illFormedValue } from '../../platform/http/input-guard.js';

export const genesisHash = '0'.repeat(64);

export interface ChainedEvent {
  recordType: string;
  recordId: string;
  seq: number;
  kind: string;
  actorId: string | null;
  at: number;
  data: unknown;
  prevHash: string;
}

/**
 * SHA-256 over the RFC 8785 canonical JSON of the event and its predecessor's hash, so anyone
 * can re-compute a chain from an export without Certus.
 */
export function hashEvent(event: ChainedEvent): string {
  return createHash('sha256').update(canonicalEvent(event)).digest('hex');
}

/**
 * RFC 8785 has no form for a lone surrogate. The HTTP guard refuses one in any request; a value
 * that came another way is still the caller's fault, so it is a 400 naming the value. The event
 * is searched for it only when canonicalisation fails, never on the write and verify paths.
 */
function canonicalEvent(event: ChainedEvent): string {
  let text: string | undefined;
  try {
    text = canonicalize(event);
  } catch (error) {
    const unstorable = illFormedValue(event.data, '');
    if (unstorable) throw new AppError('validation', `${unstorable.field} ${unstorable.reason}`, { errors: [unstorable] });
    throw error;
  }
  if (text === undefined) throw new Error('history event cannot be canonicalised');
  return text;
}
