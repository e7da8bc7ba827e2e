import type { StoredClockColumns } from '../service-levels/index.js';

/**
 * A request's stored fulfilment clock (see request-clock-source.ts): kind `sla`, measure
 * `resolution`, the fulfilment target the request model agrees.
 */
export interface RequestSlaClockTable extends StoredClockColumns {
  request_id: string;
}

declare module '../../platform/db/tables.js' {
  interface CertusTables {
    request_sla_clocks: RequestSlaClockTable;
  }
}
