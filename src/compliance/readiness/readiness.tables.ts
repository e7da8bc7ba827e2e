/** The organisation's answer to one readiness checklist item; absent until first answered. */
export interface ReadinessAnswerTable {
  item_id: string;
  state: string;
  notes: string | null;
  evidence: unknown;
  answered_by: string;
  answered_at: number;
  version: number;
}

declare module '../../platform/db/tables.js' {
  interface CertusTables {
    readiness_answers: ReadinessAnswerTable;
  }
}
