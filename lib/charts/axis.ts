// Y-axis domains that fit the data. A ratio axis (error rate, hit rate) never runs past 100 %, and
// with no errors it does not stretch a flat zero line over a made-up 0–400 % scale (recharts'
// "auto" domain for all-zero data): the top is the smallest "nice" ceiling at or above the largest
// value, with ticks at round percentages.
import type { ChartRow } from "./series";

export interface AxisScale {
  domain: [number, number];
  ticks: number[];
}

// Ceilings and their tick steps: 5 %, 10 %, 20 %, 50 %, 100 %.
const RATIO_SCALES: readonly { top: number; step: number }[] = [
  { top: 0.05, step: 0.01 },
  { top: 0.1, step: 0.02 },
  { top: 0.2, step: 0.05 },
  { top: 0.5, step: 0.1 },
  { top: 1, step: 0.25 },
];

/** The largest finite number among `keys` in `rows` (0 when there is none). */
export function maxValue(rows: readonly ChartRow[], keys: readonly string[]): number {
  let max = 0;
  for (const row of rows) {
    for (const key of keys) {
      const value = row[key];
      if (typeof value === "number" && Number.isFinite(value) && value > max) max = value;
    }
  }
  return max;
}

/** A 0..1 axis fitted to the data: 0–5 % when everything is at or near zero, at most 0–100 %. */
export function ratioScale(rows: readonly ChartRow[], keys: readonly string[]): AxisScale {
  const max = Math.min(1, maxValue(rows, keys));
  const scale = RATIO_SCALES.find((candidate) => max <= candidate.top) ?? RATIO_SCALES[RATIO_SCALES.length - 1];
  const ticks: number[] = [];
  // Rounded so 0.30000000000000004 is 0.3 (the tick labels and the tests compare them).
  for (let tick = 0; tick <= scale.top + 1e-9; tick += scale.step) ticks.push(Math.round(tick * 1e6) / 1e6);
  return { domain: [0, scale.top], ticks };
}

/** Percent tick labels without noise: "0%", "2%", "25%", "100%". */
export function formatPercentTick(ratio: number): string {
  return `${Math.round(ratio * 1000) / 10}%`;
}
