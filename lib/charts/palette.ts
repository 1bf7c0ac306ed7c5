// Series colours: the accent first, then hues that stay distinguishable when stacked. "Other"
// is always neutral so it never competes with a named group.
export const SERIES_COLORS = [
  "#4f46e5", // indigo-600 (the console accent)
  "#0d9488", // teal-600
  "#d97706", // amber-600
  "#db2777", // pink-600
  "#0284c7", // sky-600
  "#7c3aed", // violet-600
  "#65a30d", // lime-600
  "#dc2626", // red-600
] as const;

export const OTHER_COLOR = "#94a3b8"; // slate-400

export function seriesColor(index: number): string {
  return SERIES_COLORS[index % SERIES_COLORS.length];
}
