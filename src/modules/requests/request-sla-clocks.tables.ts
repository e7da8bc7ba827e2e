/** A request's stored fulfilment clock (see request-clock-source.ts); booleans are 0/1 on both databases. */
export interface RequestSlaClockTable {
  request_id: string;
  clock_id: string;
  name: string;
  /** sla: the fulfilment target the request model agrees. */
  kind: string;
  /** resolution: fulfilment is what the target measures. */
  measure: string;
  sla: string | null;
  calendar_id: string | null;
  priority: string | null;
  target_ms: number | null;
  elapsed_ms: number;
  paused_ms: number;
  remaining_ms: number | null;
  due_at: number | null;
  at_risk_at: number | null;
  /** running, paused, stopped or inactive. */
  status: string;
  pause_reason: string | null;
  at_risk: number;
  breached: number;
  breached_at: number | null;
  stopped_at: number | null;
  met: number | null;
  computed_at: number;
}

declare module '../../platform/db/tables.js' {
  interface CertusTables {
    request_sla_clocks: RequestSlaClockTable;
  }
}
