import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

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
  const text = canonicalize(event);
  if (text === undefined) throw new Error('history event cannot be canonicalised');
  return createHash('sha256').update(text).digest('hex');
}
