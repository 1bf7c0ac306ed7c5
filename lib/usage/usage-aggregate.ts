// What one batch of freshly stored usage records adds to the rollups: hourly counters per
// (org, model, user, team, key), hourly latency histograms per (org, model), and the latest use of
// each key. Pure, so both SQL writers apply exactly the same arithmetic.
import { hourOf, latencyBucketOf } from "./latency-buckets";
import type { UsageEvent } from "./usage-event";

export interface RollupDelta {
  hour: Date;
  orgId: string;
  model: string;
  /** "" = none (the rollups' primary key cannot hold nulls) */
  userId: string;
  teamId: string;
  keyId: string;
  calls: number;
  errors: number;
  inputTokens: number;
  outputTokens: number;
  cachedTokens: number;
  costMicros: bigint;
  latencySumMs: number;
  /** response cache: answers served from it, lookups that missed, and what the hits saved */
  cacheHits: number;
  semanticHits: number;
  cacheMisses: number;
  tokensSaved: number;
  costSavedMicros: bigint;
  /** calls the gateway refused (also counted in calls and errors) */
  refused: number;
}

export interface LatencyDelta {
  hour: Date;
  orgId: string;
  model: string;
  bucket: number;
  count: number;
}

export interface UsageDeltas {
  rollups: RollupDelta[];
  latency: LatencyDelta[];
  /** keyId -> the latest createdAt in the batch */
  keysLastUsed: Map<string, Date>;
}

const SEP = "\u0000";

