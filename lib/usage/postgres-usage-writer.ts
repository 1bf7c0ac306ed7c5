// Usage batches on PostgreSQL through `pg` directly: a few statements per batch (records, hourly and
// daily rollups, latency histograms) with one array parameter per column, instead of one ORM call per row.
import pg from "pg";
import { aggregateDeploymentStats } from "./deployment-stats";
import { routingColumns } from "./routing-columns";
import { type DailyRollupTable, dailyRollupColumns, postgresDailyRollupUpsert } from "./daily-rollup-sql";
import { aggregateUsage, dailyLatency, dailyRollups, keysToTouch } from "./usage-aggregate";
import type { UsageEvent } from "./usage-event";
import type { UsageWriter } from "./usage-writer";

const INSERT_RECORDS = `
  INSERT INTO "UsageRecord" ("requestId", "orgId", "keyId", "userId", "teamId", "model", "providerId", "providerKind",
    "upstreamModel", "inputTokens", "outputTokens", "cachedTokens", "costMicros", "latencyMs", "ttftMs", "streamed",
    "status", "errorType", "estimated", "endpoint", "createdAt", "cache", "costSavedMicros", "refusal", "cacheWriteTokens", "batchId",
    "deploymentId", "attempts", "fallbackModel", "router", "attemptLog")
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
    $9::text[], $10::int[], $11::int[], $12::int[], $13::bigint[], $14::int[], $15::int[], $16::boolean[], $17::int[],
    $18::text[], $19::boolean[], $20::text[], $21::timestamp(3)[], $22::text[], $23::bigint[], $24::text[], $25::int[], $26::text[],
    $27::text[], $28::int[], $29::text[], $30::text[], $31::text[])
  ON CONFLICT ("requestId") DO NOTHING
  RETURNING "requestId"`;

const UPSERT_ROLLUPS = `
  INSERT INTO "UsageRollup" ("hour", "orgId", "model", "userId", "teamId", "keyId", "calls", "errors", "inputTokens",
    "outputTokens", "cachedTokens", "costMicros", "latencySumMs", "cacheHits", "semanticHits", "cacheMisses", "tokensSaved",
    "costSavedMicros", "refused")
  SELECT * FROM unnest($1::timestamp(3)[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[],
    $8::int[], $9::bigint[], $10::bigint[], $11::bigint[], $12::bigint[], $13::bigint[], $14::int[], $15::int[], $16::int[],
    $17::bigint[], $18::bigint[], $19::int[])
  ON CONFLICT ("hour", "orgId", "model", "userId", "teamId", "keyId") DO UPDATE SET
    "calls" = "UsageRollup"."calls" + EXCLUDED."calls", "errors" = "UsageRollup"."errors" + EXCLUDED."errors",
    "inputTokens" = "UsageRollup"."inputTokens" + EXCLUDED."inputTokens",
    "outputTokens" = "UsageRollup"."outputTokens" + EXCLUDED."outputTokens",
    "cachedTokens" = "UsageRollup"."cachedTokens" + EXCLUDED."cachedTokens",
    "costMicros" = "UsageRollup"."costMicros" + EXCLUDED."costMicros",
    "latencySumMs" = "UsageRollup"."latencySumMs" + EXCLUDED."latencySumMs",
    "cacheHits" = "UsageRollup"."cacheHits" + EXCLUDED."cacheHits",
    "semanticHits" = "UsageRollup"."semanticHits" + EXCLUDED."semanticHits",
    "cacheMisses" = "UsageRollup"."cacheMisses" + EXCLUDED."cacheMisses",
    "tokensSaved" = "UsageRollup"."tokensSaved" + EXCLUDED."tokensSaved",
    "costSavedMicros" = "UsageRollup"."costSavedMicros" + EXCLUDED."costSavedMicros",
    "refused" = "UsageRollup"."refused" + EXCLUDED."refused"`;

const UPSERT_LATENCY = `
  INSERT INTO "LatencyRollup" ("hour", "orgId", "model", "bucket", "count")
  SELECT * FROM unnest($1::timestamp(3)[], $2::text[], $3::text[], $4::int[], $5::int[])
  ON CONFLICT ("hour", "orgId", "model", "bucket") DO UPDATE SET "count" = "LatencyRollup"."count" + EXCLUDED."count"`;

