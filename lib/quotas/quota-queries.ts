// Reading quotas. Every query is scoped to the caller's organization.
import type { DbClient } from "../db";
import { db } from "../db";
import { pageArgs, type ListResult } from "../http/list-query";
import { microsToDollars } from "../usage/money";
import type { ListQuotasQuery, Quota, QuotaScope } from "./schemas";
import { scopeNames, visibleScopeFilter, type VisibleScopes } from "./scopes";
import type { QuotaPeriod } from "./periods";

export type QuotaRow = {
  id: string;
  orgId: string;
  scope: string;
  scopeId: string;
  period: string;
  maxCalls: number | null;
  maxTokens: bigint | null;
  maxCostMicros: bigint | null;
  managedBy?: string | null;
  createdAt: Date;
  updatedAt: Date;
};

export function toQuota(row: QuotaRow, names: Map<string, string>): Quota {
  return {
    id: row.id,
    scope: row.scope as QuotaScope,
    scopeId: row.scopeId,
    scopeName: names.get(`${row.scope}:${row.scopeId}`) ?? null,
    period: row.period as QuotaPeriod,
    maxCalls: row.maxCalls,
    maxTokens: row.maxTokens === null ? null : Number(row.maxTokens),
    maxCost: row.maxCostMicros === null ? null : microsToDollars(row.maxCostMicros),
    managedBy: row.managedBy ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function toQuotas(orgId: string, rows: QuotaRow[], client?: DbClient): Promise<Quota[]> {
  const names = await scopeNames(orgId, rows, client);
  return rows.map((row) => toQuota(row, names));
}

export async function listQuotas(options: {
  orgId: string;
  query: ListQuotasQuery;
  /** developers: only the scopes they may see */
  visible?: VisibleScopes;
  client?: DbClient;
}): Promise<ListResult<Quota>> {
  const client = options.client ?? db();
  const { query } = options;
  const where = {
    orgId: options.orgId,
    ...(query.scope ? { scope: query.scope } : {}),
    ...(query.scopeId ? { scopeId: query.scopeId } : {}),
    ...(query.period ? { period: query.period } : {}),
    ...(options.visible ? visibleScopeFilter(options.visible) : {}),
  };
  const [rows, total] = await Promise.all([
    // "daily" < "monthly" < "total" alphabetically too.
    client.quota.findMany({ where, orderBy: [{ scope: "asc" }, { scopeId: "asc" }, { period: "asc" }], ...pageArgs(query) }),
    client.quota.count({ where }),
  ]);
  return { data: await toQuotas(options.orgId, rows, client), total };
}
