/**
 * The report's charts, drawn as SVG with presentation attributes (fills, positions in per cent), never inline
 * styles: the Content-Security-Policy forbids those. Each row's label and figure are HTML beside the bar (so they
 * reflow, zoom and can be buttons for the drilldown); the bars are hidden from screen readers, who get the same
 * figures as text and in the table that follows every chart. Series differ by pattern as well as colour, and the
 * numbers stand in the segments, so nothing depends on colour alone.
 */
import type { ReactNode } from 'react';
import { formatNumber } from './report-query';

export type Tone = 'primary' | 'secondary' | 'neutral' | 'alert';

export interface Series {
  key: string;
  label: string;
  tone: Tone;
}

const PATTERN = {
  secondary: 'koers-rpt-pattern-secondary',
  neutral: 'koers-rpt-pattern-neutral',
  alert: 'koers-rpt-pattern-alert',
} as const;

/** Fill of a series (a pattern for all but the first, so print in black and white still tells them apart). */
const FILL: Record<Tone, string> = {
  primary: '#0b4f6c',
  secondary: `url(#${PATTERN.secondary})`,
  neutral: `url(#${PATTERN.neutral})`,
  alert: `url(#${PATTERN.alert})`,
};

/** Segments too narrow for their number leave it to the text and the table (per cent of the bar's width). */
const MIN_LABELLED_WIDTH = 7;

/** The patterns every chart of the page refers to; rendered once, by the page. */
export function ChartPatterns() {
  return (
    <svg className="koers-rpt-defs" aria-hidden="true" focusable="false">
      <defs>
        <pattern
          id={PATTERN.secondary}
          width="6"
          height="6"
          patternUnits="userSpaceOnUse"
          patternTransform="rotate(45)"
        >
          <rect width="6" height="6" fill="#9cc6d9" />
          <rect width="2" height="6" fill="#3f7f9c" />
        </pattern>
        <pattern id={PATTERN.neutral} width="6" height="6" patternUnits="userSpaceOnUse">
          <rect width="6" height="6" fill="#f1f3f4" />
          <circle cx="3" cy="3" r="1.1" fill="#6b6b6b" />
        </pattern>
        <pattern
          id={PATTERN.alert}
          width="6"
          height="6"
          patternUnits="userSpaceOnUse"
          patternTransform="rotate(-45)"
        >
          <rect width="6" height="6" fill="#f6c25b" />
          <rect width="1.6" height="6" fill="#9a5b00" />
        </pattern>
      </defs>
    </svg>
  );
}

function Swatch({ tone }: { tone: Tone }) {
  return (
    <svg className="koers-rpt-swatch" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <rect x="0.5" y="0.5" width="15" height="15" fill={FILL[tone]} stroke="#073549" />
    </svg>
  );
}

/** The key to a chart's series: a list, above the bars. */
export function Legend({ items }: { items: { label: string; symbol: ReactNode }[] }) {
  return (
    <ul className="koers-rpt-legend" aria-label="Legenda">
      {items.map((item) => (
        <li key={item.label}>
          {item.symbol}
          {item.label}
        </li>
      ))}
    </ul>
  );
}

export const seriesLegend = (series: Series[]) =>
  series.map((s) => ({ label: s.label, symbol: <Swatch tone={s.tone} /> }));

export interface BarRow {
  key: string;
  label: string;
  /** One value per series, in the series' order. */
  values: number[];
  /** The figure at the end of the bar (a count, possibly a drilldown button). */
  value: ReactNode;
  /** The row's figures in words, for screen readers ("2 geïncludeerd, 1 nog geen besluit"). */
  spoken?: string;
}

/** Horizontal bars, stacked when there is more than one series; the longest bar fills the width. */
export function BarChart({
  label,
  series,
  rows,
  format = formatNumber,
}: {
  /** What the chart shows, for screen readers ("Signalen per bron"). */
  label: string;
  series: Series[];
  rows: BarRow[];
  format?: (value: number) => string;
}) {
  const max = Math.max(0, ...rows.map((row) => row.values.reduce((sum, v) => sum + Math.max(0, v), 0)));
  return (
    <>
      {series.length > 1 && <Legend items={seriesLegend(series)} />}
      <ul className="koers-rpt-bars" aria-label={label}>
        {rows.map((row) => {
          let x = 0;
          const segments = row.values.map((value, i) => {
            const width = max > 0 ? (Math.max(0, value) / max) * 100 : 0;
            const segment = { value, width, x, tone: series[i].tone, key: series[i].key };
            x += width;
            return segment;
          });
          return (
            <li key={row.key} className="koers-rpt-bars__row">
              <span className="koers-rpt-bars__label">{row.label}</span>
              <svg className="koers-rpt-bars__bar" aria-hidden="true" focusable="false">
                <rect x="0" y="0" width="100%" height="100%" className="koers-rpt-track" />
                {segments
                  .filter((s) => s.width > 0)
                  .map((s) => (
                    <rect
                      key={s.key}
                      x={`${s.x}%`}
                      y="8%"
                      width={`${s.width}%`}
                      height="84%"
                      fill={FILL[s.tone]}
                      stroke="#073549"
                      strokeWidth="1"
                    />
                  ))}
                {series.length > 1 &&
                  segments
                    .filter((s) => s.width >= MIN_LABELLED_WIDTH && s.value > 0)
                    .map((s) => (
                      <text
                        key={s.key}
                        x={`${s.x + s.width / 2}%`}
                        y="50%"
                        dominantBaseline="central"
                        textAnchor="middle"
                        className={`koers-rpt-bars__n koers-rpt-bars__n--${s.tone}`}
                      >
                        {format(s.value)}
                      </text>
                    ))}
              </svg>
              <span className="koers-rpt-bars__value">
                {row.value}
                {row.spoken && <span className="koers-visually-hidden"> ({row.spoken})</span>}
              </span>
            </li>
          );
        })}
      </ul>
    </>
  );
}

