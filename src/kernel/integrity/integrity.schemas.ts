import { Type } from 'typebox';

const Hash = Type.String({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256, hex' });

export const Checkpoint = Type.Object({
  seq: Type.Integer({ minimum: 1, description: 'The checkpoint\'s number in the chain' }),
  at: Type.String({ format: 'date-time' }),
  records: Type.Integer({ description: 'Record chains anchored' }),
  events: Type.Integer({ description: 'Events in those chains' }),
  comments: Type.Integer(),
  attachments: Type.Integer(),
  root: Type.String({ description: 'RFC 6962 Merkle root over every anchored chain head, comment hash and attachment hash' }),
  prevHash: Type.String({ description: 'The hash of the checkpoint before (64 zeros for the first)' }),
  hash: Hash,
}, { title: 'Checkpoint' });

export const WithheldItem = Type.Object({
  kind: Type.Union([Type.Literal('record'), Type.Literal('comment'), Type.Literal('attachment')]),
  itemId: Type.String(),
  recordType: Type.String(),
  recordId: Type.String(),
  reference: Type.Union([Type.String(), Type.Null()]),
  reason: Type.String(),
});

export const CheckpointOutcome = Type.Object({
  checkpoint: Checkpoint,
  created: Type.Boolean(),
  withheld: Type.Array(WithheldItem, { description: 'Changes history cannot explain, left at their anchored value for `certus verify` to report' }),
});

export const IntegrityProblem = Type.Object({
  recordType: Type.Union([Type.String(), Type.Null()]),
  recordId: Type.Union([Type.String(), Type.Null()]),
  reference: Type.Union([Type.String(), Type.Null()], { description: 'The record\'s reference, where it has one' }),
  seq: Type.Union([Type.Integer(), Type.Null()]),
  problem: Type.String(),
  detail: Type.String(),
});

export const IntegrityReport = Type.Object({
  ok: Type.Boolean(),
  records: Type.Integer(),
  events: Type.Integer(),
  statesChecked: Type.Integer(),
  comments: Type.Integer(),
  attachments: Type.Integer(),
  checkpoint: Type.Union([Checkpoint, Type.Null()], { description: 'The latest checkpoint, which the records were checked against' }),
  checkpoints: Type.Integer(),
  newerThanCheckpoint: Type.Integer({ description: 'Records begun after the latest checkpoint, checked by their own chain only' }),
  problems: Type.Array(IntegrityProblem),
});
