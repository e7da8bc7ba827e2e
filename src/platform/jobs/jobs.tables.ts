export interface JobTable {
  id: string;
  kind: string;
  payload: unknown;
  status: string;
  run_at: number;
  attempts: number;
  max_attempts: number;
  locked_by: string | null;
  locked_until: number | null;
  last_error: string | null;
  dedupe_key: string | null;
  created_at: number;
  finished_at: number | null;
}

export interface JobScheduleTable {
  name: string;
  kind: string;
  interval_ms: number;
  next_run_at: number;
}

declare module '../db/tables.js' {
  interface CertusTables {
    jobs: JobTable;
    job_schedules: JobScheduleTable;
  }
}
