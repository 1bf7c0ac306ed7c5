// Everything the dashboard draws, derived in one pure step from the timeseries response so the
// page component only chooses which prepared block goes into which chart.
import { formatCompact, formatCurrency, formatNumber, formatPercent } from "./format";
import {
  errorRatePerDay,
  latencyPerDay,
  stackByGroup,
  tokensPerDay,
  type LatencyPoint,
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
}

export interface TimeseriesInput {
  series: UsagePoint[];
  latency: LatencyPoint[];
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
  calls: StackedSeries;
  cost: StackedSeries;
  tokens: StackedSeries;
  latency: StackedSeries;
  errorRate: StackedSeries;
}

export const DEFAULT_TOP_GROUPS = 6;

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
      detail: totals.refused ? `${formatNumber(totals.errors)} errors, ${formatNumber(totals.refused)} of them refused` : `${formatNumber(totals.errors)} errors`,
    },
  ];
}

export function prepareDashboard(
  data: TimeseriesInput,
  days: readonly string[],
  topGroups = DEFAULT_TOP_GROUPS,
): DashboardCharts {
  return {
    isEmpty: data.totals.calls === 0 && data.series.every((point) => point.calls === 0),
    kpis: prepareKpis(data.totals),
    calls: stackByGroup(data.series, days, "calls", topGroups),
    cost: stackByGroup(data.series, days, "cost", topGroups),
    tokens: tokensPerDay(data.series, days),
    latency: latencyPerDay(data.latency, days),
    errorRate: errorRatePerDay(data.series, days),
  };
}
