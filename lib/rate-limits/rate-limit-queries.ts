// Reading rate limits. Every query is scoped to the caller's organization.
import type { DbClient } from "../db";
import { db } from "../db";
import { pageArgs, type ListResult } from "../http/list-query";
import { scopeNames, visibleScopeFilter, type VisibleScopes } from "../quotas/scopes";
import type { ListRateLimitsQuery, RateLimit, RateLimitScope } from "./schemas";

export type RateLimitRow = { id: string; orgId: string; scope: string; scopeId: string; rpm: number | null; tpm: number | null; managedBy?: string | null; createdAt: Date; updatedAt: Date };

export async function toRateLimits(orgId: string, rows: RateLimitRow[], client?: DbClient): Promise<RateLimit[]> {
  const names = await scopeNames(orgId, rows, client);
  return rows.map((row) => ({
    id: row.id,
    scope: row.scope as RateLimitScope,
    scopeId: row.scopeId,
    scopeName: names.get(`${row.scope}:${row.scopeId}`) ?? null,
    rpm: row.rpm,
    tpm: row.tpm,
    managedBy: row.managedBy ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }));
}

export async function listRateLimits(options: {
  orgId: string;
  query: ListRateLimitsQuery;
  /** developers: only the scopes they may see */
  visible?: VisibleScopes;
  client?: DbClient;
}): Promise<ListResult<RateLimit>> {
  const client = options.client ?? db();
  const { query } = options;
  const where = {
    orgId: options.orgId,
    ...(query.scope ? { scope: query.scope } : {}),
    ...(query.scopeId ? { scopeId: query.scopeId } : {}),
    ...(options.visible ? visibleScopeFilter(options.visible) : {}),
  };
  const [rows, total] = await Promise.all([
    client.rateLimit.findMany({ where, orderBy: [{ scope: "asc" }, { scopeId: "asc" }], ...pageArgs(query) }),
    client.rateLimit.count({ where }),
  ]);
  return { data: await toRateLimits(options.orgId, rows, client), total };
}
