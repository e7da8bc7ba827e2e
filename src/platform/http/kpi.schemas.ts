import { Type } from 'typebox';
import { AppError } from './app-error.js';

/** One KPI as every KPI endpoint returns it: the figure, what it was computed from, and its definition. */
export const KpiView = Type.Object({
  id: Type.String(), name: Type.String(), value: Type.Union([Type.Number(), Type.Null()]), unit: Type.String(),
  numerator: Type.Union([Type.Number(), Type.Null()]), denominator: Type.Union([Type.Number(), Type.Null()]), definition: Type.String(),
}, { title: 'Kpi' });

export const KpiDay = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD (UTC)' });

/**
 * Epoch-millisecond bounds of a KPI period given as two UTC days, both included. Bad input is a
 * validation error naming the field.
 */
export function kpiPeriodOf(from: string, to: string): { from: number; to: number } {
  const fromMs = Date.parse(`${from}T00:00:00Z`);
  const toMs = Date.parse(`${to}T00:00:00Z`) + 86_400_000;
  if (Number.isNaN(fromMs)) throw AppError.validation('from', 'is not a date');
  if (Number.isNaN(toMs)) throw AppError.validation('to', 'is not a date');
  if (toMs <= fromMs) throw AppError.validation('to', 'must not be before from');
  return { from: fromMs, to: toMs };
}
