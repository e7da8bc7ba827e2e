export interface ReferenceCounterTable {
  prefix: string;
  last_value: number;
}

export interface HistoryEventTable {
  id: string;
  record_type: string;
  record_id: string;
  seq: number;
  kind: string;
  actor_id: string | null;
  at: number;
  data: unknown;
  prev_hash: string;
  hash: string;
}

export interface HistoryHeadTable {
  record_id: string;
  record_type: string;
  seq: number;
  hash: string;
}

export interface RecordLinkTable {
  id: string;
  from_type: string;
  from_id: string;
  link_type: string;
  to_type: string;
  to_id: string;
  created_by: string;
  created_at: number;
}

export interface RecordCommentTable {
  id: string;
  record_type: string;
  record_id: string;
  visibility: string;
  body: string;
  author_id: string;
  created_at: number;
  /** SHA-256 of the comment's content, written with it (see integrity-commitment.ts). */
  content_hash: string | null;
}

export interface AttachmentBlobTable {
  sha256: string;
  size: number;
  content: Buffer;
}

export interface RecordAttachmentTable {
  id: string;
  record_type: string;
  record_id: string;
  sha256: string;
  filename: string;
  content_type: string;
  size: number;
  created_by: string;
  created_at: number;
  removed_at: number | null;
}

/** The kernel's shared columns, present on every record type's own table. */
export interface RecordColumns {
  id: string;
  reference: string;
  status: string;
  owner_id: string | null;
  created_by: string;
  created_at: number;
  updated_by: string;
  updated_at: number;
  version: number;
}

declare module '../platform/db/tables.js' {
  interface CertusTables {
    reference_counters: ReferenceCounterTable;
    history_events: HistoryEventTable;
    history_heads: HistoryHeadTable;
    record_links: RecordLinkTable;
    record_comments: RecordCommentTable;
    attachment_blobs: AttachmentBlobTable;
    record_attachments: RecordAttachmentTable;
  }
}
