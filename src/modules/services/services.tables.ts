import type { RecordColumns } from '../../kernel/kernel.tables.js';

export interface ServiceTable extends RecordColumns {
  name: string;
  description: string | null;
  service_owner: string | null;
  service_type: string;
  category: string | null;
  criticality: string;
  support_calendar_id: string | null;
  customers_served: string | null;
  request_types_offered: string | null;
  retirement_reason: string | null;
}

export interface CustomerTable extends RecordColumns {
  organisation_name: string;
  sector: string | null;
  account_manager: string | null;
  contacts: string | null;
}

declare module '../../platform/db/tables.js' {
  interface CertusTables {
    services: ServiceTable;
    customers: CustomerTable;
  }
}
