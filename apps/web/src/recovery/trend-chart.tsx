/**
 * The course of one instrument's totals over time as an SVG line chart: the instrument's whole range on the y-axis
 * (BARC-10 10–60, MHQoL 0–21, so a change is never exaggerated by a cut-off axis), time on the x-axis, every total
 * as a labelled point, incomplete measurements (no total) as open markers on the axis, and the threshold of the
 * validation study as a labelled dashed line. The image has a text summary (title and desc); the table beside it is
 * the alternative with every value. Only SVG presentation attributes: the app's CSP allows no inline styles.
 */
import { useId } from 'react';
import type { InstrumentTrend, TrendPoint } from './recovery-types';
import { formatChange } from './recovery-types';

const WIDTH = 640;
const HEIGHT = 250;
const PLOT = { left: 46, right: 24, top: 18, bottom: 46 };
const INNER_W = WIDTH - PLOT.left - PLOT.right;
const INNER_H = HEIGHT - PLOT.top - PLOT.bottom;
const DAY = 86_400_000;
/** The smallest distance (in viewBox units) between two date labels on the x-axis. */
const LABEL_GAP = 62;

const COLORS = {
  line: '#0b4f6c',
  grid: '#dcdcdc',
  axis: '#6b6b6b',
  text: '#4a4a4a',
  threshold: '#1c6130',
  thresholdBand: '#e7f4ea',
  incomplete: '#4a4a4a',
};

