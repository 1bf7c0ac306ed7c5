// Reading alert rules. Every query is scoped to the caller's organization.
import type { DbClient } from "../db";
import { db } from "../db";
import { NotFoundError } from "../http/errors";
import { pageArgs, type ListResult } from "../http/list-query";
import { scopeKey, scopeNames } from "./rule-scope";
import type { AlertMetric, AlertScope, AlertWindow } from "./alert-kinds";
import type { AlertRule, ListAlertRulesQuery } from "./schemas";
import { parseStoredChannels, toPublicChannel } from "./stored-channels";

export interface AlertRuleRow {
  id: string;
  orgId: string;
  name: string;
  scope: string;
  scopeId: string;
  metric: string;
  thresholds: string;
  window: string | null;
  channels: string;
  enabled: boolean;
  managedBy?: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export function toAlertRule(row: AlertRuleRow, extra: { scopeName: string | null; lastFiredAt: Date | null }): AlertRule {
  return {
    id: row.id,
    name: row.name,
    scope: row.scope as AlertScope,
    scopeId: row.scopeId,
    scopeName: extra.scopeName,
    metric: row.metric as AlertMetric,
    thresholds: JSON.parse(row.thresholds) as number[],
    window: row.window as AlertWindow | null,
    channels: parseStoredChannels(row.channels).map(toPublicChannel),
    enabled: row.enabled,
    lastFiredAt: extra.lastFiredAt?.toISOString() ?? null,
    managedBy: row.managedBy ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Scope names and last real firing for a page of rules, in a few batched queries. */
async function presentRules(rows: AlertRuleRow[], client: DbClient): Promise<AlertRule[]> {
  if (rows.length === 0) return [];
  const [names, fired] = await Promise.all([
    scopeNames(rows, client),
    client.alertEvent.groupBy({
      by: ["ruleId"],
      where: { ruleId: { in: rows.map((r) => r.id) }, test: false },
      _max: { createdAt: true },
    }),
  ]);
  const lastFired = new Map(fired.map((f) => [f.ruleId, f._max.createdAt]));
  return rows.map((row) =>
    toAlertRule(row, { scopeName: names.get(scopeKey(row.scope, row.scopeId)) ?? null, lastFiredAt: lastFired.get(row.id) ?? null }),
  );
}

export async function listAlertRules(options: { orgId: string; query: ListAlertRulesQuery; client?: DbClient }): Promise<ListResult<AlertRule>> {
  const client = options.client ?? db();
  const { query } = options;
  const where = { orgId: options.orgId, ...(query.metric ? { metric: query.metric } : {}), ...(query.scope ? { scope: query.scope } : {}) };
  const [rows, total] = await Promise.all([
    client.alertRule.findMany({ where, orderBy: [{ name: "asc" }, { id: "asc" }], ...pageArgs(query) }),
    client.alertRule.count({ where }),
  ]);
  return { data: await presentRules(rows, client), total };
}

export async function getAlertRuleRowOrThrow(options: { orgId: string; id: string; client?: DbClient }): Promise<AlertRuleRow> {
  const client = options.client ?? db();
  const row = await client.alertRule.findFirst({ where: { id: options.id, orgId: options.orgId } });
  if (!row) throw new NotFoundError(`Alert rule ${options.id} not found.`);
  return row;
}

export async function getAlertRuleOrThrow(options: { orgId: string; id: string; client?: DbClient }): Promise<AlertRule> {
  return presentRule(await getAlertRuleRowOrThrow(options), options.client);
}

/** The API shape of rows already loaded (after a create or update). */
export async function presentRule(row: AlertRuleRow, client: DbClient = db()): Promise<AlertRule> {
  const [rule] = await presentRules([row], client);
  return rule;
}
