import type { RecordColumns } from '../../kernel/kernel.tables.js';

export interface ImprovementTable extends RecordColumns {
  title: string;
  description: string | null;
  source: string;
  priority: string;
  expected_benefit: string | null;
  target_date: string | null;
  decision_reason: string | null;
  outcome: string | null;
}

declare module '../../platform/db/tables.js' {
  interface CertusTables {
    improvements: ImprovementTable;
  }
}
