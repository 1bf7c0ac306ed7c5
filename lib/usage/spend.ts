// Spend and calls per key, user or team over a range, from the hourly rollups in one grouped query
// (never per row, never from raw records), with the names the console shows.
import type { DbClient } from "../db";
import { db } from "../db";
import { env } from "../env";
import { ValidationError } from "../http/errors";
import { localMonthSpan } from "../time/zoned";
import { hourOf } from "./latency-buckets";
import { microsToDollars } from "./money";
import type { SpendQuery, SpendResponse, SpendRow, SpendScope } from "./spend-schemas";

const FIELD = { key: "keyId", user: "userId", team: "teamId" } as const;

/** [from, to): the query's, or this month so far in TOLLGATE_TIME_ZONE (billing's months). */
export function spendRange(query: Pick<SpendQuery, "from" | "to">, now = new Date()): { from: Date; to: Date } {
  const to = query.to ?? now;
  const from = query.from ?? localMonthSpan(to, env().TOLLGATE_TIME_ZONE).start;
  if (from.getTime() >= to.getTime()) throw new ValidationError("from: must be before to.", "from");
  return { from, to };
}

async function namesOf(client: DbClient, orgId: string, by: SpendScope, ids: string[]): Promise<Map<string, { name: string; detail: string | null }>> {
  if (ids.length === 0) return new Map();
  const where = { orgId, id: { in: ids } };
  if (by === "key") {
    const keys = await client.apiKey.findMany({ where, select: { id: true, name: true, prefix: true } });
    return new Map(keys.map((k) => [k.id, { name: k.name, detail: k.prefix }]));
  }
  if (by === "user") {
    const users = await client.user.findMany({ where, select: { id: true, email: true, name: true } });
    return new Map(users.map((u) => [u.id, { name: u.email, detail: u.name || null }]));
  }
  const teams = await client.team.findMany({ where, select: { id: true, name: true } });
  return new Map(teams.map((t) => [t.id, { name: t.name, detail: null }]));
}

export async function getSpend(options: { orgId: string; query: SpendQuery; ownerId?: string; client?: DbClient }): Promise<SpendResponse> {
  const client = options.client ?? db();
  const { query } = options;
  const { from, to } = spendRange(query);
  const field = FIELD[query.by];
  if (query.ids?.length === 0) return { by: query.by, from: from.toISOString(), to: to.toISOString(), data: [] };
  const rows = await client.usageRollup.groupBy({
    by: [field],
    where: {
      orgId: options.orgId,
      // Hourly rollups: a range starting mid-hour counts that whole hour, as the charts do.
      hour: { gte: hourOf(from), lt: to },
      // "" stands for "none" (a call without a team, a playground call without a key).
      [field]: query.ids ? { in: query.ids } : { not: "" },
      ...(options.ownerId ? { userId: options.ownerId } : {}),
    },
    _sum: { calls: true, costMicros: true, inputTokens: true, outputTokens: true },
    orderBy: [{ _sum: { costMicros: "desc" } }, { _sum: { calls: "desc" } }],
    take: query.ids ? query.ids.length : query.limit,
  });
  const ids = rows.map((row) => (row as Record<string, unknown>)[field] as string);
  const names = await namesOf(client, options.orgId, query.by, ids);
  const data: SpendRow[] = rows.map((row, index) => {
    const id = ids[index];
    const named = names.get(id);
    return {
      id,
      name: named?.name ?? id,
      detail: named?.detail ?? null,
      calls: row._sum.calls ?? 0,
      cost: microsToDollars(row._sum.costMicros ?? 0n),
      inputTokens: Number(row._sum.inputTokens ?? 0n),
      outputTokens: Number(row._sum.outputTokens ?? 0n),
    };
  });
  return { by: query.by, from: from.toISOString(), to: to.toISOString(), data };
}
