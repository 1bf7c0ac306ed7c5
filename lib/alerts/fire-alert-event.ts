// Turning crossings into alert events, exactly once. The event row is inserted before anything is
// sent, and its unique (ruleId, threshold, periodKey) decides which process delivers: when several
// replicas evaluate the same rule at the same moment, one insert wins and the others get a unique
// violation and send nothing.
import { randomUUID } from "node:crypto";
import type { DbClient } from "../db";
import { db } from "../db";
import { isUniqueViolation } from "../http/prisma-errors";
import { describeScope, formatThresholds, METRIC_LABELS } from "./metric-format";
import type { Crossing } from "./rule-crossings";
import type { AlertRuleRow } from "./rule-queries";
import type { AlertMetric, AlertScope } from "./alert-kinds";

export interface AlertEventRow {
  id: string;
  ruleId: string;
  orgId: string;
  threshold: number;
  periodKey: string;
  value: number;
  message: string;
  test: boolean;
  createdAt: Date;
}

const crossingKey = (threshold: number, periodKey: string) => `${threshold}|${periodKey}`;

/** The events this process won; crossings that already fired (here or on another replica) are skipped. */
export async function fireAlertEvents(rule: AlertRuleRow, crossings: Crossing[], client: DbClient = db()): Promise<AlertEventRow[]> {
  if (crossings.length === 0) return [];
  // Read first so a threshold that stays crossed does not cost a failed insert on every tick.
  const existing = await client.alertEvent.findMany({
    where: { ruleId: rule.id, periodKey: { in: [...new Set(crossings.map((c) => c.periodKey))] } },
    select: { threshold: true, periodKey: true },
  });
  const fired = new Set(existing.map((e) => crossingKey(e.threshold, e.periodKey)));
  const won: AlertEventRow[] = [];
  for (const crossing of crossings) {
    if (fired.has(crossingKey(crossing.threshold, crossing.periodKey))) continue;
    try {
      won.push(
        await client.alertEvent.create({
          data: { ruleId: rule.id, orgId: rule.orgId, threshold: crossing.threshold, periodKey: crossing.periodKey, value: crossing.value, message: crossing.message },
        }),
      );
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  return won;
}

/** A test alert: its own period key, so it never uses up (or is blocked by) a real firing. */
export async function createTestAlertEvent(rule: AlertRuleRow, scopeName: string | null, client: DbClient = db()): Promise<AlertEventRow> {
  const metric = rule.metric as AlertMetric;
  const thresholds = JSON.parse(rule.thresholds) as number[];
  const threshold = thresholds[0] ?? 0;
  const watched = `${METRIC_LABELS[metric]} of ${describeScope(rule.scope as AlertScope, scopeName, rule.scopeId)} at ${formatThresholds(metric, thresholds)}`;
  return client.alertEvent.create({
    data: {
      ruleId: rule.id,
      orgId: rule.orgId,
      threshold,
      periodKey: `test:${randomUUID()}`,
      value: threshold,
      test: true,
      message: `Test alert for rule “${rule.name}” (${watched}). If you can read this, the channel works.`,
    },
  });
}