// Per deployment and 5-minute bucket (deployment-stats.ts); the bucket's last error is the latest written.
const UPSERT_DEPLOYMENT_STATS = `
  INSERT INTO "DeploymentStat" ("bucket", "deploymentId", "orgId", "calls", "errors", "latencySumMs", "ttftCount", "ttftSumMs", "lastError", "lastErrorAt")
  SELECT * FROM unnest($1::timestamp(3)[], $2::text[], $3::text[], $4::int[], $5::int[], $6::bigint[], $7::int[], $8::bigint[], $9::text[], $10::timestamp(3)[])
  ON CONFLICT ("bucket", "deploymentId") DO UPDATE SET
    "calls" = "DeploymentStat"."calls" + EXCLUDED."calls", "errors" = "DeploymentStat"."errors" + EXCLUDED."errors",
    "latencySumMs" = "DeploymentStat"."latencySumMs" + EXCLUDED."latencySumMs",
    "ttftCount" = "DeploymentStat"."ttftCount" + EXCLUDED."ttftCount", "ttftSumMs" = "DeploymentStat"."ttftSumMs" + EXCLUDED."ttftSumMs",
    "lastError" = CASE WHEN EXCLUDED."lastErrorAt" IS NOT NULL AND ("DeploymentStat"."lastErrorAt" IS NULL OR EXCLUDED."lastErrorAt" >= "DeploymentStat"."lastErrorAt") THEN EXCLUDED."lastError" ELSE "DeploymentStat"."lastError" END,
    "lastErrorAt" = GREATEST("DeploymentStat"."lastErrorAt", EXCLUDED."lastErrorAt")`;

const UPSERT_DEPLOYMENT_LATENCY = `
  INSERT INTO "DeploymentLatency" ("bucket", "deploymentId", "metric", "le", "count")
  SELECT * FROM unnest($1::timestamp(3)[], $2::text[], $3::text[], $4::int[], $5::int[])
  ON CONFLICT ("bucket", "deploymentId", "metric", "le") DO UPDATE SET "count" = "DeploymentLatency"."count" + EXCLUDED."count"`;

const UPSERT_DAILY = {
  UsageRollupDay: postgresDailyRollupUpsert("UsageRollupDay"),
  UsageRollupTeamDay: postgresDailyRollupUpsert("UsageRollupTeamDay"),
  UsageRollupUserDay: postgresDailyRollupUpsert("UsageRollupUserDay"),
  UsageRollupModelDay: postgresDailyRollupUpsert("UsageRollupModelDay"),
  LatencyRollupDay: postgresDailyRollupUpsert("LatencyRollupDay"),
} satisfies Record<DailyRollupTable, string>;

/** One array per column of a daily rollup table, in its statement's order. */
function dailyParams(table: DailyRollupTable, rows: readonly object[]): unknown[][] {
  return dailyRollupColumns(table).map((name) =>
    rows.map((row) => {
      const value = (row as Record<string, unknown>)[name];
      return value instanceof Date ? ts(value) : typeof value === "bigint" ? value.toString() : value;
    }),
  );
}

/** Prisma stores DateTime as UTC in `timestamp(3) without time zone`; PostgreSQL ignores the "Z". */
const ts = (date: Date) => date.toISOString();
const column = <T, V>(rows: readonly T[], pick: (row: T) => V): V[] => rows.map(pick);

/** deploymentId, attempts, fallbackModel, router, attemptLog: the same values as SQLite's writer stores. */
function routingColumnArrays(events: readonly UsageEvent[]) {
  const rows = events.map(routingColumns);
  return [column(rows, (r) => r.deploymentId), column(rows, (r) => r.attempts), column(rows, (r) => r.fallbackModel), column(rows, (r) => r.router), column(rows, (r) => r.attemptLog)];
}