const dayMonth = new Intl.DateTimeFormat('nl-NL', {
  timeZone: 'Europe/Amsterdam',
  day: 'numeric',
  month: 'short',
});
const year = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', year: 'numeric' });
const longDate = new Intl.DateTimeFormat('nl-NL', {
  timeZone: 'Europe/Amsterdam',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/** A date of the trend (YYYY-MM-DD, Amsterdam) as an instant at noon, so time zones never move it a day. */
const timeOf = (point: TrendPoint) => Date.parse(`${point.measuredOn}T12:00:00Z`);
const shortDate = new Intl.DateTimeFormat('nl-NL', {
  timeZone: 'Europe/Amsterdam',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});
/** "14 nov 2026": for a table column. */
export const formatShortDate = (measuredOn: string) => shortDate.format(new Date(`${measuredOn}T12:00:00Z`));
export const formatMeasuredOn = (measuredOn: string) => longDate.format(new Date(`${measuredOn}T12:00:00Z`));

/** Tick values on the y-axis: a step that divides the range into at most seven parts (10–60 by 10, 0–21 by 3). */
export function yTicks(min: number, max: number): number[] {
  const span = max - min;
  const step =
    [1, 2, 3, 5, 10, 20, 25, 50].find((s) => span % s === 0 && span / s <= 7) ?? Math.ceil(span / 5);
  const ticks: number[] = [];
  for (let v = min; v <= max; v += step) ticks.push(v);
  if (ticks[ticks.length - 1] !== max) ticks.push(max);
  return ticks;
}

/** Which points get a date under the axis: as many as fit, always the last. */
function labelled(xs: { x: number; key: string }[]): Set<string> {
  const kept: { x: number; key: string }[] = [];
  for (const item of xs) {
    const previous = kept[kept.length - 1];
    if (!previous || item.x - previous.x >= LABEL_GAP) kept.push(item);
  }
  const last = xs[xs.length - 1];
  if (last && kept[kept.length - 1]?.key !== last.key) {
    while (kept.length > 0 && last.x - kept[kept.length - 1].x < LABEL_GAP) kept.pop();
    kept.push(last);
  }
  return new Set(kept.map((k) => k.key));
}

/** One sentence for screen readers and the image's title: how many, when, where the total ended and how it moved. */
export function trendSummary(trend: InstrumentTrend): string {
  const { min, max } = trend.totalRange;
  if (trend.count === 0) return `${trend.name}: nog geen metingen.`;
  const first = trend.points[0];
  const last = trend.points[trend.points.length - 1];
  const parts = [
    trend.count === 1
      ? `${trend.name}: 1 meting, op ${formatMeasuredOn(first.measuredOn)}.`
      : `${trend.name}: ${trend.count} metingen van ${formatMeasuredOn(first.measuredOn)} tot ${formatMeasuredOn(last.measuredOn)}.`,
  ];
  if (trend.last?.totalScore != null) {
    parts.push(`Laatste totaal ${trend.last.totalScore} (schaal ${min}–${max}).`);
  }
  if (trend.change !== null)
    parts.push(`Verandering sinds de eerste meting met een totaal: ${formatChange(trend.change)}.`);
  const incomplete = trend.count - trend.completeCount;
  if (incomplete > 0) {
    parts.push(
      incomplete === 1
        ? '1 meting is onvolledig (geen totaal).'
        : `${incomplete} metingen zijn onvolledig (geen totaal).`,
    );
  }
  if (trend.threshold) parts.push(`Drempel uit de validatiestudie: ${trend.threshold.atLeast}.`);
  return parts.join(' ');
}

export function TrendChart({ trend }: { trend: InstrumentTrend }) {
  const id = useId();
  const { min, max } = trend.totalRange;
  const points = trend.points;
  const times = points.map(timeOf);
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  // A little room on both sides, so the first and last points do not sit on the axes; one date: in the middle.
  const pad = t1 > t0 ? (t1 - t0) * 0.06 : 15 * DAY;
  const from = t0 - pad;
  const to = t1 + pad;
  const x = (t: number) => PLOT.left + ((t - from) / (to - from)) * INNER_W;
  const y = (v: number) => PLOT.top + (1 - (v - min) / (max - min)) * INNER_H;
  const complete = points.filter((p) => p.totalScore !== null);
  const incomplete = points.filter((p) => p.totalScore === null);
  const path = complete
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${x(timeOf(p)).toFixed(1)},${y(p.totalScore!).toFixed(1)}`)
    .join(' ');
  const dates = labelled(points.map((p) => ({ x: x(timeOf(p)), key: p.measurementId })));
  const threshold = trend.threshold;
  const axisY = PLOT.top + INNER_H;
  const lastId = trend.last?.measurementId;

  return (
    <svg
      className="koers-trend"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      data-instrument={trend.instrumentId}
    >
      <title id={`${id}-title`}>{`Verloop van de totaalscore ${trend.name}`}</title>
      <desc id={`${id}-desc`}>{trendSummary(trend)}</desc>

      {threshold && (
        <rect
          x={PLOT.left}
          y={PLOT.top}
          width={INNER_W}
          height={y(threshold.atLeast) - PLOT.top}
          fill={COLORS.thresholdBand}
        />
      )}
      {yTicks(min, max).map((v) => (
        <g key={v}>
          <line
            x1={PLOT.left}
            x2={PLOT.left + INNER_W}
            y1={y(v)}
            y2={y(v)}
            stroke={COLORS.grid}
            strokeWidth={1}
          />
          <text x={PLOT.left - 8} y={y(v) + 4} textAnchor="end" fontSize={12} fill={COLORS.text}>
            {v}
          </text>
        </g>
      ))}
      <line x1={PLOT.left} x2={PLOT.left} y1={PLOT.top} y2={axisY} stroke={COLORS.axis} strokeWidth={1} />
      <line
        x1={PLOT.left}
        x2={PLOT.left + INNER_W}
        y1={axisY}
        y2={axisY}
        stroke={COLORS.axis}
        strokeWidth={1}
      />

      {threshold && (
        <g className="koers-trend__threshold">
          <line
            x1={PLOT.left}
            x2={PLOT.left + INNER_W}
            y1={y(threshold.atLeast)}
            y2={y(threshold.atLeast)}
            stroke={COLORS.threshold}
            strokeWidth={2}
            strokeDasharray="7 5"
          />
          <text
            x={PLOT.left + 8}
            y={y(threshold.atLeast) - 6}
            fontSize={12}
            fontWeight={600}
            fill={COLORS.threshold}
          >
            {`drempel uit de validatiestudie (${threshold.atLeast})`}
          </text>
        </g>
      )}

      {path && <path d={path} fill="none" stroke={COLORS.line} strokeWidth={2.5} strokeLinejoin="round" />}
      {complete.map((p) => {
        const cx = x(timeOf(p));
        const cy = y(p.totalScore!);
        const last = p.measurementId === lastId;
        // The value above its point, unless the threshold line would run through it: then below.
        const ty = threshold ? y(threshold.atLeast) : -1;
        const below = threshold !== null && p.totalScore! < threshold.atLeast && cy - 26 < ty;
        return (
          <g key={p.measurementId}>
            <circle cx={cx} cy={cy} r={last ? 6.5 : 5} fill={COLORS.line} stroke="#ffffff" strokeWidth={2} />
            <text
              x={cx}
              y={below ? cy + 20 : cy - 11}
              textAnchor="middle"
              fontSize={last ? 14 : 12}
              fontWeight={last ? 700 : 400}
              fill={last ? COLORS.line : COLORS.text}
            >
              {p.totalScore}
            </text>
          </g>
        );
      })}
      {incomplete.map((p) => (
        <rect
          key={p.measurementId}
          x={x(timeOf(p)) - 5}
          y={axisY - 12}
          width={10}
          height={10}
          transform={`rotate(45 ${x(timeOf(p))} ${axisY - 7})`}
          fill="#ffffff"
          stroke={COLORS.incomplete}
          strokeWidth={2}
        />
      ))}

      {points
        .filter((p) => dates.has(p.measurementId))
        .map((p) => {
          const when = new Date(timeOf(p));
          return (
            <text
              key={p.measurementId}
              x={x(timeOf(p))}
              y={axisY + 18}
              textAnchor="middle"
              fontSize={12}
              fill={COLORS.text}
            >
              <tspan x={x(timeOf(p))}>{dayMonth.format(when)}</tspan>
              <tspan x={x(timeOf(p))} dy={14} fontSize={11}>
                {year.format(when)}
              </tspan>
            </text>
          );
        })}
    </svg>
  );
}
