// Which thresholds of a rule are crossed right now, each with the period it counts against: the
// quota's period (quota_usage) or the current window bucket (the other metrics). A crossing becomes
// an alert only if no alert exists yet for its (rule, threshold, period) — see fire-alert-event.ts.
import { describeScope, formatMetricValue, METRIC_LABELS } from "./metric-format";
import { describeQuotaUse, measureQuotaUsage } from "./quota-usage";
import type { AlertRuleRow } from "./rule-queries";
import type { AlertMetric, AlertScope, AlertWindow } from "./alert-kinds";
import { env } from "../env";
import { resetPhrase } from "../quotas/reset-text";
import { measureWindow, type WindowMetric } from "./window-metrics";
import { windowBucket, windowPeriodKey } from "./windows";

export interface Crossing {
  threshold: number;
  periodKey: string;
  value: number;
  message: string;
}

export interface CrossingContext {
  now: Date;
  /** error_rate / latency_p95 stay silent below this many calls in the bucket */
  minCalls: number;
  scopeName: string | null;
}

function crossed(thresholds: number[], value: number): number[] {
  return thresholds.filter((threshold) => value >= threshold);
}

export async function ruleCrossings(rule: AlertRuleRow, context: CrossingContext): Promise<Crossing[]> {
  const metric = rule.metric as AlertMetric;
  const scope = rule.scope as AlertScope;
  const thresholds = JSON.parse(rule.thresholds) as number[];
  const subject = describeScope(scope, context.scopeName, rule.scopeId);

  if (metric === "quota_usage") {
    const usage = await measureQuotaUsage(rule.orgId, scope, rule.scopeId);
    if (!usage) return [];
    const { limit, ratio } = usage;
    return crossed(thresholds, ratio).map((threshold) => ({
      threshold,
      periodKey: limit.periodKey,
      value: ratio,
      message:
        `Quota usage of ${subject} reached ${formatMetricValue(metric, ratio)} of its ${limit.period} ${limit.kind} limit ` +
        `(${describeQuotaUse(limit)}; alert threshold ${formatMetricValue(metric, threshold)})` +
        (limit.resetsAt ? `. It resets ${resetPhrase(new Date(limit.resetsAt), context.now.getTime(), env().TOLLGATE_TIME_ZONE)}.` : "."),
    }));
  }

  const window = (rule.window ?? "1h") as AlertWindow;
  const bucket = windowBucket(window, context.now);
  const measured = await measureWindow({ orgId: rule.orgId, scope, scopeId: rule.scopeId, metric: metric as WindowMetric, window, from: bucket.start, to: context.now });
  if (measured.value === null) return [];
  // A rate or a percentile over a handful of calls is noise, not an incident.
  if (metric !== "spend" && measured.calls < context.minCalls) return [];
  const value = measured.value;
  const over = metric === "error_rate" ? ` (${measured.errors} of ${measured.calls} calls failed)` : ` over ${measured.calls} calls`;
  return crossed(thresholds, value).map((threshold) => ({
    threshold,
    periodKey: windowPeriodKey(window, bucket.start),
    value,
    message:
      `${METRIC_LABELS[metric]} of ${subject} is ${formatMetricValue(metric, value)}${over} in the ${window} window ` +
      `that started ${bucket.start.toISOString()} (alert threshold ${formatMetricValue(metric, threshold)}).`,
  }));
}
