/** One KPI as the KPI endpoints return it (incident-kpis, problem-kpis …). */
export interface Kpi {
  id: string;
  name: string;
  value: number | null;
  unit: string;
  numerator: number | null;
  denominator: number | null;
  definition: string;
}

export interface KpiResponse {
  from: string;
  to: string;
  service: string | null;
  items: Kpi[];
  /** What a reader must know to read the figures (e.g. incidents left out for an unknown resolution time, an SLA figure exported by another tool). */
  notes?: string[];
}

const number = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

/** The figure as a person reads it: "40%", "32.8 days", "10.2 h", "5"; a dash when there was nothing to measure. */
export function kpiValueText(kpi: Pick<Kpi, 'value' | 'unit'>): string {
  if (kpi.value === null) return '—';
  const n = number.format(kpi.value);
  switch (kpi.unit) {
    case 'percent': return `${n}%`;
    case 'hours': return `${n} h`;
    case 'days': return `${n} ${kpi.value === 1 ? 'day' : 'days'}`;
    default: return n;
  }
}

/** What the figure was computed from: "2 of 5", or "over 4" for a mean. */
export function kpiBasisText(kpi: Pick<Kpi, 'numerator' | 'denominator' | 'unit'>): string | null {
  if (kpi.denominator === null) return null;
  if (kpi.numerator === null) return `over ${number.format(kpi.denominator)}`;
  return kpi.unit === 'percent' || kpi.unit === 'count' ? `${number.format(kpi.numerator)} of ${number.format(kpi.denominator)}` : null;
}

function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** A period of whole UTC days ending today (both ends included), as the KPI endpoints take it. */
export function lastDays(days: number, today = Date.now()): { from: string; to: string } {
  return { from: day(today - (days - 1) * 86_400_000), to: day(today) };
}
