// The SQLite usage writer's thread (started by sqlite-usage-worker.ts). It owns the one
// better-sqlite3 connection that writes usage, its prepared statements and its checkpoints, so none
// of that synchronous work ever runs on the proxy's event loop (docs/architecture.md, "Usage ledger").
//
// The main thread hands over each chunk's usage events packed (usage-event-pack.ts); the rows
// and the rollup deltas are built here (sqlite-usage-rows.ts, from usage-aggregate.ts, the single
// source of the arithmetic), off the proxy's event loop. One message = one IMMEDIATE transaction:
// insert the records; if every one was new, apply the deltas and commit; if some request ids were
// stored already (a retried flush, or a repeat inside the chunk), roll back, recompute the deltas
// without them and write again: a record is never stored or rolled up twice.
//
// Built into its own CommonJS file by scripts/build-threads.mjs (npm start, npm run build, the
// vitest setup); sqlite-usage-worker.ts starts that file. Messages: sqlite-usage-protocol.ts.
import Database from "better-sqlite3";
import { parentPort, workerData } from "node:worker_threads";
import { sqliteDailyRollupUpsert } from "./daily-rollup-sql";
import type { FromSqliteThread, SqliteThreadData, SqliteUsageChunk, ToSqliteThread } from "./sqlite-usage-protocol";
import { chunkOf } from "./sqlite-usage-rows";
import { USAGE_RECORD_COLUMNS } from "./usage-record-columns";
import { aggregateUsage, keysToTouch } from "./usage-aggregate";
import type { UsageEvent } from "./usage-event";
import { unpackUsageEvents } from "./usage-event-pack";

const port = parentPort!;
const { file } = workerData as SqliteThreadData;

const db = new Database(file, { timeout: 10_000 });
// WAL: readers (the console) never block this writer, nor it them.
db.pragma("journal_mode = WAL");
// SQLite's recommended setting for WAL: a commit survives a process crash; only an OS crash or power
// loss can take back the last commits, within the ledger's documented bound (one flush interval).
db.pragma("synchronous = NORMAL");
// Checkpoints run inside this thread's commits (SQLite's automatic, PASSIVE ones, every ~4 MB of
// WAL): they cost the event loop nothing here.
db.pragma("wal_autocheckpoint = 1000");
// Once a checkpoint has caught up, the next commit starts the WAL over; this caps what stays on disk.
db.pragma("journal_size_limit = 67108864");

function prepareStatements() {
  return {
    insertRecord: db.prepare(`
      INSERT INTO "UsageRecord" (${USAGE_RECORD_COLUMNS.map((c) => `"${c}"`).join(", ")})
      VALUES (${USAGE_RECORD_COLUMNS.map(() => "?").join(", ")})
      ON CONFLICT ("requestId") DO NOTHING`),
    upsertRollup: db.prepare(`
      INSERT INTO "UsageRollup" ("hour", "orgId", "model", "userId", "teamId", "keyId", "calls", "errors", "inputTokens",
        "outputTokens", "cachedTokens", "costMicros", "latencySumMs", "cacheHits", "semanticHits", "cacheMisses", "tokensSaved",
        "costSavedMicros", "refused")
      VALUES (@hour, @orgId, @model, @userId, @teamId, @keyId, @calls, @errors, @inputTokens, @outputTokens, @cachedTokens,
        @costMicros, @latencySumMs, @cacheHits, @semanticHits, @cacheMisses, @tokensSaved, @costSavedMicros, @refused)
      ON CONFLICT ("hour", "orgId", "model", "userId", "teamId", "keyId") DO UPDATE SET
        "calls" = "calls" + excluded."calls", "errors" = "errors" + excluded."errors",
        "inputTokens" = "inputTokens" + excluded."inputTokens", "outputTokens" = "outputTokens" + excluded."outputTokens",
        "cachedTokens" = "cachedTokens" + excluded."cachedTokens", "costMicros" = "costMicros" + excluded."costMicros",
        "latencySumMs" = "latencySumMs" + excluded."latencySumMs",
        "cacheHits" = "cacheHits" + excluded."cacheHits", "semanticHits" = "semanticHits" + excluded."semanticHits",
        "cacheMisses" = "cacheMisses" + excluded."cacheMisses", "tokensSaved" = "tokensSaved" + excluded."tokensSaved",
        "costSavedMicros" = "costSavedMicros" + excluded."costSavedMicros", "refused" = "refused" + excluded."refused"`),
    upsertDay: db.prepare(sqliteDailyRollupUpsert("UsageRollupDay")),
    upsertTeamDay: db.prepare(sqliteDailyRollupUpsert("UsageRollupTeamDay")),
    upsertUserDay: db.prepare(sqliteDailyRollupUpsert("UsageRollupUserDay")),
    upsertModelDay: db.prepare(sqliteDailyRollupUpsert("UsageRollupModelDay")),
    upsertLatencyDay: db.prepare(sqliteDailyRollupUpsert("LatencyRollupDay")),
    upsertLatency: db.prepare(`
      INSERT INTO "LatencyRollup" ("hour", "orgId", "model", "bucket", "count") VALUES (@hour, @orgId, @model, @bucket, @count)
      ON CONFLICT ("hour", "orgId", "model", "bucket") DO UPDATE SET "count" = "count" + excluded."count"`),
    // The bucket's last error is the latest one written, whichever chunk it came in.
    upsertDeploymentStat: db.prepare(`
      INSERT INTO "DeploymentStat" ("bucket", "deploymentId", "orgId", "calls", "errors", "latencySumMs", "ttftCount", "ttftSumMs", "lastError", "lastErrorAt")
      VALUES (@bucket, @deploymentId, @orgId, @calls, @errors, @latencySumMs, @ttftCount, @ttftSumMs, @lastError, @lastErrorAt)
      ON CONFLICT ("bucket", "deploymentId") DO UPDATE SET
        "calls" = "calls" + excluded."calls", "errors" = "errors" + excluded."errors",
        "latencySumMs" = "latencySumMs" + excluded."latencySumMs", "ttftCount" = "ttftCount" + excluded."ttftCount",
        "ttftSumMs" = "ttftSumMs" + excluded."ttftSumMs",
        "lastError" = CASE WHEN excluded."lastErrorAt" IS NOT NULL AND ("lastErrorAt" IS NULL OR excluded."lastErrorAt" >= "lastErrorAt") THEN excluded."lastError" ELSE "lastError" END,
        "lastErrorAt" = CASE WHEN excluded."lastErrorAt" IS NOT NULL AND ("lastErrorAt" IS NULL OR excluded."lastErrorAt" >= "lastErrorAt") THEN excluded."lastErrorAt" ELSE "lastErrorAt" END`),
    upsertDeploymentLatency: db.prepare(`
      INSERT INTO "DeploymentLatency" ("bucket", "deploymentId", "metric", "le", "count") VALUES (@bucket, @deploymentId, @metric, @le, @count)
      ON CONFLICT ("bucket", "deploymentId", "metric", "le") DO UPDATE SET "count" = "count" + excluded."count"`),
    touchKey: db.prepare(`UPDATE "ApiKey" SET "lastUsedAt" = ? WHERE "id" = ?`),
  };
}

