// The cache's charts and figures, prepared from GET /api/admin/cache/stats in one pure step (the
// Cache page and the dashboard draw what this returns): every day of the range present, the hit rate
// a gap (not 0 %) on days without lookups, cost saved in dollars, byte sizes readable.
import { formatCompact, formatCurrency, formatNumber, formatPercent } from "./format";
import { fillDays, type ChartRow, type SeriesDef } from "./series";
import { seriesColor } from "./palette";

export interface CacheDayStats {
  day: string;
  hits: number;
  semanticHits: number;
  misses: number;
  tokensSaved: number;
  costSaved: number;
}

export interface CacheStatsInput {
  hits: number;
  semanticHits: number;
  misses: number;
  hitRate: number;
  tokensSaved: number;
  costSaved: number;
  entries: number;
  bytes: number;
  byDay: CacheDayStats[];
}

export interface CacheFigure {
  id: "hit-rate" | "cost-saved" | "tokens-saved" | "entries";
  label: string;
  value: string;
  detail: string;
}

export interface CacheCharts {
  isEmpty: boolean;
  figures: CacheFigure[];
  hitRate: { rows: ChartRow[]; series: SeriesDef[] };
  costSaved: { rows: ChartRow[]; series: SeriesDef[] };
}

export const HIT_RATE_SERIES: SeriesDef[] = [
  { key: "rate", label: "Hit rate", color: seriesColor(0) },
  { key: "semanticRate", label: "Semantic hits", color: seriesColor(1) },
];
export const COST_SAVED_SERIES: SeriesDef[] = [{ key: "saved", label: "Cost saved", color: seriesColor(1) }];

const UNITS = ["B", "KB", "MB", "GB", "TB"];

/** 1536 → "1.5 KB" (powers of 1024). */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 1 : 0)} ${UNITS[unit]}`;
}

function sumDays(points: readonly CacheDayStats[], days: readonly string[]): Map<string, CacheDayStats> {
  const sums = new Map(fillDays(days, points).map((day) => [day, { day, hits: 0, semanticHits: 0, misses: 0, tokensSaved: 0, costSaved: 0 }]));
  for (const point of points) {
    const sum = sums.get(point.day)!;
    sum.hits += point.hits;
    sum.semanticHits += point.semanticHits;
    sum.misses += point.misses;
    sum.tokensSaved += point.tokensSaved;
    sum.costSaved += point.costSaved;
  }
  return sums;
}

/** Hits (exact and semantic) / lookups per day, and the semantic share; null on days without lookups. */
export function hitRatePerDay(points: readonly CacheDayStats[], days: readonly string[]): { rows: ChartRow[]; series: SeriesDef[] } {
  const rows = [...sumDays(points, days).values()].map((sum) => {
    const lookups = sum.hits + sum.semanticHits + sum.misses;
    return {
      day: sum.day,
      rate: lookups === 0 ? null : (sum.hits + sum.semanticHits) / lookups,
      semanticRate: lookups === 0 ? null : sum.semanticHits / lookups,
    };
  });
  const hasSemantic = points.some((point) => point.semanticHits > 0);
  return { rows, series: hasSemantic ? HIT_RATE_SERIES : HIT_RATE_SERIES.slice(0, 1) };
}

export function costSavedPerDay(points: readonly CacheDayStats[], days: readonly string[]): { rows: ChartRow[]; series: SeriesDef[] } {
  const rows = [...sumDays(points, days).values()].map((sum) => ({ day: sum.day, saved: sum.costSaved }));
  return { rows, series: COST_SAVED_SERIES };
}

export function cacheFigures(stats: CacheStatsInput): CacheFigure[] {
  const lookups = stats.hits + stats.semanticHits + stats.misses;
  const answered = stats.hits + stats.semanticHits;
  return [
    {
      id: "hit-rate",
      label: "Hit rate",
      value: formatPercent(lookups === 0 ? null : stats.hitRate),
      detail: `${formatNumber(answered)} of ${formatNumber(lookups)} lookups${stats.semanticHits > 0 ? ` · ${formatNumber(stats.semanticHits)} semantic` : ""}`,
    },
    {
      id: "cost-saved",
      label: "Cost saved",
      value: formatCurrency(stats.costSaved),
      detail: answered === 0 ? "no hits yet" : `${formatCurrency(stats.costSaved / answered)} per hit`,
    },
    { id: "tokens-saved", label: "Tokens saved", value: formatCompact(stats.tokensSaved), detail: "not sent upstream" },
    { id: "entries", label: "Entries", value: formatNumber(stats.entries), detail: formatBytes(stats.bytes) },
  ];
}

export function prepareCacheStats(stats: CacheStatsInput, days: readonly string[]): CacheCharts {
  return {
    isEmpty: stats.hits + stats.semanticHits + stats.misses === 0 && stats.entries === 0,
    figures: cacheFigures(stats),
    hitRate: hitRatePerDay(stats.byDay, days),
    costSaved: costSavedPerDay(stats.byDay, days),
  };
}
