// One chunk of usage events as the SQLite usage thread writes it (sqlite-usage-thread.ts): record
// rows (positional values in USAGE_RECORD_COLUMNS' order; dates as Prisma's text format, booleans
// as 0/1; bigints as they are) and the rollup deltas
// from the pure aggregateUsage and aggregateDeploymentStats (the same arithmetic as PostgreSQL's
// writer). Built in the thread, so the main thread only hands the events over.
import { sqliteDateTime } from "../time/sqlite-date-time";
import { aggregateDeploymentStats } from "./deployment-stats";
import { routingColumns } from "./routing-columns";
import { dailyLatency, dailyRollups, type UsageDeltas } from "./usage-aggregate";
import type { UsageEvent } from "./usage-event";
import type { SqliteUsageChunk, UsageRecordRow } from "./sqlite-usage-protocol";

// One value per column of USAGE_RECORD_COLUMNS (usage-record-columns.ts), in its order.
function recordRow(e: UsageEvent): UsageRecordRow {
  const routing = routingColumns(e);
  // Optional event fields become their column's value when absent (every parameter must be bound).
  return [
    e.requestId, e.orgId, e.keyId, e.userId, e.teamId, e.model, e.providerId, e.providerKind, e.upstreamModel, e.inputTokens,
    e.outputTokens, e.cachedTokens, e.costMicros, e.latencyMs, e.ttftMs, e.streamed ? 1 : 0, e.status, e.errorType, e.estimated ? 1 : 0, e.endpoint,
    e.cache ?? null, e.costSavedMicros ?? 0n, e.refusal ?? null, e.cacheWriteTokens ?? 0, e.batchId ?? null, routing.deploymentId, routing.attempts, routing.fallbackModel, routing.router,
    routing.attemptLog, sqliteDateTime(e.createdAt),
  ];
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
