// Usage batches on SQLite, through a dedicated better-sqlite3 connection with prepared statements.
// Prisma's query compiler spent up to ~140 ms of event-loop time per 500-record batch; these
// statements take about 20 µs per record. better-sqlite3 is synchronous, so each transaction is
// kept small (CHUNK records, about 1 ms) and the writer yields between chunks: the proxy's requests
// never wait long behind a flush.
//
// synchronous=NORMAL (this connection only) is SQLite's recommended setting for WAL: a commit is
// safe from a process crash, and only an OS crash or power loss can take back the last commits,
// which is within the ledger's documented bound (one flush interval). FULL would fsync on every
// commit, on the event loop.
//
// Checkpoints (copying the WAL back into the database file) stalled the event loop for 12–17 ms
// every few batches when SQLite ran them automatically inside our commits, so this connection never
// checkpoints; a worker thread does, with its own connection (sqlite-wal-checkpointer.ts).
import Database from "better-sqlite3";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { startWalCheckpointer } from "./sqlite-wal-checkpointer";
import { aggregateUsage, keysToTouch } from "./usage-aggregate";
import type { UsageEvent } from "./usage-event";
import type { UsageWriter } from "./write-usage-batch";

const CHUNK = 50;

/** Prisma's DateTime text format on SQLite (ISO 8601 with an explicit offset); other readers depend on it. */
export function sqliteDateTime(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

export function createSqliteUsageWriter(file: string): UsageWriter {
  const sqlite = new Database(file, { timeout: 10_000 });
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("wal_autocheckpoint = 0");
  // Once a checkpoint has caught up, the next commit starts the WAL over; this caps what stays on disk.
  sqlite.pragma("journal_size_limit = 67108864");
  const checkpointer = startWalCheckpointer(file);
  const insertRecord = sqlite.prepare(`
    INSERT INTO "UsageRecord" ("requestId", "orgId", "keyId", "userId", "teamId", "model", "providerId", "providerKind",
      "upstreamModel", "inputTokens", "outputTokens", "cachedTokens", "costMicros", "latencyMs", "ttftMs", "streamed",
      "status", "errorType", "estimated", "endpoint", "createdAt")
    VALUES (@requestId, @orgId, @keyId, @userId, @teamId, @model, @providerId, @providerKind, @upstreamModel, @inputTokens,
      @outputTokens, @cachedTokens, @costMicros, @latencyMs, @ttftMs, @streamed, @status, @errorType, @estimated, @endpoint, @createdAt)
    ON CONFLICT ("requestId") DO NOTHING`);
  const upsertRollup = sqlite.prepare(`
    INSERT INTO "UsageRollup" ("hour", "orgId", "model", "userId", "teamId", "keyId", "calls", "errors", "inputTokens",
      "outputTokens", "cachedTokens", "costMicros", "latencySumMs")
    VALUES (@hour, @orgId, @model, @userId, @teamId, @keyId, @calls, @errors, @inputTokens, @outputTokens, @cachedTokens,
      @costMicros, @latencySumMs)
    ON CONFLICT ("hour", "orgId", "model", "userId", "teamId", "keyId") DO UPDATE SET
      "calls" = "calls" + excluded."calls", "errors" = "errors" + excluded."errors",
      "inputTokens" = "inputTokens" + excluded."inputTokens", "outputTokens" = "outputTokens" + excluded."outputTokens",
      "cachedTokens" = "cachedTokens" + excluded."cachedTokens", "costMicros" = "costMicros" + excluded."costMicros",
      "latencySumMs" = "latencySumMs" + excluded."latencySumMs"`);
  const upsertLatency = sqlite.prepare(`
    INSERT INTO "LatencyRollup" ("hour", "orgId", "model", "bucket", "count") VALUES (@hour, @orgId, @model, @bucket, @count)
    ON CONFLICT ("hour", "orgId", "model", "bucket") DO UPDATE SET "count" = "count" + excluded."count"`);
  const touchKey = sqlite.prepare(`UPDATE "ApiKey" SET "lastUsedAt" = ? WHERE "id" = ?`);

  const writeChunk = sqlite.transaction((events: readonly UsageEvent[]): number => {
    const fresh: UsageEvent[] = [];
    for (const e of events) {
      const { changes } = insertRecord.run({
        ...e,
        streamed: e.streamed ? 1 : 0,
        estimated: e.estimated ? 1 : 0,
        createdAt: sqliteDateTime(e.createdAt),
      });
      if (changes === 1) fresh.push(e); // 0 = a retried flush: already stored, already rolled up
    }
    const deltas = aggregateUsage(fresh);
    for (const r of deltas.rollups) upsertRollup.run({ ...r, hour: sqliteDateTime(r.hour) });
    for (const l of deltas.latency) upsertLatency.run({ ...l, hour: sqliteDateTime(l.hour) });
    for (const [keyId, at] of keysToTouch(deltas.keysLastUsed)) touchKey.run(sqliteDateTime(at), keyId);
    return fresh.length;
  });

  return {
    async write(events) {
      let stored = 0;
      for (let i = 0; i < events.length; i += CHUNK) {
        if (i > 0) await yieldToEventLoop();
        // IMMEDIATE takes the write lock up front: no lock-upgrade deadlock with another writer.
        stored += writeChunk.immediate(events.slice(i, i + CHUNK));
      }
      return stored;
    },
    async close() {
      sqlite.close();
      await checkpointer.stop();
    },
  };
}
