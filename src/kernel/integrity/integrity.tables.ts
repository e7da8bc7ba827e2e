/** One row per checkpoint: appended by the checkpoint writer only, never by record writers. */
export interface IntegrityCheckpointTable {
  seq: number;
  at: number;
  records: number;
  events: number;
  comments: number;
  attachments: number;
  root: string;
  prev_hash: string;
  hash: string;
}

/**
 * The anchors the latest checkpoint's root commits to, one row per record, comment and
 * attachment; rewritten by the checkpoint writer in the same transaction as its checkpoint.
 */
export interface IntegrityAnchorTable {
  anchor_key: string;
  kind: string;
  item_id: string;
  record_type: string;
  record_id: string;
  reference: string | null;
  seq: number | null;
  hash: string;
  /** The checkpoint that first committed to this value (informational, not committed). */
  checkpoint_seq: number;
}

declare module '../../platform/db/tables.js' {
  interface CertusTables {
    integrity_checkpoints: IntegrityCheckpointTable;
    integrity_anchors: IntegrityAnchorTable;
  }
}
