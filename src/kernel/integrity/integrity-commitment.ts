import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { merkleRoot } from './merkle-root.js';

export type AnchorKind = 'record' | 'comment' | 'attachment';

/**
 * One item a checkpoint commits to: a record's chain head (its event count and head hash), a
 * comment's content hash, or an attachment's SHA-256. `reference` names the record to a human
 * even after its row is gone.
 */
export interface Anchor {
  kind: AnchorKind;
  itemId: string;
  recordType: string;
  recordId: string;
  reference: string | null;
  /** For a record: the number of events in its chain when anchored; otherwise null. */
  seq: number | null;
  hash: string;
}

export interface CheckpointContent {
  seq: number;
  at: number;
  records: number;
  events: number;
  comments: number;
  attachments: number;
  root: string;
  prevHash: string;
}

export const genesisCheckpointHash = '0'.repeat(64);

function sha256Canonical(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('value cannot be canonicalised');
  return createHash('sha256').update(text).digest('hex');
}

export function anchorKey(anchor: Pick<Anchor, 'kind' | 'itemId'>): string {
  return `${anchor.kind}:${anchor.itemId}`;
}

/** A leaf's text: RFC 8785 canonical JSON of the anchor, so one anchor has one spelling. */
export function anchorLeaf(anchor: Anchor): string {
  const { kind, itemId, recordType, recordId, reference, seq, hash } = anchor;
  return canonicalize({ kind, itemId, recordType, recordId, reference, seq, hash })!;
}

/**
 * The commitment over every anchor: the RFC 6962 Merkle root of their leaves in the order of
 * their keys (plain code-unit order, never a database collation, so every reader agrees).
 */
export function anchorsRoot(anchors: Iterable<Anchor>): string {
  const sorted = [...anchors].map((a) => ({ key: anchorKey(a), leaf: anchorLeaf(a) }))
    .sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  return merkleRoot(sorted.map((s) => s.leaf));
}

/** A checkpoint's own hash, covering its predecessor's, so checkpoints form a chain. */
export function checkpointHash(content: CheckpointContent): string {
  return sha256Canonical({ ...content });
}

export interface CommentContent {
  commentId: string;
  recordType: string;
  recordId: string;
  visibility: string;
  body: string;
  authorId: string;
  createdAt: number;
}

/** What a comment says, who said it, where and when, as one SHA-256: stored when it is written. */
export function commentContentHash(comment: CommentContent): string {
  const { commentId, recordType, recordId, visibility, body, authorId, createdAt } = comment;
  return sha256Canonical({ commentId, recordType, recordId, visibility, body, authorId, createdAt });
}
