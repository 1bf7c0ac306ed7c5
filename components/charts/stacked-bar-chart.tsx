"use client";
// Draws prepared rows (lib/charts) as stacked daily bars. It decides nothing: series, colours,
// order and formatting all come in as props.
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import type { AxisScale } from "@/lib/charts/axis";
import { formatDayLabel } from "@/lib/charts/format";
import type { ChartRow, SeriesDef } from "@/lib/charts/series";
import { AXIS_TICK, CURSOR_FILL, legendOrder, CHART_MARGIN, CHART_STYLE, GRID_STROKE, LEGEND_STYLE, TOOLTIP_CONTENT_STYLE } from "./chart-theme";

export function StackedBarChart({
  rows,
  series,
  formatValue,
  formatAxis,
  formatLabel = formatDayLabel,
  formatTitle = formatLabel,
  yScale,
}: {
  rows: ChartRow[];
  series: SeriesDef[];
  formatValue: (value: number) => string;
  formatAxis: (value: number) => string;
  /** x-axis label of a bucket (days by default; lib/charts/buckets.ts for hours) */
  formatLabel?: (bucket: string) => string;
  /** tooltip title of a bucket */
  formatTitle?: (bucket: string) => string;
  /** a fixed domain and ticks (lib/charts/axis.ts), e.g. for ratios */
  yScale?: AxisScale;
}) {
  return (
    <BarChart responsive data={rows} style={CHART_STYLE} margin={CHART_MARGIN}>
      <CartesianGrid vertical={false} stroke={GRID_STROKE} />
      <XAxis dataKey="day" tickFormatter={formatLabel} tick={AXIS_TICK} tickLine={false} axisLine={false} minTickGap={12} />
      <YAxis tickFormatter={formatAxis} tick={AXIS_TICK} tickLine={false} axisLine={false} width={64} allowDecimals domain={yScale?.domain} ticks={yScale?.ticks} />
      <Tooltip
        cursor={{ fill: CURSOR_FILL }}
        contentStyle={TOOLTIP_CONTENT_STYLE}
        labelFormatter={(label) => formatTitle(String(label))}
        formatter={(value) => formatValue(Number(value))}
      />
      {series.length > 1 && <Legend iconType="circle" iconSize={8} wrapperStyle={LEGEND_STYLE} itemSorter={legendOrder(series)} />}
      {series.map((s, index) => (
        <Bar
          key={s.key}
          dataKey={s.key}
          name={s.label}
          stackId="total"
          fill={s.color}
          isAnimationActive={false}
          // Round only the top of the stack.
          radius={index === series.length - 1 ? [3, 3, 0, 0] : 0}
          maxBarSize={48}
        />
      ))}
    </BarChart>
  );
}
