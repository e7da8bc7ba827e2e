import { createHash } from 'node:crypto';

/**
 * The Merkle tree hash of RFC 6962 (Certificate Transparency), §2.1: leaves hashed with a 0x00
 * prefix, inner nodes with 0x01, the tree split at the largest power of two below its size.
 * Written here rather than taken from a library because it is twenty lines, its exact bytes are
 * the published evidence, and anyone can recompute it from the standard without Certus.
 */
export function merkleLeafHash(leaf: string): Buffer {
  return createHash('sha256').update(Buffer.from([0])).update(leaf, 'utf8').digest();
}

function nodeHash(left: Buffer, right: Buffer): Buffer {
  return createHash('sha256').update(Buffer.from([1])).update(left).update(right).digest();
}

function treeHash(leaves: Buffer[], from: number, to: number): Buffer {
  const size = to - from;
  if (size === 1) return leaves[from]!;
  let split = 1;
  while (split * 2 < size) split *= 2;
  return nodeHash(treeHash(leaves, from, from + split), treeHash(leaves, from + split, to));
}

/** The root, as hex, over leaves given as their canonical text in their committed order. */
export function merkleRoot(leaves: readonly string[]): string {
  if (leaves.length === 0) return createHash('sha256').digest('hex');
  return treeHash(leaves.map(merkleLeafHash), 0, leaves.length).toString('hex');
}
