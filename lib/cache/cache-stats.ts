// Cache statistics from the hourly usage rollups (hits, semantic hits, misses, tokens and cost
// saved, per day in TOLLGATE_TIME_ZONE, per model and per team) and the live entries now.
import type { z } from "zod";
import { db } from "../db";
import { env } from "../env";
import { BadRequestError } from "../http/errors";
import { localDayOf } from "../time/zoned";
import { microsToDollars } from "../usage/money";
import { entryFilter } from "./entry-queries";
import type { CacheStats, cacheStatsQuerySchema } from "./schemas";

type StatsQuery = z.output<typeof cacheStatsQuerySchema>;
const DEFAULT_SPAN_MS = 30 * 24 * 3600_000;

interface Totals {
  hits: number;
  semanticHits: number;
  misses: number;
  tokensSaved: number;
  costSavedMicros: bigint;
}

const empty = (): Totals => ({ hits: 0, semanticHits: 0, misses: 0, tokensSaved: 0, costSavedMicros: 0n });

function add(into: Totals, row: { cacheHits: number; semanticHits: number; cacheMisses: number; tokensSaved: bigint; costSavedMicros: bigint }): void {
  into.hits += row.cacheHits;
  into.semanticHits += row.semanticHits;
  into.misses += row.cacheMisses;
  into.tokensSaved += Number(row.tokensSaved);
  into.costSavedMicros += row.costSavedMicros;
}

function view(totals: Totals) {
  const served = totals.hits + totals.semanticHits;
  const lookups = served + totals.misses;
  return {
    hits: totals.hits, semanticHits: totals.semanticHits, misses: totals.misses,
    hitRate: lookups === 0 ? 0 : served / lookups,
    tokensSaved: totals.tokensSaved, costSaved: microsToDollars(totals.costSavedMicros),
  };
}

export async function cacheStats(options: { orgId: string; query: StatsQuery }): Promise<CacheStats> {
  const { orgId, query } = options;
  const to = query.to ?? new Date();
  const from = query.from ?? new Date(to.getTime() - DEFAULT_SPAN_MS);
  if (from > to) throw new BadRequestError("`from` must not be after `to`.", "from", "invalid_range");
  const filter = { ...(query.model ? { model: query.model } : {}), ...(query.teamId ? { teamId: query.teamId } : {}) };
  const [rows, live] = await Promise.all([
    db().usageRollup.findMany({
      where: { orgId, hour: { gte: from, lt: to }, ...filter, OR: [{ cacheHits: { gt: 0 } }, { semanticHits: { gt: 0 } }, { cacheMisses: { gt: 0 } }, { tokensSaved: { gt: 0 } }] },
      select: { hour: true, model: true, teamId: true, cacheHits: true, semanticHits: true, cacheMisses: true, tokensSaved: true, costSavedMicros: true },
    }),
    db().cacheEntry.aggregate({ where: entryFilter(orgId, filter), _count: { _all: true }, _sum: { bytes: true } }),
  ]);
  const zone = env().TOLLGATE_TIME_ZONE;
  const total = empty();
  const byDay = new Map<string, Totals>();
  const byModel = new Map<string, Totals>();
  const byTeam = new Map<string, Totals>();
  for (const row of rows) {
    add(total, row);
    for (const [map, key] of [[byDay, localDayOf(row.hour, zone)], [byModel, row.model], [byTeam, row.teamId]] as const) {
      let totals = map.get(key);
      if (!totals) map.set(key, (totals = empty()));
      add(totals, row);
    }
  }
  const teamIds = [...byTeam.keys()].filter((id) => id !== "");
  const teams = teamIds.length ? await db().team.findMany({ where: { orgId, id: { in: teamIds } }, select: { id: true, name: true } }) : [];
  const names = new Map(teams.map((t) => [t.id, t.name]));
  return {
    ...view(total),
    entries: live._count._all,
    bytes: Number(live._sum.bytes ?? 0),
    from: from.toISOString(),
    to: to.toISOString(),
    byDay: [...byDay].sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, totals]) => ({ day, ...view(totals) })),
    byModel: [...byModel].sort(([a], [b]) => (a < b ? -1 : 1)).map(([model, totals]) => ({ model, ...view(totals) })),
    byTeam: [...byTeam].map(([teamId, totals]) => ({ teamId: teamId || null, teamName: teamId ? (names.get(teamId) ?? null) : null, ...view(totals) })),
  };
}
