// One chunk of usage events as the SQLite usage thread writes it (sqlite-usage-thread.ts): record
// rows (dates as Prisma's text format, booleans as 0/1; bigints as they are) and the rollup deltas
// from the pure aggregateUsage and aggregateDeploymentStats (the same arithmetic as PostgreSQL's
// writer). Built in the thread, so the main thread only hands the events over.
import { sqliteDateTime } from "../time/sqlite-date-time";
import { aggregateDeploymentStats } from "./deployment-stats";
import { routingColumns } from "./routing-columns";
import { dailyLatency, dailyRollups, type UsageDeltas } from "./usage-aggregate";
import type { UsageEvent } from "./usage-event";
import type { SqliteUsageChunk, UsageRecordRow } from "./sqlite-usage-protocol";

function recordRow(e: UsageEvent): UsageRecordRow {
  // Every named parameter must be present: the cache fields are optional on the event.
  const { tokensSaved: _tokensSaved, ...record } = e;
  void _tokensSaved;
  return {
    ...record, streamed: e.streamed ? 1 : 0, estimated: e.estimated ? 1 : 0, createdAt: sqliteDateTime(e.createdAt),
    cache: e.cache ?? null, costSavedMicros: e.costSavedMicros ?? 0n, refusal: e.refusal ?? null, cacheWriteTokens: e.cacheWriteTokens ?? 0,
    batchId: e.batchId ?? null, ...routingColumns(e),
  };
}

function dailyRows(deltas: UsageDeltas): Pick<SqliteUsageChunk, "days" | "teamDays" | "userDays" | "modelDays" | "latencyDays"> {
  const { days, teamDays, userDays, modelDays } = dailyRollups(deltas.rollups);
  return {
    days: days.map((r) => ({ ...r, day: sqliteDateTime(r.day) })),
    teamDays: teamDays.map((r) => ({ ...r, day: sqliteDateTime(r.day) })),
    userDays: userDays.map((r) => ({ ...r, day: sqliteDateTime(r.day) })),
    modelDays: modelDays.map((r) => ({ ...r, day: sqliteDateTime(r.day) })),
    latencyDays: dailyLatency(deltas.latency).map((l) => ({ ...l, day: sqliteDateTime(l.day) })),
  };
}

/** The rows of `events` and what they add to the rollups; `touches` are the keys whose lastUsedAt is due. */
export function chunkOf(events: readonly UsageEvent[], deltas: UsageDeltas, touches: [string, Date][]): SqliteUsageChunk {
  const deployments = aggregateDeploymentStats(events);
  return {
    records: events.map(recordRow),
    rollups: deltas.rollups.map((r) => ({ ...r, hour: sqliteDateTime(r.hour) })),
    ...dailyRows(deltas),
    latency: deltas.latency.map((l) => ({ ...l, hour: sqliteDateTime(l.hour) })),
    deploymentStats: deployments.stats.map((d) => ({ ...d, bucket: sqliteDateTime(d.bucket), lastErrorAt: d.lastErrorAt ? sqliteDateTime(d.lastErrorAt) : null })),
    deploymentLatency: deployments.latency.map((d) => ({ ...d, bucket: sqliteDateTime(d.bucket) })),
    touches: touches.map(([keyId, at]) => [keyId, sqliteDateTime(at)]),
  };
}
