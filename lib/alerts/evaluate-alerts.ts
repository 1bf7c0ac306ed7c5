// One evaluation pass: every enabled rule is measured, each newly crossed threshold becomes an alert
// event (once per period, across replicas) and is delivered to the rule's channels. Rules are
// measured one after another to keep the database load flat; deliveries run concurrently and the
// pass resolves when they have all finished (or given up).
import { env } from "../env";
import { logger } from "../logger";
import { deliverAlertEvent, type ChannelOutcome } from "./delivery/deliver-alert-event";
import type { RetryPolicy } from "./delivery/retry-policy";
import { fireAlertEvents, type AlertEventRow } from "./fire-alert-event";
import { enabledAlertRules } from "./rule-cache";
import { ruleCrossings } from "./rule-crossings";
import { scopeKey, scopeNames } from "./rule-scope";

export interface EvaluateAlertsOptions {
  now?: Date;
  /** only these rules (tests; a caller that knows which scope just changed) */
  ruleIds?: readonly string[];
  /** error_rate / latency_p95 need this many calls in the window (default ALERT_MIN_CALLS) */
  minCalls?: number;
  retryPolicy?: Partial<RetryPolicy>;
}

export interface FiredAlert {
  event: AlertEventRow;
  channels: ChannelOutcome[];
}

export interface EvaluationResult {
  evaluated: number;
  fired: FiredAlert[];
  /** rules whose measurement failed (logged; the others were still evaluated) */
  failedRules: number;
}

export async function evaluateAlerts(options: EvaluateAlertsOptions = {}): Promise<EvaluationResult> {
  const now = options.now ?? new Date();
  const minCalls = options.minCalls ?? env().ALERT_MIN_CALLS;
  const all = await enabledAlertRules();
  const rules = options.ruleIds ? all.filter((rule) => options.ruleIds!.includes(rule.id)) : all;
  if (rules.length === 0) return { evaluated: 0, fired: [], failedRules: 0 };
  const names = await scopeNames(rules);

  const deliveries: Promise<FiredAlert>[] = [];
  let failedRules = 0;
  for (const rule of rules) {
    const scopeName = names.get(scopeKey(rule.scope, rule.scopeId)) ?? null;
    try {
      const crossings = await ruleCrossings(rule, { now, minCalls, scopeName });
      const events = await fireAlertEvents(rule, crossings);
      for (const event of events) {
        logger().info({ alertEventId: event.id, ruleId: rule.id, threshold: event.threshold, periodKey: event.periodKey, value: event.value }, "alert fired");
        deliveries.push(
          deliverAlertEvent({ event, rule, scopeName, policy: options.retryPolicy }).then(
            (channels) => ({ event, channels }),
            (error: unknown) => {
              logger().error({ err: error, alertEventId: event.id }, "alert delivery failed");
              return { event, channels: [] };
            },
          ),
        );
      }
    } catch (error) {
      failedRules++;
      logger().error({ err: error, ruleId: rule.id }, "alert rule evaluation failed");
    }
  }
  return { evaluated: rules.length, fired: await Promise.all(deliveries), failedRules };
}