let statements: ReturnType<typeof prepareStatements> | null = null;
// Prepared on first use (not at start), so a missing table fails that write, not the thread.
const prepared = () => (statements ??= prepareStatements());

// Thrown inside the transaction to roll it back: the deltas counted these records.
class AlreadyStored {
  constructor(readonly indexes: number[]) {}
}

const writeRows = db.transaction((chunk: SqliteUsageChunk): number => {
  const s = prepared();
  const duplicates: number[] = [];
  for (let i = 0; i < chunk.records.length; i++) {
    if (s.insertRecord.run(chunk.records[i]).changes === 0) duplicates.push(i);
  }
  if (duplicates.length > 0) throw new AlreadyStored(duplicates);
  for (const r of chunk.rollups) s.upsertRollup.run(r);
  for (const r of chunk.days) s.upsertDay.run(r);
  for (const r of chunk.teamDays) s.upsertTeamDay.run(r);
  for (const r of chunk.userDays) s.upsertUserDay.run(r);
  for (const r of chunk.modelDays) s.upsertModelDay.run(r);
  for (const l of chunk.latency) s.upsertLatency.run(l);
  for (const l of chunk.latencyDays) s.upsertLatencyDay.run(l);
  for (const d of chunk.deploymentStats) s.upsertDeploymentStat.run(d);
  for (const d of chunk.deploymentLatency) s.upsertDeploymentLatency.run(d);
  for (const [keyId, at] of chunk.touches) s.touchKey.run(at, keyId);
  return chunk.records.length;
});

/**
 * Writes a chunk of events, leaving out those stored already. An id repeated inside one chunk is
 * stored once, so duplicates are named by index (ids alone would drop both copies).
 */
function writeEvents(events: readonly UsageEvent[]): number {
  let deltas = aggregateUsage(events);
  // keysToTouch remembers what it hands out (once a minute per key): ask it once per chunk.
  const touchable = keysToTouch(deltas.keysLastUsed);
  let touches = touchable;
  let fresh = events;
  for (;;) {
    try {
      // IMMEDIATE takes the write lock up front: no lock-upgrade deadlock with another writer.
      return writeRows.immediate(chunkOf(fresh, deltas, touches));
    } catch (error) {
      if (!(error instanceof AlreadyStored)) throw error;
      const stored = new Set(error.indexes);
      fresh = fresh.filter((_, i) => !stored.has(i));
      if (fresh.length === 0) return 0;
      deltas = aggregateUsage(fresh);
      touches = touchable.flatMap(([keyId]): [string, Date][] => {
        const at = deltas.keysLastUsed.get(keyId);
        return at ? [[keyId, at]] : [];
      });
    }
  }
}

function close(): void {
  try {
    db.pragma("wal_checkpoint(TRUNCATE)");
  } catch {
    // a reader held the WAL past the busy timeout: the next start checkpoints it
  }
  db.close();
  port.close();
}

const reply = (message: FromSqliteThread) => port.postMessage(message);

port.on("message", (message: ToSqliteThread) => {
  if (message.type === "close") return close();
  try {
    reply({ id: message.id, stored: writeEvents(unpackUsageEvents(message.events)) });
  } catch (error) {
    const { message: text, code } = error as { message?: unknown; code?: unknown };
    reply({ id: message.id, error: { message: String(text), code: typeof code === "string" ? code : undefined } });
  }
});
