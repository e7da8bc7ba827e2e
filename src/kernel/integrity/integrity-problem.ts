/** One finding of `certus verify`, naming the record it is about where there is one. */
export interface IntegrityProblem {
  recordType: string | null;
  recordId: string | null;
  /** The record's reference (INC-000123) where it has one, even when its row is gone. */
  reference: string | null;
  seq: number | null;
  problem: string;
  detail: string;
}

/** How a report names a record: its reference, or its type and id when it has none. */
export function recordName(p: Pick<IntegrityProblem, 'recordType' | 'recordId' | 'reference'>): string {
  return p.reference ?? (p.recordId ? `${p.recordType ?? 'record'} ${p.recordId}` : 'the checkpoints');
}
