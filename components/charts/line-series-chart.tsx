"use client";
// Draws prepared rows (lib/charts) as daily lines. Null values are gaps (days without calls), not
// zeros, so the line is never drawn through data that does not exist.
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import type { AxisScale } from "@/lib/charts/axis";
import { formatDayLabel } from "@/lib/charts/format";
import type { ChartRow, SeriesDef } from "@/lib/charts/series";
import { AXIS_TICK, DOT_FILL, legendOrder, CHART_MARGIN, CHART_STYLE, GRID_STROKE, LEGEND_STYLE, TOOLTIP_CONTENT_STYLE } from "./chart-theme";

export function LineSeriesChart({
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
    <LineChart responsive data={rows} style={CHART_STYLE} margin={CHART_MARGIN}>
      <CartesianGrid vertical={false} stroke={GRID_STROKE} />
      {/* Padded so a point on the first or last day is not drawn half over the plot's edge. */}
      <XAxis dataKey="day" tickFormatter={formatLabel} tick={AXIS_TICK} tickLine={false} axisLine={false} minTickGap={12} padding={{ left: 12, right: 12 }} />
      <YAxis tickFormatter={formatAxis} tick={AXIS_TICK} tickLine={false} axisLine={false} width={64} domain={yScale?.domain ?? [0, "auto"]} ticks={yScale?.ticks} allowDataOverflow={yScale !== undefined} />
      <Tooltip
        contentStyle={TOOLTIP_CONTENT_STYLE}
        labelFormatter={(label) => formatTitle(String(label))}
        formatter={(value) => formatValue(Number(value))}
      />
      {series.length > 1 && <Legend iconType="circle" iconSize={8} wrapperStyle={LEGEND_STYLE} itemSorter={legendOrder(series)} />}
      {series.map((s) => (
        <Line
          key={s.key}
          dataKey={s.key}
          name={s.label}
          stroke={s.color}
          strokeWidth={2}
          dot={{ r: 2.5, fill: DOT_FILL }}
          activeDot={{ r: 4, stroke: DOT_FILL }}
          type="monotone"
          connectNulls={false}
          isAnimationActive={false}
        />
      ))}
    </LineChart>
  );
}
