// Pure transforms from the usage timeseries API to chart rows. Charts draw exactly what these
// return: every bucket of the range is present (missing ones are zeros), groups beyond the top N are
// folded into "Other", each group keeps its colour from the page's assignment (palette.ts), and
// series keys are synthetic because recharts reads dotted dataKeys ("gpt-4.1") as object paths.
// A row's `day` is its bucket: a UTC day, or an hour's ISO start for short ranges (buckets.ts).
import { OTHER_COLOR, colorOf, seriesColor, type ColorAssignment } from "./palette";

export interface UsagePoint {
  day: string;
  group: string | null;
  calls: number;
  errors: number;
  inputTokens: number;
  outputTokens: number;
  cost: number;
  /** answers served from the response cache and the lookups it missed; absent = 0 */
  cacheHits?: number;
  cacheMisses?: number;
  /** dollars the cache hits saved */
  costSaved?: number;
}

export interface LatencyPoint {
  day: string;
  p50: number | null;
  p95: number | null;
}

export interface ModelLatencyPoint extends LatencyPoint {
  model: string;
}

export type GroupMetric = "calls" | "cost" | "inputTokens" | "outputTokens" | "tokens" | "cacheHits" | "costSaved";

/** The point's value of a metric ("tokens" = input + output). */
export function metricOf(point: UsagePoint, metric: GroupMetric): number {
  if (metric === "tokens") return point.inputTokens + point.outputTokens;
  return point[metric] ?? 0;
}

export interface SeriesDef {
  key: string;
  label: string;
  color: string;
}

export type ChartRow = { day: string } & Record<string, number | string | null>;

export interface StackedSeries {
  rows: ChartRow[];
  series: SeriesDef[];
}

export const OTHER_KEY = "other";
export const OTHER_LABEL = "Other";
export const UNKNOWN_GROUP = "(unknown)";

export function groupName(point: { group: string | null }): string {
  // The API reports "" for calls without a user (e.g. made with a deleted key).
  return point.group || UNKNOWN_GROUP;
}

/** The range's days plus any day the API returned outside it (time-zone edges), sorted. */
export function fillDays(days: readonly string[], points: readonly { day: string }[]): string[] {
  return [...new Set([...days, ...points.map((p) => p.day)])].sort();
}

/** Group names by total of `metric`, largest first; ties broken by name for a stable legend. */
export function rankGroups(points: readonly UsagePoint[], metric: GroupMetric): string[] {
  const totals = new Map<string, number>();
  for (const point of points) totals.set(groupName(point), (totals.get(groupName(point)) ?? 0) + metricOf(point, metric));
  return [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([name]) => name);
}

/**
 * One row per bucket with one column per top-N group (plus "Other"), for a stacked bar chart. Groups
 * with nothing of `metric` in the range get no series. `colors`: the page's assignment (without one,
 * each name's preferred colour).
 */
export function stackByGroup(
  points: readonly UsagePoint[],
  days: readonly string[],
  metric: GroupMetric,
  topN: number,
  colors: ColorAssignment = new Map(),
): StackedSeries {
  const totals = new Map<string, number>();
  for (const point of points) totals.set(groupName(point), (totals.get(groupName(point)) ?? 0) + metricOf(point, metric));
  const ranked = rankGroups(points, metric).filter((name) => (totals.get(name) ?? 0) !== 0);
  const top = ranked.slice(0, topN);
  const hasOther = ranked.length > topN;
  const keyOf = new Map(top.map((name, index) => [name, `s${index}`]));
  const series: SeriesDef[] = top.map((name, index) => ({ key: `s${index}`, label: name, color: colorOf(colors, name) }));
  if (hasOther) series.push({ key: OTHER_KEY, label: OTHER_LABEL, color: OTHER_COLOR });

  const rows = new Map<string, ChartRow>();
  for (const day of fillDays(days, points)) {
    const row: ChartRow = { day };
    for (const s of series) row[s.key] = 0;
    rows.set(day, row);
  }
  for (const point of points) {
    const row = rows.get(point.day);
    if (!row) continue;
    const key = keyOf.get(groupName(point)) ?? (hasOther ? OTHER_KEY : null);
    if (key === null) continue;
    row[key] = (row[key] as number) + metricOf(point, metric);
  }
  return { rows: [...rows.values()], series };
}

