import type { ComponentChildren } from 'preact';
import { scaleBand, scaleLinear, scalePoint } from 'd3-scale';
import { line } from 'd3-shape';
import { PlainTable } from './plain-table.tsx';

/**
 * Charts drawn on the server as SVG (no JavaScript): each is an image with a title and a text summary
 * (`role="img"`, `aria-labelledby` naming both), every bar or point carries its value as a direct label, so colour
 * is never needed to read it, and the same figures stand in a table beside it.
 */
export interface ChartRow {
  label: string;
  value: number;
}

interface ChartProps {
  id: string;
  title: string;
  summary: string;
  rows: ChartRow[];
  /** The table beside the chart: its column heads, and per row its label then its cells (links where public). */
  table: { head: string[]; rows: ComponentChildren[][] };
}

const WIDTH = 560;
const ROW = 26;
/** Room for the bars and their values, right of the labels. */
const BARS = 370;
/**
 * Room for the longest label at the chart's 14 px type (about 7.6 px a character): theme names such as "Jordbruk,
 * fiske, skogsbruk och livsmedel" were cut off at a fixed width.
 */
const labelWidth = (rows: ChartRow[]) => Math.min(320, Math.max(120, Math.ceil(Math.max(0, ...rows.map((r) => r.label.length)) * 7.6) + 12));

function Figure({ id, title, summary, table, children, height, width = WIDTH }: ChartProps & { children: ComponentChildren; height: number; width?: number }) {
  return (
    <figure class="chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`} class="chart-title">
        {title}
      </figcaption>
      <div class="chart-body">
        <svg
          class="chart-svg"
          role="img"
          aria-labelledby={`${id}-title ${id}-desc`}
          viewBox={`0 0 ${width} ${height}`}
          width={width}
          height={height}
          focusable="false"
        >
          <title id={`${id}-title`}>{title}</title>
          <desc id={`${id}-desc`}>{summary}</desc>
          {children}
        </svg>
        <p class="chart-summary">{summary}</p>
        {/* The same figures as a table, for reading and for screen readers; the chart's title names it. */}
        <PlainTable id={`${id}-table`} title={title} head={table.head} rows={table.rows} hiddenCaption />
      </div>
    </figure>
  );
}

/** Horizontal bars, each labelled with its name and its value. */
export function BarChart(p: ChartProps) {
  const label = labelWidth(p.rows);
  const height = Math.max(1, p.rows.length) * ROW + 8;
  const max = Math.max(1, ...p.rows.map((r) => r.value));
  const x = scaleLinear()
    .domain([0, max])
    .range([0, BARS - 60]);
  const y = scaleBand()
    .domain(p.rows.map((r) => r.label))
    .range([4, height - 4])
    .padding(0.2);
  return (
    <Figure {...p} height={height} width={label + BARS}>
      {p.rows.map((r) => (
        <g key={r.label} class="chart-row">
          <text x={label - 8} y={(y(r.label) ?? 0) + y.bandwidth() / 2} text-anchor="end" dominant-baseline="middle" class="chart-label">
            {r.label}
          </text>
          <rect x={label} y={y(r.label)} width={x(r.value)} height={y.bandwidth()} class="chart-bar" />
          <text x={label + x(r.value) + 6} y={(y(r.label) ?? 0) + y.bandwidth() / 2} dominant-baseline="middle" class="chart-value">
            {r.value}
          </text>
        </g>
      ))}
    </Figure>
  );
}

/** The funnel: bars centred on one axis, narrowing step by step, each with its name and count written beside it. */
export function FunnelChart(p: ChartProps) {
  const label = labelWidth(p.rows);
  const height = Math.max(1, p.rows.length) * ROW + 8;
  const max = Math.max(1, ...p.rows.map((r) => r.value));
  const half = (BARS - 60) / 2;
  const w = scaleLinear()
    .domain([0, max])
    .range([0, 2 * half]);
  const y = scaleBand()
    .domain(p.rows.map((r) => r.label))
    .range([4, height - 4])
    .padding(0.15);
  const centre = label + half;
  return (
    <Figure {...p} height={height} width={label + BARS}>
      {p.rows.map((r) => (
        <g key={r.label} class="chart-row">
          <text x={label - 8} y={(y(r.label) ?? 0) + y.bandwidth() / 2} text-anchor="end" dominant-baseline="middle" class="chart-label">
            {r.label}
          </text>
          <rect x={centre - w(r.value) / 2} y={y(r.label)} width={w(r.value)} height={y.bandwidth()} class="chart-bar chart-bar--funnel" />
          <text x={centre + Math.max(w(r.value) / 2, 0) + 6} y={(y(r.label) ?? 0) + y.bandwidth() / 2} dominant-baseline="middle" class="chart-value">
            {r.value}
          </text>
        </g>
      ))}
    </Figure>
  );
}

/** A line over the years, each point labelled with its value (one series, so no legend is needed). */
export function LineChart(p: ChartProps) {
  const height = 200;
  const max = Math.max(1, ...p.rows.map((r) => r.value));
  const x = scalePoint()
    .domain(p.rows.map((r) => r.label))
    .range([40, WIDTH - 40])
    .padding(0.5);
  const y = scaleLinear()
    .domain([0, max])
    .nice()
    .range([height - 30, 24]);
  const path = line<ChartRow>()
    .x((r) => x(r.label) ?? 0)
    .y((r) => y(r.value))(p.rows);
  return (
    <Figure {...p} height={height}>
      <line x1={20} x2={WIDTH - 20} y1={y(0)} y2={y(0)} class="chart-axis" />
      {path && <path d={path} class="chart-line" />}
      {p.rows.map((r) => (
        <g key={r.label}>
          <circle cx={x(r.label)} cy={y(r.value)} r={5} class="chart-point" />
          <text x={x(r.label)} y={y(r.value) - 10} text-anchor="middle" class="chart-value">
            {r.value}
          </text>
          <text x={x(r.label)} y={height - 10} text-anchor="middle" class="chart-label">
            {r.label}
          </text>
        </g>
      ))}
    </Figure>
  );
}
