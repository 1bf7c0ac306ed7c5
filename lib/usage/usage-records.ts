// The call log: per-call records, newest first, one keyset page at a time (usage-cursor.ts), with
// totals over the whole filter on the first page.
import type { DbClient } from "../db";
import { db } from "../db";
import { microsToDollars } from "./money";
import { afterCursor, decodeUsageCursor, encodeUsageCursor } from "./usage-cursor";
import { usageWhere } from "./usage-filters";
import { namesFor, usageRecordView } from "./usage-record-view";
import type { UsageQuery, UsageResponse } from "./schemas";

/**
 * The filter's totals in one pass over its records: grouped by outcome (status and refusal, a few
 * dozen groups at most), then folded here, instead of one scan for the sums and one per count.
 */
async function totalsOf(client: DbClient, where: ReturnType<typeof usageWhere>) {
  const groups = await client.usageRecord.groupBy({
    by: ["status", "refusal"],
    where,
    _count: { _all: true },
    _sum: { inputTokens: true, outputTokens: true, costMicros: true, costSavedMicros: true },
  });
  const totals = { calls: 0, errors: 0, refused: 0, inputTokens: 0, outputTokens: 0, costMicros: 0n, costSavedMicros: 0n };
  for (const group of groups) {
    const calls = group._count._all;
    totals.calls += calls;
    if (group.refusal !== null) totals.refused += calls;
    else if (group.status >= 400) totals.errors += calls;
    totals.inputTokens += group._sum.inputTokens ?? 0;
    totals.outputTokens += group._sum.outputTokens ?? 0;
    totals.costMicros += group._sum.costMicros ?? 0n;
    totals.costSavedMicros += group._sum.costSavedMicros ?? 0n;
  }
  const { costMicros, costSavedMicros, ...counts } = totals;
  return { ...counts, cost: microsToDollars(costMicros), costSaved: microsToDollars(costSavedMicros) };
}

export async function listUsageRecords(options: {
  orgId: string;
  query: UsageQuery;
  /** When set, only this user's calls, whatever `query.userId` says (developers). */
  ownerId?: string;
  client?: DbClient;
}): Promise<UsageResponse> {
  const client = options.client ?? db();
  const { query } = options;
  const where = usageWhere(options.orgId, query, options.ownerId);
  const cursor = query.cursor ? decodeUsageCursor(query.cursor) : null;
  const [rows, totals] = await Promise.all([
    client.usageRecord.findMany({
      where: cursor ? { AND: [where, afterCursor(cursor)] } : where,
      orderBy: [{ createdAt: "desc" }, { requestId: "desc" }],
      // One more than the page: whether there is a next page, without counting.
      take: query.limit + 1,
    }),
    cursor ? null : totalsOf(client, where),
  ]);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const [names, captured] = await Promise.all([
    namesFor(client, page),
    page.length ? client.capturedBody.findMany({ where: { requestId: { in: page.map((r) => r.requestId) } }, select: { requestId: true } }) : [],
  ]);
  const capturedIds = new Set(captured.map((c) => c.requestId));
  return {
    records: page.map((r) => usageRecordView(r, names, capturedIds.has(r.requestId))),
    nextCursor: rows.length > query.limit && last ? encodeUsageCursor(last) : null,
    limit: query.limit,
    totals,
    total: totals?.calls ?? null,
  };
}
