import { Html, jsx } from '../../../core/web/jsx';

export interface Bar {
  label: string;
  /** The published count; null when withheld. */
  value: number | null;
}

export interface BarChartProps {
  /** Unique on the page: the chart's title and description are found by it. */
  id: string;
  title: string;
  desc: string;
  bars: readonly Bar[];
  /** What a withheld bar says in place of its number. */
  withheld: string;
}

const WIDTH = 640;
const LABEL_WIDTH = 230;
const VALUE_WIDTH = 80;
const ROW = 26;
const TOP = 8;
const LABEL_CHARACTERS = 32;

function shortened(label: string): string {
  return label.length > LABEL_CHARACTERS ? `${label.slice(0, LABEL_CHARACTERS - 1)}…` : label;
}

/**
 * A horizontal bar chart drawn by the server as SVG: one bar a category, its number at its end. A
 * withheld count is drawn as no bar, with a dashed mark and the word for withheld, never a number. The
 * table beside it is its accessible version; the chart itself carries a title and a description.
 */
export function BarChart(props: BarChartProps): Html {
  const plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const largest = Math.max(1, ...props.bars.map((bar) => bar.value ?? 0));
  const height = TOP * 2 + props.bars.length * ROW;
  return (
    <svg
      class="chart"
      xmlns="http://www.w3.org/2000/svg"
      viewBox={`0 0 ${WIDTH} ${height}`}
      width={WIDTH}
      height={height}
      role="img"
      aria-labelledby={`${props.id}-title ${props.id}-desc`}
    >
      <title id={`${props.id}-title`}>{props.title}</title>
      <desc id={`${props.id}-desc`}>{props.desc}</desc>
      {props.bars.map((bar, index) => {
        const y = TOP + index * ROW;
        const middle = y + ROW / 2;
        const length = bar.value === null ? 0 : Math.round((plot * Math.max(0, bar.value)) / largest);
        return (
          <g class={bar.value === null ? 'withheld' : undefined}>
            <text x={LABEL_WIDTH - 8} y={middle} text-anchor="end" dominant-baseline="middle">
              {shortened(bar.label)}
            </text>
            {bar.value === null ? (
              <line class="withheld-mark" x1={LABEL_WIDTH} y1={middle} x2={LABEL_WIDTH + 40} y2={middle} />
            ) : (
              <rect class="bar" x={LABEL_WIDTH} y={y + 4} width={length} height={ROW - 8} />
            )}
            <text x={LABEL_WIDTH + (bar.value === null ? 48 : length + 6)} y={middle} dominant-baseline="middle">
              {bar.value === null ? props.withheld : String(bar.value)}
            </text>
          </g>
        );
      })}
      <line class="axis" x1={LABEL_WIDTH} y1={TOP} x2={LABEL_WIDTH} y2={height - TOP} />
    </svg>
  );
}
