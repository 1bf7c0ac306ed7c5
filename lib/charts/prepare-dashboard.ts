// Everything the dashboard draws, derived in one pure step from the timeseries response so the
// page component only chooses which prepared block goes into which chart. One colour assignment
// (palette.ts) serves every chart, so a model has the same colour in each.
import { ratioScale, type AxisScale } from "./axis";
import { formatCompact, formatCurrency, formatNumber, formatPercent } from "./format";
import { assignColors, type ColorAssignment } from "./palette";
import {
  cacheHitRatePerBucket,
  errorRatePerDay,
  groupName,
  latencyByModel,
  latencyPerDay,
  rankGroups,
  stackByGroup,
  type LatencyPoint,
  type ModelLatencyPoint,
  type StackedSeries,
  type UsagePoint,
} from "./series";

export interface TimeseriesTotals {
  calls: number;
  errors: number;
  errorRate: number | null;
  inputTokens: number;
  outputTokens: number;
  cost: number;
  /** calls the gateway refused (quota, rate limit, model access): part of calls and errors */
  refused?: number;
  /** 401s over the range (no key to charge them to: not in calls); null or absent for developers */
  unauthenticated?: number | null;
  /** dollars the response cache's answers saved */
  costSaved?: number;
}

export interface TimeseriesInput {
  series: UsagePoint[];
  latency: LatencyPoint[];
  /** per model; absent in older answers */
  modelLatency?: ModelLatencyPoint[];
  ttft?: LatencyPoint[];
  totals: TimeseriesTotals;
}

export interface Kpi {
  id: "calls" | "tokens" | "cost" | "error-rate";
  label: string;
  value: string;
  detail: string;
}

export interface DashboardCharts {
  isEmpty: boolean;
  kpis: Kpi[];
  /** name (model or user) -> colour, shared by every chart below */
  colors: ColorAssignment;
  calls: StackedSeries;
  cost: StackedSeries;
  /** input + output tokens, stacked by group */
  tokens: StackedSeries;
  /** p95 per model (model colours) */
  latency: StackedSeries;
  /** p50 and p95 of time to first token, every model together */
  ttft: StackedSeries;
  errorRate: StackedSeries & { scale: AxisScale };
  /** cache hits stacked by group, and the hit rate per bucket */
  cacheHits: StackedSeries;
  cacheHitRate: StackedSeries & { scale: AxisScale };
  costSaved: StackedSeries;
  hasCacheLookups: boolean;
  /** the range's cache figures: dollars saved, and hits / lookups (null without lookups) */
  cache: { costSaved: number; hitRate: number | null };
}

export const DEFAULT_TOP_GROUPS = 6;

/** "1 error", "5 errors": a KPI's detail line reads as a sentence. */
function errorCount(errors: number): string {
  return `${formatNumber(errors)} ${errors === 1 ? "error" : "errors"}`;
}

export function prepareKpis(totals: TimeseriesTotals): Kpi[] {
  const tokens = totals.inputTokens + totals.outputTokens;
  // The API's rate is authoritative; recompute only if it is absent.
  const errorRate = totals.errorRate ?? (totals.calls === 0 ? null : totals.errors / totals.calls);
  return [
    {
      id: "calls",
      label: "Calls",
      value: formatNumber(totals.calls),
      detail: totals.unauthenticated ? `${formatNumber(totals.errors)} failed · ${formatNumber(totals.unauthenticated)} without a valid key` : `${formatNumber(totals.errors)} failed`,
    },
    {
      id: "tokens",
      label: "Tokens",
      value: formatCompact(tokens),
      detail: `${formatCompact(totals.inputTokens)} in · ${formatCompact(totals.outputTokens)} out`,
    },
    {
      id: "cost",
      label: "Cost",
      value: formatCurrency(totals.cost),
      detail: totals.calls === 0 ? "no calls" : `${formatCurrency(totals.cost / totals.calls)} per call`,
    },
    {
      id: "error-rate",
      label: "Error rate",
      value: formatPercent(errorRate),
      // Refusals are errors here (and in the error-rate alerts): docs/quotas-and-rate-limits.md.
      detail: totals.refused ? `${errorCount(totals.errors)}, ${formatNumber(totals.refused)} refused` : errorCount(totals.errors),
    },
  ];
}

/**
 * `days`: the range's buckets (buckets.ts), days or hours. `latencyByModel` says whether the latency
 * chart has one line per model (grouped by model) or the p50/p95 of all calls (grouped by user,
 * where model colours would mean nothing next to the user-coloured charts).
 */
export function prepareDashboard(
  data: TimeseriesInput,
  days: readonly string[],
  topGroups = DEFAULT_TOP_GROUPS,
  options: { latencyByModel?: boolean } = { latencyByModel: true },
): DashboardCharts {
  const modelLatency = data.modelLatency ?? [];
  const colors = assignColors([...data.series.map(groupName), ...modelLatency.map((point) => point.model)]);
  const errorRate = errorRatePerDay(data.series, days);
  const cacheHitRate = cacheHitRatePerBucket(data.series, days);
  let hits = 0;
  let lookups = 0;
  for (const point of data.series) {
    hits += point.cacheHits ?? 0;
    lookups += (point.cacheHits ?? 0) + (point.cacheMisses ?? 0);
  }
  const latency =
    options.latencyByModel && modelLatency.length > 0
      ? latencyByModel(modelLatency, days, rankGroups(data.series, "calls").slice(0, topGroups), colors)
      : latencyPerDay(data.latency, days);
  return {
    isEmpty: data.totals.calls === 0 && data.series.every((point) => point.calls === 0),
    kpis: prepareKpis(data.totals),
    colors,
    calls: stackByGroup(data.series, days, "calls", topGroups, colors),
    cost: stackByGroup(data.series, days, "cost", topGroups, colors),
    tokens: stackByGroup(data.series, days, "tokens", topGroups, colors),
    latency,
    ttft: latencyPerDay(data.ttft ?? [], days),
    errorRate: { ...errorRate, scale: ratioScale(errorRate.rows, ["rate"]) },
    cacheHits: stackByGroup(data.series, days, "cacheHits", topGroups, colors),
    cacheHitRate: { ...cacheHitRate, scale: ratioScale(cacheHitRate.rows, ["rate"]) },
    costSaved: stackByGroup(data.series, days, "costSaved", topGroups, colors),
    hasCacheLookups: lookups > 0,
    cache: { costSaved: data.totals.costSaved ?? 0, hitRate: lookups === 0 ? null : hits / lookups },
  };
}