export function createPostgresUsageWriter(connectionString: string): UsageWriter {
  // Its own small pool: flushes never queue behind the admin API's queries, nor the reverse. A batch
  // takes milliseconds; a connection or statement that hangs (a network partition) fails after the
  // timeouts instead, so the buffer retries and, meanwhile, journals (usage-buffer.ts).
  const pool = new pg.Pool({ connectionString, max: 2, connectionTimeoutMillis: 10_000, query_timeout: 30_000 });
  pool.on("error", () => {}); // an idle client's broken socket: the next write reconnects and reports

  return {
    async write(batch) {
      // One statement cannot both insert and skip the same key, so repeats inside a batch go first.
      const events = [...new Map(batch.map((e) => [e.requestId, e])).values()];
      if (events.length === 0) return 0;
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const inserted = await client.query<{ requestId: string }>(INSERT_RECORDS, [
          column(events, (e) => e.requestId), column(events, (e) => e.orgId), column(events, (e) => e.keyId),
          column(events, (e) => e.userId), column(events, (e) => e.teamId), column(events, (e) => e.model),
          column(events, (e) => e.providerId), column(events, (e) => e.providerKind), column(events, (e) => e.upstreamModel),
          column(events, (e) => e.inputTokens), column(events, (e) => e.outputTokens), column(events, (e) => e.cachedTokens),
          column(events, (e) => e.costMicros.toString()), column(events, (e) => e.latencyMs), column(events, (e) => e.ttftMs),
          column(events, (e) => e.streamed), column(events, (e) => e.status), column(events, (e) => e.errorType),
          column(events, (e) => e.estimated), column(events, (e) => e.endpoint), column(events, (e) => ts(e.createdAt)),
          column(events, (e) => e.cache ?? null), column(events, (e) => (e.costSavedMicros ?? 0n).toString()),
          column(events, (e) => e.refusal ?? null), column(events, (e) => e.cacheWriteTokens ?? 0),
          column(events, (e) => e.batchId ?? null),
          ...routingColumnArrays(events),
        ]);
        const freshIds = new Set(inserted.rows.map((r) => r.requestId));
        const fresh = events.filter((e) => freshIds.has(e.requestId)); // the rest: a retried flush, already stored
        const { rollups, latency, keysLastUsed } = aggregateUsage(fresh);
        if (rollups.length > 0) {
          await client.query(UPSERT_ROLLUPS, [
            column(rollups, (r) => ts(r.hour)), column(rollups, (r) => r.orgId), column(rollups, (r) => r.model),
            column(rollups, (r) => r.userId), column(rollups, (r) => r.teamId), column(rollups, (r) => r.keyId),
            column(rollups, (r) => r.calls), column(rollups, (r) => r.errors), column(rollups, (r) => r.inputTokens),
            column(rollups, (r) => r.outputTokens), column(rollups, (r) => r.cachedTokens),
            column(rollups, (r) => r.costMicros.toString()), column(rollups, (r) => r.latencySumMs),
            column(rollups, (r) => r.cacheHits), column(rollups, (r) => r.semanticHits), column(rollups, (r) => r.cacheMisses),
            column(rollups, (r) => r.tokensSaved), column(rollups, (r) => r.costSavedMicros.toString()),
            column(rollups, (r) => r.refused),
          ]);
          const { days, teamDays, userDays, modelDays } = dailyRollups(rollups);
          await client.query(UPSERT_DAILY.UsageRollupDay, dailyParams("UsageRollupDay", days));
          await client.query(UPSERT_DAILY.UsageRollupTeamDay, dailyParams("UsageRollupTeamDay", teamDays));
          await client.query(UPSERT_DAILY.UsageRollupUserDay, dailyParams("UsageRollupUserDay", userDays));
          await client.query(UPSERT_DAILY.UsageRollupModelDay, dailyParams("UsageRollupModelDay", modelDays));
          await client.query(UPSERT_LATENCY, [
            column(latency, (l) => ts(l.hour)), column(latency, (l) => l.orgId), column(latency, (l) => l.model),
            column(latency, (l) => l.bucket), column(latency, (l) => l.count),
          ]);
          await client.query(UPSERT_DAILY.LatencyRollupDay, dailyParams("LatencyRollupDay", dailyLatency(latency)));
        }
        const deployments = aggregateDeploymentStats(fresh);
        if (deployments.stats.length > 0) {
          const { stats: d, latency: l } = deployments;
          await client.query(UPSERT_DEPLOYMENT_STATS, [
            column(d, (r) => ts(r.bucket)), column(d, (r) => r.deploymentId), column(d, (r) => r.orgId), column(d, (r) => r.calls),
            column(d, (r) => r.errors), column(d, (r) => r.latencySumMs), column(d, (r) => r.ttftCount), column(d, (r) => r.ttftSumMs),
            column(d, (r) => r.lastError), column(d, (r) => (r.lastErrorAt ? ts(r.lastErrorAt) : null)),
          ]);
          await client.query(UPSERT_DEPLOYMENT_LATENCY, [
            column(l, (r) => ts(r.bucket)), column(l, (r) => r.deploymentId), column(l, (r) => r.metric), column(l, (r) => r.le), column(l, (r) => r.count),
          ]);
        }
        const touches = keysToTouch(keysLastUsed);
        if (touches.length > 0) {
          await client.query(
            `UPDATE "ApiKey" AS k SET "lastUsedAt" = t.at FROM unnest($1::text[], $2::timestamp(3)[]) AS t(id, at) WHERE k."id" = t.id`,
            [touches.map(([id]) => id), touches.map(([, at]) => ts(at))],
          );
        }
        await client.query("COMMIT");
        return fresh.length;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}
