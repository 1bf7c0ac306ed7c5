// How each metric's thresholds and values read, in alert messages and in the console alike.
// Pure: imported by server code and by client components.
import { formatCurrency, formatDuration, formatNumber, formatPercent } from "../charts/format";
import type { AlertMetric, AlertScope } from "./alert-kinds";

export const METRIC_LABELS: Record<AlertMetric, string> = {
  quota_usage: "Quota usage",
  spend: "Spend",
  error_rate: "Error rate",
  latency_p95: "p95 latency",
};

export const SCOPE_LABELS: Record<AlertScope, string> = { key: "Key", user: "User", team: "Team", org: "Organization" };

/** The unit a person types thresholds in: percentages for fractions, dollars, milliseconds. */
export const THRESHOLD_UNITS: Record<AlertMetric, { suffix: string; toApi: (typed: number) => number; fromApi: (value: number) => number }> = {
  quota_usage: { suffix: "%", toApi: (typed) => typed / 100, fromApi: (value) => round(value * 100) },
  error_rate: { suffix: "%", toApi: (typed) => typed / 100, fromApi: (value) => round(value * 100) },
  spend: { suffix: "$", toApi: (typed) => typed, fromApi: (value) => value },
  latency_p95: { suffix: "ms", toApi: (typed) => typed, fromApi: (value) => value },
};

/** 0.1 * 100 is 10.000000000000002 in floating point; thresholds are shown to 4 decimals at most. */
function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

export function formatMetricValue(metric: AlertMetric, value: number): string {
  switch (metric) {
    case "quota_usage":
    case "error_rate":
      return formatPercent(value);
    case "spend":
      return formatCurrency(value);
    case "latency_p95":
      return value < 1000 ? `${formatNumber(value)} ms` : formatDuration(value);
  }
}

export function formatThresholds(metric: AlertMetric, thresholds: number[]): string {
  return thresholds.map((threshold) => formatMetricValue(metric, threshold)).join(", ");
}

/** "key “ci”", "team “Research”", "the organization". */
export function describeScope(scope: AlertScope, scopeName: string | null, scopeId: string): string {
  if (scope === "org") return "the organization";
  return `${scope} “${scopeName ?? scopeId}”`;
}
