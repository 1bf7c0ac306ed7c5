// The usage table: raw per-call records, one page at a time, with totals over the whole filter.
import type { DbClient } from "../db";
import { db } from "../db";
import { microsToDollars } from "./money";
import { resolveUsageRange } from "./usage-range";
import type { UsageQuery, UsageRecord, UsageResponse } from "./schemas";

export async function listUsageRecords(options: {
  orgId: string;
  query: UsageQuery;
  /** When set, only this user's calls, whatever `query.userId` says (developers). */
  ownerId?: string;
  client?: DbClient;
}): Promise<UsageResponse> {
  const client = options.client ?? db();
  const { query } = options;
  const { from, to } = resolveUsageRange(query);
  const userId = options.ownerId ?? query.userId;
  const where = {
    orgId: options.orgId,
    createdAt: { gte: from, lt: to },
    ...(query.keyId ? { keyId: query.keyId } : {}),
    ...(userId ? { userId } : {}),
    ...(query.teamId ? { teamId: query.teamId } : {}),
    ...(query.model ? { model: query.model } : {}),
  };
  const [rows, aggregate] = await Promise.all([
    client.usageRecord.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { requestId: "desc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
    client.usageRecord.aggregate({ where, _count: { _all: true }, _sum: { inputTokens: true, outputTokens: true, costMicros: true, costSavedMicros: true } }),
  ]);

  // Names for display, in two small lookups instead of a join the schema does not model.
  const keyIds = [...new Set(rows.map((r) => r.keyId).filter((id): id is string => Boolean(id)))];
  const userIds = [...new Set(rows.map((r) => r.userId).filter((id): id is string => Boolean(id)))];
  const [keys, users] = await Promise.all([
    keyIds.length ? client.apiKey.findMany({ where: { id: { in: keyIds } }, select: { id: true, name: true } }) : [],
    userIds.length ? client.user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true } }) : [],
  ]);
  const keyNames = new Map(keys.map((k) => [k.id, k.name]));
  const emails = new Map(users.map((u) => [u.id, u.email]));

  const records: UsageRecord[] = rows.map((r) => ({
    requestId: r.requestId,
    createdAt: r.createdAt.toISOString(),
    keyId: r.keyId,
    keyName: r.keyId ? (keyNames.get(r.keyId) ?? null) : null,
    userId: r.userId,
    userEmail: r.userId ? (emails.get(r.userId) ?? null) : null,
    teamId: r.teamId,
    model: r.model,
    providerKind: r.providerKind,
    upstreamModel: r.upstreamModel,
    inputTokens: r.inputTokens,
    outputTokens: r.outputTokens,
    cachedTokens: r.cachedTokens,
    cost: microsToDollars(r.costMicros),
    latencyMs: r.latencyMs,
    ttftMs: r.ttftMs,
    streamed: r.streamed,
    status: r.status,
    errorType: r.errorType,
    estimated: r.estimated,
    cache: r.cache,
    costSaved: microsToDollars(r.costSavedMicros),
  }));

  return {
    records,
    totals: {
      calls: aggregate._count._all,
      inputTokens: aggregate._sum.inputTokens ?? 0,
      outputTokens: aggregate._sum.outputTokens ?? 0,
      cost: microsToDollars(aggregate._sum.costMicros ?? 0n),
      costSaved: microsToDollars(aggregate._sum.costSavedMicros ?? 0n),
    },
    page: query.page,
    pageSize: query.pageSize,
    total: aggregate._count._all,
  };
}
