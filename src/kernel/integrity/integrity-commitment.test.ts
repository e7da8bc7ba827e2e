import { describe, expect, it } from 'vitest';
import { anchorsRoot, checkpointHash, commentContentHash, genesisCheckpointHash, type Anchor } from './integrity-commitment.js';

const record: Anchor = { kind: 'record', itemId: 'r1', recordType: 'incident', recordId: 'r1', reference: 'INC-000001', seq: 4, hash: 'a'.repeat(64) };
const comment: Anchor = { kind: 'comment', itemId: 'c1', recordType: 'incident', recordId: 'r1', reference: 'INC-000001', seq: null, hash: 'b'.repeat(64) };
const attachment: Anchor = { kind: 'attachment', itemId: 'f1', recordType: 'incident', recordId: 'r1', reference: 'INC-000001', seq: null, hash: 'c'.repeat(64) };

describe('the checkpoint commitment', () => {
  it('does not depend on the order the anchors were read in', () => {
    expect(anchorsRoot([record, comment, attachment])).toBe(anchorsRoot([attachment, record, comment]));
  });

  it('moves with every committed field of every anchor', () => {
    const base = anchorsRoot([record, comment, attachment]);
    expect(anchorsRoot([{ ...record, seq: 3 }, comment, attachment])).not.toBe(base);
    expect(anchorsRoot([{ ...record, hash: 'd'.repeat(64) }, comment, attachment])).not.toBe(base);
    expect(anchorsRoot([{ ...record, reference: 'INC-000002' }, comment, attachment])).not.toBe(base);
    expect(anchorsRoot([record, { ...comment, hash: 'e'.repeat(64) }, attachment])).not.toBe(base);
    expect(anchorsRoot([record, comment])).not.toBe(base);
  });

  it('chains each checkpoint to the one before', () => {
    const first = { seq: 1, at: 1_700_000_000_000, records: 1, events: 4, comments: 1, attachments: 1, root: anchorsRoot([record]), prevHash: genesisCheckpointHash };
    const hash = checkpointHash(first);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(checkpointHash({ ...first, prevHash: 'f'.repeat(64) })).not.toBe(hash);
    expect(checkpointHash({ ...first, events: 3 })).not.toBe(hash);
    expect(checkpointHash({ ...first })).toBe(hash);
  });

  it('hashes what a comment says, who said it, where and when', () => {
    const written = { commentId: 'c1', recordType: 'incident', recordId: 'r1', visibility: 'public', body: 'Fixed', authorId: 'u1', createdAt: 1 };
    const hash = commentContentHash(written);
    expect(commentContentHash({ ...written, body: 'Fixed.' })).not.toBe(hash);
    expect(commentContentHash({ ...written, visibility: 'internal' })).not.toBe(hash);
    expect(commentContentHash({ ...written, authorId: 'u2' })).not.toBe(hash);
  });
});
