/**
 * Small SVG charts for the service level dashboard. Hand-written because @mantine/charts has no
 * release for the Mantine version in use (its peer dependency pins the exact core version);
 * each chart is an image with a text alternative, and the page shows the same figures in a table.
 */

export interface Point {
  label: string;
  value: number | null;
}

const width = 640;
const height = 240;
const pad = { left: 44, right: 28, top: 16, bottom: 36 };
const plotW = width - pad.left - pad.right;
const plotH = height - pad.top - pad.bottom;

function xOf(i: number, n: number): number {
  return pad.left + (n <= 1 ? plotW / 2 : (i / (n - 1)) * plotW);
}

function yOf(value: number, max: number): number {
  return pad.top + plotH - (max === 0 ? 0 : (value / max) * plotH);
}

function Axes({ max, ticks, unit, labels, x }: { max: number; ticks: number[]; unit: string; labels: string[]; x: (i: number) => number }) {
  return (
    <g fontSize="11" fill="var(--mantine-color-gray-8)">
      {ticks.map((t) => (
        <g key={t}>
          <line x1={pad.left} x2={width - pad.right} y1={yOf(t, max)} y2={yOf(t, max)} stroke="var(--mantine-color-gray-3)" />
          <text x={pad.left - 6} y={yOf(t, max) + 4} textAnchor="end">{`${t}${unit}`}</text>
        </g>
      ))}
      {labels.map((label, i) => (
        <text key={label} x={x(i)} y={height - pad.bottom + 16} textAnchor="middle">{label}</text>
      ))}
    </g>
  );
}

/** A line of percentages (0–100) with a dashed target line. */
export function LineChart({ title, points, target, unit = '%' }: { title: string; points: Point[]; target?: number; unit?: string }) {
  const max = 100;
  const n = points.length;
  const segments: string[][] = [[]];
  points.forEach((p, i) => {
    if (p.value === null) segments.push([]);
    else segments[segments.length - 1]!.push(`${xOf(i, n)},${yOf(p.value, max)}`);
  });
  const summary = points.map((p) => `${p.label}: ${p.value === null ? 'no data' : `${p.value}${unit}`}`).join('; ');
  return (
    <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={`${title}. ${summary}${target !== undefined ? `. Target ${target}${unit}` : ''}`} data-chart="line">
      <Axes max={max} ticks={[0, 25, 50, 75, 100]} unit={unit} labels={points.map((p) => p.label)} x={(i) => xOf(i, n)} />
      {target !== undefined ? (
        <g>
          <line x1={pad.left} x2={width - pad.right} y1={yOf(target, max)} y2={yOf(target, max)} stroke="var(--mantine-color-red-8)" strokeDasharray="6 4" strokeWidth={1.5} />
          <text x={width - pad.right} y={yOf(target, max) - 5} textAnchor="end" fontSize="11" fill="var(--mantine-color-red-9)">{`Target ${target}${unit}`}</text>
        </g>
      ) : null}
      {segments.filter((s) => s.length > 0).map((s, i) => (
        <polyline key={i} points={s.join(' ')} fill="none" stroke="var(--mantine-color-indigo-7)" strokeWidth={2.5} />
      ))}
      {points.map((p, i) => (p.value === null ? null : (
        <circle key={p.label} cx={xOf(i, n)} cy={yOf(p.value, max)} r={4} fill="var(--mantine-color-indigo-7)">
          <title>{`${p.label}: ${p.value}${unit}`}</title>
        </circle>
      )))}
    </svg>
  );
}

/** Bars of counts, one per label. */
export function BarChart({ title, points }: { title: string; points: Point[] }) {
  const highest = Math.max(0, ...points.map((p) => p.value ?? 0));
  const step = highest <= 5 ? 1 : Math.ceil(highest / 5);
  const max = Math.max(step, Math.ceil(highest / step) * step);
  const ticks = Array.from({ length: Math.floor(max / step) + 1 }, (_, i) => i * step);
  const n = points.length;
  const slot = plotW / Math.max(1, n);
  const barW = Math.min(48, slot * 0.6);
  const x = (i: number) => pad.left + slot * i + slot / 2;
  const summary = points.map((p) => `${p.label}: ${p.value ?? 0}`).join('; ');
  return (
    <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={`${title}. ${summary}`} data-chart="bar">
      <Axes max={max} ticks={ticks} unit="" labels={points.map((p) => p.label)} x={x} />
      {points.map((p, i) => (
        <g key={p.label}>
          <rect x={x(i) - barW / 2} y={yOf(p.value ?? 0, max)} width={barW} height={plotH + pad.top - yOf(p.value ?? 0, max)} fill="var(--mantine-color-red-7)">
            <title>{`${p.label}: ${p.value ?? 0}`}</title>
          </rect>
          {(p.value ?? 0) > 0 ? <text x={x(i)} y={yOf(p.value ?? 0, max) - 4} textAnchor="middle" fontSize="11" fill="var(--mantine-color-gray-9)">{p.value}</text> : null}
        </g>
      ))}
    </svg>
  );
}
