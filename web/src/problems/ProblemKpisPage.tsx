import { KpiPage } from '../shared/ui/KpiPage';

/** 8.6.3: how problem management is doing over a period, for all services or one. */
export function ProblemKpisPage() {
  return <KpiPage title="Problem KPIs" endpoint="/api/problem-kpis" summary="Clause 8.6.3: problems raised and closed, root causes, known errors and the incidents they explain." />;
}
