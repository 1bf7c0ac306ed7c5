// Cache statistics from the usage rollups (hourly, or daily for whole UTC days: rollup-reads.ts) (hits, semantic hits, misses, tokens and cost
// saved, per day in TOLLGATE_TIME_ZONE, per model and per team) and the live entries now.
import type { z } from "zod";
import { db } from "../db";
import { env } from "../env";
import { BadRequestError } from "../http/errors";
import { localDayOf } from "../time/zoned";
import { microsToDollars } from "../usage/money";
import { groupRollups, type RollupGroup, type RollupSum, zoneDaysAreUtcDays } from "../usage/rollup-reads";
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

/** Whether a group of rollups saw the cache at all (rows of calls that never consulted it are left out). */
function hasCacheActivity(sum: RollupSum): boolean {
  return sum.cacheHits + sum.semanticHits + sum.cacheMisses > 0 || sum.tokensSaved > 0n;
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
  const zone = env().TOLLGATE_TIME_ZONE;
  // Summed in the database by hour (or UTC day, from the daily rollups, when the zone's days are
  // UTC's), model and team: small answers instead of every rollup row of the range.
  const base = { orgId, hourFrom: from, to, filter, daily: zoneDaysAreUtcDays(zone, from, to) };
  const [hours, modelGroups, teamGroups, live] = await Promise.all([
    groupRollups(db(), { ...base, by: [], byTime: true }),
    groupRollups(db(), { ...base, by: ["model"], byTime: false }),
    groupRollups(db(), { ...base, by: ["teamId"], byTime: false }),
    db().cacheEntry.aggregate({ where: entryFilter(orgId, filter), _count: { _all: true }, _sum: { bytes: true } }),
  ]);
  const total = empty();
  const byDay = new Map<string, Totals>();
  for (const { start, sum } of hours) {
    if (!hasCacheActivity(sum)) continue;
    add(total, sum);
    const day = localDayOf(start, zone);
    let totals = byDay.get(day);
    if (!totals) byDay.set(day, (totals = empty()));
    add(totals, sum);
  }
  // A model or team may come in parts (whole days, hours at either end); listed when the cache saw its calls.
  const sumBy = (groups: RollupGroup[], key: "model" | "teamId") => {
    const sums = new Map<string, Totals>();
    for (const group of groups) {
      let totals = sums.get(group[key]);
      if (!totals) sums.set(group[key], (totals = empty()));
      add(totals, group.sum);
    }
    return new Map([...sums].filter(([, totals]) => totals.hits + totals.semanticHits + totals.misses + totals.tokensSaved > 0));
  };
  const byModel = sumBy(modelGroups, "model");
  const byTeam = sumBy(teamGroups, "teamId");
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
