"use client";
// Draws prepared rows (lib/charts) as stacked daily bars. It decides nothing: series, colours,
// order and formatting all come in as props.
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { formatDayLabel } from "@/lib/charts/format";
import type { ChartRow, SeriesDef } from "@/lib/charts/series";
import { AXIS_TICK, legendOrder, CHART_MARGIN, CHART_STYLE, GRID_STROKE, LEGEND_STYLE, TOOLTIP_CONTENT_STYLE } from "./chart-theme";

export function StackedBarChart({
  rows,
  series,
  formatValue,
  formatAxis,
}: {
  rows: ChartRow[];
  series: SeriesDef[];
  formatValue: (value: number) => string;
  formatAxis: (value: number) => string;
}) {
  return (
    <BarChart responsive data={rows} style={CHART_STYLE} margin={CHART_MARGIN}>
      <CartesianGrid vertical={false} stroke={GRID_STROKE} />
      <XAxis dataKey="day" tickFormatter={formatDayLabel} tick={AXIS_TICK} tickLine={false} axisLine={false} minTickGap={12} />
      <YAxis tickFormatter={formatAxis} tick={AXIS_TICK} tickLine={false} axisLine={false} width={64} allowDecimals />
      <Tooltip
        cursor={{ fill: "#f1f5f9" }}
        contentStyle={TOOLTIP_CONTENT_STYLE}
        labelFormatter={(label) => formatDayLabel(String(label))}
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
