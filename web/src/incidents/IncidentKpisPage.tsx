import { KpiPage } from '../shared/ui/KpiPage';

/** 8.6.1: how incident management is doing over a period, for all services or one. */
export function IncidentKpisPage() {
  return <KpiPage title="Incident KPIs" endpoint="/api/incident-kpis" summary="Clause 8.6.1: incidents opened and resolved, resolution times, first-contact resolution, reassignment, reopening, recurrence and major incidents." />;
}
