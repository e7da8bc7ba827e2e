import type { StoredClockColumns } from '../service-levels/index.js';

/** A stored clock snapshot (see sla-snapshots.ts), with what only incidents keep. */
export interface IncidentSlaClockTable extends StoredClockColumns {
  incident_id: string;
  /** The clock the queue shows for the incident: its earliest-due running resolution clock. */
  lead: number;
  /** When a running clock reaches its next escalation level (set by the watch). */
  escalate_at: number | null;
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
