// The checks that need several fields of a rule at once: what a threshold means depends on the
// metric, and only windowed metrics have a window. Shared by the create schema (superRefine) and the
// update mutation, which runs them on the rule as it will be after the patch.
import type { AlertMetric, AlertScope } from "./alert-kinds";

export interface RuleShapeIssue {
  path: (string | number)[];
  message: string;
}

/** Every threshold is above 0; its maximum and unit depend on the metric. */
const THRESHOLD_RANGES: Record<AlertMetric, { max: number; describe: string }> = {
  quota_usage: { max: 10, describe: "a fraction of the quota in (0, 10], e.g. 0.8 for 80%" },
  spend: { max: 1_000_000_000, describe: "dollars, greater than 0" },
  error_rate: { max: 1, describe: "a fraction in (0, 1], e.g. 0.05 for 5%" },
  latency_p95: { max: 3_600_000, describe: "milliseconds, greater than 0 and at most 3,600,000" },
};

export function ruleShapeIssues(rule: {
  scope: AlertScope;
  scopeId?: string | null;
  metric: AlertMetric;
  thresholds: number[];
  window?: string | null;
}): RuleShapeIssue[] {
  const issues: RuleShapeIssue[] = [];
  if (rule.scope !== "org" && !rule.scopeId) {
    issues.push({ path: ["scopeId"], message: `scopeId is required for scope "${rule.scope}"` });
  }
  const range = THRESHOLD_RANGES[rule.metric];
  rule.thresholds.forEach((threshold, index) => {
    if (!Number.isFinite(threshold) || threshold <= 0 || threshold > range.max) {
      issues.push({ path: ["thresholds", index], message: `A ${rule.metric} threshold is ${range.describe}` });
    }
  });
  if (rule.metric === "quota_usage" && rule.window) {
    issues.push({ path: ["window"], message: "quota_usage rules have no window: they follow the quota's own period" });
  }
  return issues;
}
