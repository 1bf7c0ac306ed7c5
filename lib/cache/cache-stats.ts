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

type RollupSums = { cacheHits: number | null; semanticHits: number | null; cacheMisses: number | null; tokensSaved: bigint | null; costSavedMicros: bigint | null };

/** A groupBy's sums (null over no rows) as a row for add(). */
function summed(sums: RollupSums) {
  return { cacheHits: sums.cacheHits ?? 0, semanticHits: sums.semanticHits ?? 0, cacheMisses: sums.cacheMisses ?? 0, tokensSaved: sums.tokensSaved ?? 0n, costSavedMicros: sums.costSavedMicros ?? 0n };
}

function totalsOf(row: ReturnType<typeof summed>): Totals {
  const totals = empty();
  add(totals, row);
  return totals;
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
  // Summed in the database by hour, model and team: three small answers instead of every rollup row
  // of the range (hundreds of thousands a month when many keys call many models).
  const where = { orgId, hour: { gte: from, lt: to }, ...filter, OR: [{ cacheHits: { gt: 0 } }, { semanticHits: { gt: 0 } }, { cacheMisses: { gt: 0 } }, { tokensSaved: { gt: 0 } }] };
  const _sum = { cacheHits: true, semanticHits: true, cacheMisses: true, tokensSaved: true, costSavedMicros: true } as const;
  const [hours, models, teamRows, live] = await Promise.all([
    db().usageRollup.groupBy({ by: ["hour"], where, _sum }),
    db().usageRollup.groupBy({ by: ["model"], where, _sum }),
    db().usageRollup.groupBy({ by: ["teamId"], where, _sum }),
    db().cacheEntry.aggregate({ where: entryFilter(orgId, filter), _count: { _all: true }, _sum: { bytes: true } }),
  ]);
  const zone = env().TOLLGATE_TIME_ZONE;
  const total = empty();
  const byDay = new Map<string, Totals>();
  for (const { hour, _sum: sums } of hours) {
    const row = summed(sums);
    add(total, row);
    const day = localDayOf(hour, zone);
    let totals = byDay.get(day);
    if (!totals) byDay.set(day, (totals = empty()));
    add(totals, row);
  }
  const byModel = new Map(models.map(({ model, _sum: sums }) => [model, totalsOf(summed(sums))]));
  const byTeam = new Map(teamRows.map(({ teamId, _sum: sums }) => [teamId, totalsOf(summed(sums))]));
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