export function aggregateUsage(events: readonly UsageEvent[]): UsageDeltas {
  const rollups = new Map<string, RollupDelta>();
  const latency = new Map<string, LatencyDelta>();
  const keysLastUsed = new Map<string, Date>();
  for (const e of events) {
    const hour = hourOf(e.createdAt);
    const userId = e.userId ?? "";
    const teamId = e.teamId ?? "";
    const keyId = e.keyId ?? "";
    const id = [hour.getTime(), e.orgId, e.model, userId, teamId, keyId].join(SEP);
    let group = rollups.get(id);
    if (!group) {
      group = {
        hour, orgId: e.orgId, model: e.model, userId, teamId, keyId, calls: 0, errors: 0, inputTokens: 0, outputTokens: 0, cachedTokens: 0, costMicros: 0n, latencySumMs: 0,
        cacheHits: 0, semanticHits: 0, cacheMisses: 0, tokensSaved: 0, costSavedMicros: 0n, refused: 0,
      };
      rollups.set(id, group);
    }
    group.calls += 1;
    group.errors += e.status >= 400 ? 1 : 0;
    if (e.refusal) group.refused += 1;
    // A cache hit's tokens were not used: they count as saved, not in the token totals.
    const served = e.cache === "hit" || e.cache === "semantic-hit";
    if (e.cache === "hit") group.cacheHits += 1;
    else if (e.cache === "semantic-hit") group.semanticHits += 1;
    else if (e.cache === "miss" || e.cache === "shadow") group.cacheMisses += 1;
    group.tokensSaved += e.tokensSaved ?? (served ? e.inputTokens + e.outputTokens : 0);
    group.costSavedMicros += e.costSavedMicros ?? 0n;
    if (!served) {
      group.inputTokens += e.inputTokens;
      group.outputTokens += e.outputTokens;
    }
    group.cachedTokens += e.cachedTokens;
    group.costMicros += e.costMicros;
    group.latencySumMs += e.latencyMs;

    const bucket = latencyBucketOf(e.latencyMs);
    const cellId = [hour.getTime(), e.orgId, e.model, bucket].join(SEP);
    const cell = latency.get(cellId);
    if (cell) cell.count += 1;
    else latency.set(cellId, { hour, orgId: e.orgId, model: e.model, bucket, count: 1 });

    if (e.keyId && (keysLastUsed.get(e.keyId)?.getTime() ?? 0) < e.createdAt.getTime()) keysLastUsed.set(e.keyId, e.createdAt);
  }
  // A fixed order, so concurrent writers on PostgreSQL lock rollup rows in the same order (no deadlock).
  const byKey = <T>(map: Map<string, T>) => [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
  return { rollups: byKey(rollups), latency: byKey(latency), keysLastUsed };
}

// lastUsedAt is for humans ("used 3 minutes ago"): once a minute per key is plenty.
const LAST_USED_EVERY_MS = 60_000;
const lastUsedWritten = new Map<string, number>();

/** The keys whose lastUsedAt is worth a write now (at most once a minute per key per process). */
export function keysToTouch(keysLastUsed: Map<string, Date>, now = Date.now()): [string, Date][] {
  const due: [string, Date][] = [];
  for (const [keyId, at] of keysLastUsed) {
    if (now - (lastUsedWritten.get(keyId) ?? 0) < LAST_USED_EVERY_MS) continue;
    lastUsedWritten.set(keyId, now);
    due.push([keyId, at]);
  }
  return due;
}

/** UsageRollupDay's row: a RollupDelta summed per UTC day without the key. */
export type DayRollupDelta = Omit<RollupDelta, "hour" | "keyId"> & { day: Date };
/** UsageRollupTeamDay's row: summed per UTC day, model and team only. */
export type TeamDayRollupDelta = Omit<DayRollupDelta, "userId">;
/** UsageRollupUserDay's row: summed per UTC day, user and team (no model). */
export type UserDayRollupDelta = Omit<DayRollupDelta, "model">;
/** UsageRollupModelDay's row: summed per UTC day and model only. */
export type ModelDayRollupDelta = Omit<DayRollupDelta, "userId" | "teamId">;

const DAY_MS = 86_400_000;
/** Midnight UTC of the day an instant falls on. */
export const utcDayOf = (date: Date) => new Date(Math.floor(date.getTime() / DAY_MS) * DAY_MS);

type Sums = Omit<RollupDelta, "hour" | "orgId" | "model" | "userId" | "teamId" | "keyId">;
const SUM_KEYS = ["calls", "errors", "inputTokens", "outputTokens", "cachedTokens", "costMicros", "latencySumMs", "cacheHits", "semanticHits", "cacheMisses", "tokensSaved", "costSavedMicros", "refused"] as const satisfies readonly (keyof Sums)[];

function addInto(target: Sums, delta: Sums): void {
  for (const key of SUM_KEYS) (target as Record<string, number | bigint>)[key] = (target[key] as number) + (delta[key] as number);
}

/**
 * The daily rollups' deltas of a batch, summed from its hourly ones: the coarser tables hold exactly
 * UsageRollup's sums for the same day, because both are written from the same deltas in one
 * transaction (and the migration backfilled them from UsageRollup the same way). Sorted by key, as
 * the hourly deltas are, so concurrent writers lock rows in the same order.
 */
export function dailyRollups(rollups: readonly RollupDelta[]): { days: DayRollupDelta[]; teamDays: TeamDayRollupDelta[]; userDays: UserDayRollupDelta[]; modelDays: ModelDayRollupDelta[] } {
  const days = new Map<string, DayRollupDelta>();
  const teamDays = new Map<string, TeamDayRollupDelta>();
  const userDays = new Map<string, UserDayRollupDelta>();
  const modelDays = new Map<string, ModelDayRollupDelta>();
  for (const r of rollups) {
    const day = utcDayOf(r.hour);
    const { hour: _hour, keyId: _keyId, orgId, model, userId, teamId, ...sums } = r;
    void _hour;
    void _keyId;
    const dayId = [day.getTime(), orgId, model, userId, teamId].join(SEP);
    const dayRow = days.get(dayId);
    if (dayRow) addInto(dayRow, sums);
    else days.set(dayId, { day, orgId, model, userId, teamId, ...sums });
    const teamId_ = [day.getTime(), orgId, model, teamId].join(SEP);
    const teamRow = teamDays.get(teamId_);
    if (teamRow) addInto(teamRow, sums);
    else teamDays.set(teamId_, { day, orgId, model, teamId, ...sums });
    const userId_ = [day.getTime(), orgId, userId, teamId].join(SEP);
    const userRow = userDays.get(userId_);
    if (userRow) addInto(userRow, sums);
    else userDays.set(userId_, { day, orgId, userId, teamId, ...sums });
    const modelId = [day.getTime(), orgId, model].join(SEP);
    const modelRow = modelDays.get(modelId);
    if (modelRow) addInto(modelRow, sums);
    else modelDays.set(modelId, { day, orgId, model, ...sums });
  }
  const byKey = <T>(map: Map<string, T>) => [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
  return { days: byKey(days), teamDays: byKey(teamDays), userDays: byKey(userDays), modelDays: byKey(modelDays) };
}

/** LatencyRollupDay's row: a latency histogram cell summed per UTC day. */
export type LatencyDayDelta = Omit<LatencyDelta, "hour"> & { day: Date };

/** The latency histograms' deltas summed per UTC day (see dailyRollups), sorted by key. */
export function dailyLatency(latency: readonly LatencyDelta[]): LatencyDayDelta[] {
  const cells = new Map<string, LatencyDayDelta>();
  for (const { hour, orgId, model, bucket, count } of latency) {
    const day = utcDayOf(hour);
    const id = [day.getTime(), orgId, model, bucket].join(SEP);
    const cell = cells.get(id);
    if (cell) cell.count += count;
    else cells.set(id, { day, orgId, model, bucket, count });
  }
  return [...cells.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
}
