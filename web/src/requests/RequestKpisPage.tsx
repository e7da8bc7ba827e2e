import { KpiPage } from '../shared/ui/KpiPage';

/** 8.6.2: how request fulfilment is doing over a period, for all services or one. */
export function RequestKpisPage() {
  return <KpiPage title="Request KPIs" endpoint="/api/request-kpis" summary="Clause 8.6.2: requests raised and fulfilled, targets met, fulfilment and approval times, rejections and satisfaction." />;
}
