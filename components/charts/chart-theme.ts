// Axis/grid/tooltip styling shared by every chart, so they read as one family. Colours are the
// palette's CSS variables, not hex values, so charts follow the dark scheme with the rest of the
// console (app/globals.css); the series colours (lib/charts/palette.ts) are the same in both.
import type { CSSProperties } from "react";
import type { LegendPayload } from "recharts";
import type { SeriesDef } from "@/lib/charts/series";

export const AXIS_TICK = { fontSize: 11, fill: "var(--color-slate-500)" } as const;
export const GRID_STROKE = "var(--color-slate-200)";
/** The hover band behind a bar group. */
export const CURSOR_FILL = "var(--color-slate-100)";
/** Inside of a line's points: the card colour, so a point reads as a ring in both schemes. */
export const DOT_FILL = "var(--color-white)";
export const CHART_STYLE: CSSProperties = { width: "100%", height: "100%" };
export const CHART_MARGIN = { top: 4, right: 12, bottom: 0, left: 4 } as const;
export const TOOLTIP_CONTENT_STYLE: CSSProperties = {
  fontSize: 12,
  borderRadius: 6,
  borderColor: "var(--color-slate-200)",
  backgroundColor: "var(--color-white)",
  color: "var(--color-slate-900)",
  boxShadow: "0 4px 12px rgb(15 23 42 / 0.08)",
};
export const LEGEND_STYLE: CSSProperties = { fontSize: 12, paddingTop: 4 };

/** Legend in the prepared series order (largest group first), not recharts' default alphabetical one. */
export function legendOrder(series: SeriesDef[]): (item: LegendPayload) => number {
  return (item) => series.findIndex((s) => s.key === item.dataKey);
}