/** A round axis for `max` (days, scores): about five steps of 1, 2, 2.5 or 5 times a power of ten. */
export function niceAxis(min: number, max: number): { min: number; max: number; ticks: number[] } {
  const span = Math.max(max - min, 1);
  const raw = span / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const low = Math.floor(min / step) * step;
  const high = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let t = low; t <= high + step / 1000; t += step) ticks.push(Math.round(t * 100) / 100);
  return { min: low, max: high, ticks };
}

const position = (value: number, axis: { min: number; max: number }) =>
  axis.max > axis.min ? ((value - axis.min) / (axis.max - axis.min)) * 100 : 0;

function Gridlines({ axis }: { axis: { min: number; max: number; ticks: number[] } }) {
  return (
    <>
      {axis.ticks.map((tick) => (
        <line
          key={tick}
          x1={`${position(tick, axis)}%`}
          x2={`${position(tick, axis)}%`}
          y1="0"
          y2="100%"
          className="koers-rpt-grid"
        />
      ))}
    </>
  );
}

/** The axis under a chart: tick values and what they count. */
function AxisRow({ axis, unit }: { axis: { min: number; max: number; ticks: number[] }; unit: string }) {
  const last = axis.ticks.length - 1;
  return (
    <li className="koers-rpt-bars__row koers-rpt-bars__row--axis" aria-hidden="true">
      <span className="koers-rpt-bars__label" />
      <svg className="koers-rpt-bars__axis" focusable="false">
        {axis.ticks.map((tick, i) => (
          <text
            key={tick}
            x={`${position(tick, axis)}%`}
            y="60%"
            dominantBaseline="central"
            textAnchor={i === 0 ? 'start' : i === last ? 'end' : 'middle'}
            className="koers-rpt-axis-text"
          >
            {formatNumber(tick)}
          </text>
        ))}
      </svg>
      <span className="koers-rpt-bars__value koers-rpt-axis-unit">{unit}</span>
    </li>
  );
}

export interface SpreadRow {
  key: string;
  label: string;
  q1: number | null;
  median: number | null;
  q3: number | null;
  value: ReactNode;
  spoken: string;
  /** Set before a row that starts a group of its own (signal to admission under the stages). */
  separated?: boolean;
  /** The row the reader looks for first (the waiting list): a bold label and a darker box. */
  emphasis?: boolean;
}

/**
 * Median and quartiles per row as a box from the first to the third quartile with a bold line at the median
 * (half of the cases took less than the median, a quarter less than the box's start, a quarter more than its end).
 */
export function SpreadChart({ label, rows, unit }: { label: string; rows: SpreadRow[]; unit: string }) {
  const axis = niceAxis(0, Math.max(1, ...rows.map((r) => r.q3 ?? r.median ?? 0)));
  return (
    <>
      <Legend
        items={[
          {
            label: 'middelste helft (1e tot 3e kwartiel)',
            symbol: (
              <svg className="koers-rpt-swatch" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
                <rect x="0.5" y="3.5" width="15" height="9" className="koers-rpt-box" />
              </svg>
            ),
          },
          {
            label: 'mediaan',
            symbol: (
              <svg className="koers-rpt-swatch" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
                <line x1="8" x2="8" y1="1" y2="15" className="koers-rpt-median" />
              </svg>
            ),
          },
        ]}
      />
      <ul className="koers-rpt-bars" aria-label={label}>
        {rows.map((row) => {
          const has = row.q1 !== null && row.median !== null && row.q3 !== null;
          const x1 = has ? position(row.q1!, axis) : 0;
          const x3 = has ? position(row.q3!, axis) : 0;
          const xm = has ? position(row.median!, axis) : 0;
          return (
            <li
              key={row.key}
              className={[
                'koers-rpt-bars__row',
                row.separated && 'koers-rpt-bars__row--separated',
                row.emphasis && 'koers-rpt-bars__row--emphasis',
              ]
                .filter(Boolean)
                .join(' ')}
            >
              <span className="koers-rpt-bars__label">{row.label}</span>
              <svg className="koers-rpt-bars__bar" aria-hidden="true" focusable="false">
                <rect x="0" y="0" width="100%" height="100%" className="koers-rpt-track" />
                <Gridlines axis={axis} />
                {has ? (
                  <>
                    <rect
                      x={`${x1}%`}
                      y="15%"
                      width={`${Math.max(x3 - x1, 0.6)}%`}
                      height="70%"
                      className="koers-rpt-box"
                    />
                    <line x1={`${xm}%`} x2={`${xm}%`} y1="5%" y2="95%" className="koers-rpt-median" />
                  </>
                ) : (
                  <text x="1%" y="50%" dominantBaseline="central" className="koers-rpt-axis-text">
                    geen gegevens in deze periode
                  </text>
                )}
              </svg>
              <span className="koers-rpt-bars__value">
                {row.value}
                <span className="koers-visually-hidden"> ({row.spoken})</span>
              </span>
            </li>
          );
        })}
        <AxisRow axis={axis} unit={unit} />
      </ul>
    </>
  );
}

