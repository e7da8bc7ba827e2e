import type { RecordColumns } from '../../kernel/kernel.tables.js';

export interface ProblemTable extends RecordColumns {
  title: string;
  description: string | null;
  service: string | null;
  category: string;
  priority: string;
  root_cause: string | null;
  workaround: string | null;
  known_error: number | null;
  closure_reason: string | null;
  closure_justification: string | null;
  closed_at: number | null;
  recurrences: number | null;
  last_recurrence_at: number | null;
  source: string | null;
  external_id: string | null;
}

declare module '../../platform/db/tables.js' {
  interface CertusTables {
    problems: ProblemTable;
  }
}
