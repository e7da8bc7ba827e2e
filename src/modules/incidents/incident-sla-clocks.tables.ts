/** A stored clock snapshot (see sla-snapshots.ts); booleans are 0/1 on both databases. */
export interface IncidentSlaClockTable {
  incident_id: string;
  clock_id: string;
  name: string;
  /** sla, ola or contract. */
  kind: string;
  /** response or resolution. */
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
  /** The clock the queue shows for the incident: its earliest-due running resolution clock. */
  lead: number;
  /** When a running clock reaches its next escalation level (set by the watch). */
  escalate_at: number | null;
  computed_at: number;
}

declare module '../../platform/db/tables.js' {
  interface CertusTables {
    incident_sla_clocks: IncidentSlaClockTable;
  }
}

export interface IncidentEscalationSettingsTable {
  id: string;
  settings: unknown;
  version: number;
  updated_by: string | null;
  updated_at: number;
}

declare module '../../platform/db/tables.js' {
  interface CertusTables {
    incident_escalation_settings: IncidentEscalationSettingsTable;
  }
}

declare module './incident.tables.js' {
  interface IncidentTable {
    /** The highest escalation level reached (null before the first). */
    escalation_level: number | null;
  }
}
