// What every channel is told about an alert. Webhooks get it as JSON; Slack and e-mail get text
// made from it.
import type { AlertEventRow } from "../fire-alert-event";
import type { AlertRuleRow } from "../rule-queries";

export interface AlertPayload {
  /** the AlertEvent id: the same across retries, so receivers can drop duplicates */
  id: string;
  type: "alert.fired" | "alert.test";
  test: boolean;
  createdAt: string;
  rule: { id: string; name: string; metric: string; scope: string; scopeId: string; scopeName: string | null; window: string | null };
  threshold: number;
  value: number;
  periodKey: string;
  message: string;
}

export function buildAlertPayload(event: AlertEventRow, rule: AlertRuleRow, scopeName: string | null): AlertPayload {
  return {
    id: event.id,
    type: event.test ? "alert.test" : "alert.fired",
    test: event.test,
    createdAt: event.createdAt.toISOString(),
    rule: { id: rule.id, name: rule.name, metric: rule.metric, scope: rule.scope, scopeId: rule.scopeId, scopeName, window: rule.window },
    threshold: event.threshold,
    value: event.value,
    periodKey: event.periodKey,
    message: event.message,
  };
}

/** One line for chat and the e-mail subject: "[Tollgate] Budget guard: Spend of …". */
export function alertHeadline(payload: AlertPayload): string {
  return `[Tollgate${payload.test ? " test" : ""}] ${payload.rule.name}`;
}