export interface ChangeRow {
  key: string;
  label: string;
  first: number;
  last: number;
  /** The scale of the instrument (BARC-10: 10 to 60). */
  min: number;
  max: number;
  threshold: number | null;
  value: ReactNode;
  spoken: string;
}

/** Mean first and mean last score per instrument: an open dot, a filled dot, and the line between them. */
export function ChangeChart({ label, rows }: { label: string; rows: ChangeRow[] }) {
  const dot = (filled: boolean) => (
    <svg className="koers-rpt-swatch" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <circle cx="8" cy="8" r="5.5" className={filled ? 'koers-rpt-dot--last' : 'koers-rpt-dot--first'} />
    </svg>
  );
  return (
    <>
      <Legend
        items={[
          { label: 'gemiddelde eerste meting', symbol: dot(false) },
          { label: 'gemiddelde laatste meting', symbol: dot(true) },
          ...(rows.some((r) => r.threshold !== null)
            ? [
                {
                  label: 'drempel voor duurzaam herstel',
                  symbol: (
                    <svg
                      className="koers-rpt-swatch"
                      viewBox="0 0 16 16"
                      aria-hidden="true"
                      focusable="false"
                    >
                      <line x1="8" x2="8" y1="0" y2="16" className="koers-rpt-threshold" />
                    </svg>
                  ),
                },
              ]
            : []),
        ]}
      />
      <ul className="koers-rpt-bars koers-rpt-bars--tall" aria-label={label}>
        {rows.map((row) => {
          const axis = niceAxis(row.min, row.max);
          const scale = { min: row.min, max: row.max };
          const first = position(row.first, scale);
          const last = position(row.last, scale);
          const up = row.last >= row.first;
          // Each instrument has its own scale, so each row has its own axis under it.
          return [
            <li key={row.key} className="koers-rpt-bars__row koers-rpt-bars__row--tall">
              <span className="koers-rpt-bars__label">{row.label}</span>
              <svg
                className="koers-rpt-bars__bar koers-rpt-bars__bar--tall"
                aria-hidden="true"
                focusable="false"
              >
                <rect x="0" y="0" width="100%" height="100%" className="koers-rpt-track" />
                <Gridlines axis={{ ...axis, min: row.min, max: row.max }} />
                {row.threshold !== null && (
                  <>
                    <line
                      x1={`${position(row.threshold, scale)}%`}
                      x2={`${position(row.threshold, scale)}%`}
                      y1="42%"
                      y2="100%"
                      className="koers-rpt-threshold"
                    />
                    <text
                      x={`${position(row.threshold, scale)}%`}
                      y="90%"
                      dx="4"
                      className="koers-rpt-axis-text"
                    >
                      {formatNumber(row.threshold)}
                    </text>
                  </>
                )}
                <line x1={`${first}%`} x2={`${last}%`} y1="62%" y2="62%" className="koers-rpt-change" />
                <circle cx={`${first}%`} cy="62%" r="7" className="koers-rpt-dot--first" />
                <circle cx={`${last}%`} cy="62%" r="7" className="koers-rpt-dot--last" />
                <text
                  x={`${first}%`}
                  y="24%"
                  textAnchor={up ? 'end' : 'start'}
                  dx={up ? -2 : 2}
                  dominantBaseline="central"
                  className="koers-rpt-dot-text"
                >
                  {formatNumber(row.first)}
                </text>
                <text
                  x={`${last}%`}
                  y="24%"
                  textAnchor={up ? 'start' : 'end'}
                  dx={up ? 2 : -2}
                  dominantBaseline="central"
                  className="koers-rpt-dot-text koers-rpt-dot-text--last"
                >
                  {formatNumber(row.last)}
                </text>
              </svg>
              <span className="koers-rpt-bars__value">
                {row.value}
                <span className="koers-visually-hidden"> ({row.spoken})</span>
              </span>
            </li>,
            <AxisRow key={`${row.key}-axis`} axis={{ ...axis, min: row.min, max: row.max }} unit="score" />,
          ];
        })}
      </ul>
    </>
  );
}
