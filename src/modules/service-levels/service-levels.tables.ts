import type { RecordColumns } from '../../kernel/kernel.tables.js';

/** A business calendar as configuration: the definition is the kernel's BusinessCalendarDefinition as JSON. */
export interface BusinessCalendarTable {
  id: string;
  name: string;
  definition: unknown;
  version: number;
  updated_at: number;
  updated_by: string;
}

/** Response and resolution targets per priority, in business minutes of the agreement's calendar. */
export interface AgreementTargetColumns {
  p1_response_minutes: number | null;
  p1_resolution_minutes: number | null;
  p2_response_minutes: number | null;
  p2_resolution_minutes: number | null;
  p3_response_minutes: number | null;
  p3_resolution_minutes: number | null;
  p4_response_minutes: number | null;
  p4_resolution_minutes: number | null;
}

interface AgreementColumns extends RecordColumns, AgreementTargetColumns {
  title: string;
  description: string | null;
  calendar_id: string | null;
  review_date: string | null;
  review_notes: string | null;
  retirement_reason: string | null;
}

export interface SlaTable extends AgreementColumns {
  service: string;
  customer: string | null;
  at_risk_percent: number | null;
  pause_statuses: string | null;
}

export interface OlaTable extends AgreementColumns {
  assignment_group: string;
  supports_sla: string;
}

export interface UnderpinningContractTable extends AgreementColumns {
  supplier: string;
  supports_sla: string;
  contract_end: string | null;
}

declare module '../../platform/db/tables.js' {
  interface CertusTables {
    business_calendars: BusinessCalendarTable;
    slas: SlaTable;
    olas: OlaTable;
    underpinning_contracts: UnderpinningContractTable;
  }
}

/** 8.3.3 SLA breach records (sla-breach.record.ts). */
export interface SlaBreachTable {
  id: string;
  reference: string;
  status: string;
  owner_id: string | null;
  created_by: string;
  created_at: number;
  updated_by: string;
  updated_at: number;
  version: number;
  summary: string;
  incident: string | null;
  /** The service request that breached, for a request's clock (null for an incident's). */
  request: string | null;
  sla: string | null;
  clock: string | null;
  priority: string | null;
  breached_at: number | null;
  cause: string | null;
  action: string | null;
}

declare module '../../platform/db/tables.js' {
  interface CertusTables {
    sla_breaches: SlaBreachTable;
  }
}