/** Sums the points of each day (all groups) into a map, days with no points included as zeros. */
function sumPerDay(points: readonly UsagePoint[], days: readonly string[]): Map<string, Required<Omit<UsagePoint, "day" | "group" | "costSaved">>> {
  const sums = new Map(
    fillDays(days, points).map((day) => [day, { calls: 0, errors: 0, inputTokens: 0, outputTokens: 0, cost: 0, cacheHits: 0, cacheMisses: 0 }]),
  );
  for (const point of points) {
    const sum = sums.get(point.day)!;
    sum.calls += point.calls;
    sum.errors += point.errors;
    sum.inputTokens += point.inputTokens;
    sum.outputTokens += point.outputTokens;
    sum.cost += point.cost;
    sum.cacheHits += point.cacheHits ?? 0;
    sum.cacheMisses += point.cacheMisses ?? 0;
  }
  return sums;
}

export const TOKEN_SERIES: SeriesDef[] = [
  { key: "input", label: "Input tokens", color: seriesColor(0) },
  { key: "output", label: "Output tokens", color: seriesColor(1) },
];

export function tokensPerDay(points: readonly UsagePoint[], days: readonly string[]): StackedSeries {
  const rows = [...sumPerDay(points, days)].map(([day, sum]) => ({ day, input: sum.inputTokens, output: sum.outputTokens }));
  return { rows, series: TOKEN_SERIES };
}

export const ERROR_RATE_SERIES: SeriesDef[] = [{ key: "rate", label: "Error rate", color: "#dc2626" }];

/** Errors / calls per day; null on days without calls so the line shows a gap, not a fake 0%. */
export function errorRatePerDay(points: readonly UsagePoint[], days: readonly string[]): StackedSeries {
  const rows = [...sumPerDay(points, days)].map(([day, sum]) => ({
    day,
    rate: sum.calls === 0 ? null : sum.errors / sum.calls,
  }));
  return { rows, series: ERROR_RATE_SERIES };
}

export const LATENCY_SERIES: SeriesDef[] = [
  { key: "p50", label: "p50", color: seriesColor(0) },
  { key: "p95", label: "p95", color: seriesColor(2) },
];

export function latencyPerDay(latency: readonly LatencyPoint[], days: readonly string[]): StackedSeries {
  const byDay = new Map(latency.map((point) => [point.day, point]));
  const rows = fillDays(days, latency).map((day) => ({
    day,
    p50: byDay.get(day)?.p50 ?? null,
    p95: byDay.get(day)?.p95 ?? null,
  }));
  return { rows, series: LATENCY_SERIES };
}

export const HIT_RATE_SERIES: SeriesDef[] = [{ key: "rate", label: "Hit rate", color: "#059669" }];

/** Cache hits / lookups per bucket; null where the cache was not consulted (a gap, not 0 %). */
export function cacheHitRatePerBucket(points: readonly UsagePoint[], days: readonly string[]): StackedSeries {
  const rows = [...sumPerDay(points, days)].map(([day, sum]) => {
    const lookups = sum.cacheHits + sum.cacheMisses;
    return { day, rate: lookups === 0 ? null : sum.cacheHits / lookups };
  });
  return { rows, series: HIT_RATE_SERIES };
}

/**
 * p95 latency per bucket, one line per model (the top N models by calls, in the page's colours);
 * null where a model had no calls in a bucket.
 */
export function latencyByModel(
  latency: readonly ModelLatencyPoint[],
  days: readonly string[],
  models: readonly string[],
  colors: ColorAssignment = new Map(),
): StackedSeries {
  const series: SeriesDef[] = models.map((model, index) => ({ key: `s${index}`, label: model, color: colorOf(colors, model) }));
  const keyOf = new Map(models.map((model, index) => [model, `s${index}`]));
  const rows = new Map<string, ChartRow>();
  for (const day of fillDays(days, latency)) {
    const row: ChartRow = { day };
    for (const s of series) row[s.key] = null;
    rows.set(day, row);
  }
  for (const point of latency) {
    const key = keyOf.get(point.model);
    const row = rows.get(point.day);
    if (key && row) row[key] = point.p95;
  }
  return { rows: [...rows.values()], series };
}
