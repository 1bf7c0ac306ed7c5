// The call log's filters as one Prisma `where`: range, who (key, user, team), model, outcome,
// request id, cache verdict and fallback. Shared by the page query and its totals.
import { Prisma } from "../generated/prisma-sqlite";
import { resolveUsageRange } from "./usage-range";
import type { UsageQuery } from "./schemas";

/**
 * Routing records the fallback model on each call (issue 16). Until that column exists the
 * fallback filter cannot match anything recorded by a fallback, so it is ignored.
 */
export const RECORDS_FALLBACK = "fallbackModel" in Prisma.UsageRecordScalarFieldEnum;

function outcomeWhere(status: UsageQuery["status"]) {
  if (status === "ok") return { status: { lt: 400 } };
  if (status === "error") return { status: { gte: 400 }, refusal: null };
  if (status === "refused") return { refusal: { not: null } };
  return {};
}

function cacheWhere(cache: UsageQuery["cache"]) {
  if (!cache) return {};
  return { cache: cache === "none" ? null : cache };
}

function fallbackWhere(fallback: boolean | undefined): Record<string, unknown> {
  if (fallback === undefined || !RECORDS_FALLBACK) return {};
  return { fallbackModel: fallback ? { not: null } : null };
}

export function usageWhere(orgId: string, query: Omit<UsageQuery, "cursor" | "limit">, ownerId: string | undefined) {
  const { from, to } = resolveUsageRange(query);
  const userId = ownerId ?? query.userId;
  return {
    orgId,
    createdAt: { gte: from, lt: to },
    ...(query.keyId ? { keyId: query.keyId } : {}),
    ...(userId ? { userId } : {}),
    ...(query.teamId ? { teamId: query.teamId } : {}),
    ...(query.model ? { model: query.model } : {}),
    ...(query.requestId ? { requestId: query.requestId } : {}),
    ...outcomeWhere(query.status),
    ...cacheWhere(query.cache),
    ...fallbackWhere(query.fallback),
  } satisfies Prisma.UsageRecordWhereInput;
}
