// Axis/grid/tooltip styling shared by every chart, so they read as one family.
import type { CSSProperties } from "react";
import type { LegendPayload } from "recharts";
import type { SeriesDef } from "@/lib/charts/series";

export const AXIS_TICK = { fontSize: 11, fill: "#64748b" } as const; // slate-500
export const GRID_STROKE = "#e2e8f0"; // slate-200
export const CHART_STYLE: CSSProperties = { width: "100%", height: "100%" };
export const CHART_MARGIN = { top: 4, right: 12, bottom: 0, left: 4 } as const;
export const TOOLTIP_CONTENT_STYLE: CSSProperties = {
  fontSize: 12,
  borderRadius: 6,
  borderColor: "#e2e8f0",
  boxShadow: "0 4px 12px rgb(15 23 42 / 0.08)",
};
export const LEGEND_STYLE: CSSProperties = { fontSize: 12, paddingTop: 4 };

/** Legend in the prepared series order (largest group first), not recharts' default alphabetical one. */
export function legendOrder(series: SeriesDef[]): (item: LegendPayload) => number {
  return (item) => series.findIndex((s) => s.key === item.dataKey);
}
