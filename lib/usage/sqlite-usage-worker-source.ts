// The code of the SQLite usage worker thread (started by sqlite-usage-worker.ts). It owns the one
// better-sqlite3 connection that writes usage, its prepared statements and its checkpoints, so none
// of that synchronous work ever runs on the proxy's event loop.
//
// It does no arithmetic: the main thread sends each chunk's rows with the rollup deltas already
// computed (usage-aggregate.ts is the single source of them). One message = one IMMEDIATE
// transaction: insert the records; if every one was new, apply the deltas and commit; if some
// request ids were stored already (a retried flush), roll back and answer with their indexes, so
// the main thread can recompute the deltas without them and send the chunk again.
//
// Inline source (`eval: true`), so it runs the same from the Next.js bundle, the esbuild server
// bundle and vitest: there is no worker file to locate. Plain CommonJS, no TypeScript.
//
// Messages in:  { type: "write", id, chunk: { records, rollups, latency, touches } }   | { type: "close" }
// Messages out: { id, stored } | { id, duplicates: number[] } | { id, error: { message, code } }
// After "close" it runs a TRUNCATE checkpoint, closes the database and exits (no answer: the exit is it).
export const SQLITE_USAGE_WORKER_SOURCE = `
"use strict";
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);

const db = new Database(workerData.file, { timeout: 10000 });
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

let statements = null;
// Prepared on first use (not at start), so a missing table fails that write, not the thread.
function prepared() {
  if (statements) return statements;
  const insertRecord = db.prepare(\`
    INSERT INTO "UsageRecord" ("requestId", "orgId", "keyId", "userId", "teamId", "model", "providerId", "providerKind",
      "upstreamModel", "inputTokens", "outputTokens", "cachedTokens", "costMicros", "latencyMs", "ttftMs", "streamed",
      "status", "errorType", "estimated", "endpoint", "createdAt")
    VALUES (@requestId, @orgId, @keyId, @userId, @teamId, @model, @providerId, @providerKind, @upstreamModel, @inputTokens,
      @outputTokens, @cachedTokens, @costMicros, @latencyMs, @ttftMs, @streamed, @status, @errorType, @estimated, @endpoint, @createdAt)
    ON CONFLICT ("requestId") DO NOTHING\`);
  const upsertRollup = db.prepare(\`
    INSERT INTO "UsageRollup" ("hour", "orgId", "model", "userId", "teamId", "keyId", "calls", "errors", "inputTokens",
      "outputTokens", "cachedTokens", "costMicros", "latencySumMs")
    VALUES (@hour, @orgId, @model, @userId, @teamId, @keyId, @calls, @errors, @inputTokens, @outputTokens, @cachedTokens,
      @costMicros, @latencySumMs)
    ON CONFLICT ("hour", "orgId", "model", "userId", "teamId", "keyId") DO UPDATE SET
      "calls" = "calls" + excluded."calls", "errors" = "errors" + excluded."errors",
      "inputTokens" = "inputTokens" + excluded."inputTokens", "outputTokens" = "outputTokens" + excluded."outputTokens",
      "cachedTokens" = "cachedTokens" + excluded."cachedTokens", "costMicros" = "costMicros" + excluded."costMicros",
      "latencySumMs" = "latencySumMs" + excluded."latencySumMs"\`);
  const upsertLatency = db.prepare(\`
    INSERT INTO "LatencyRollup" ("hour", "orgId", "model", "bucket", "count") VALUES (@hour, @orgId, @model, @bucket, @count)
    ON CONFLICT ("hour", "orgId", "model", "bucket") DO UPDATE SET "count" = "count" + excluded."count"\`);
  const touchKey = db.prepare(\`UPDATE "ApiKey" SET "lastUsedAt" = ? WHERE "id" = ?\`);
  statements = { insertRecord, upsertRollup, upsertLatency, touchKey };
  return statements;
}

// Thrown inside the transaction to roll it back: the precomputed deltas counted these records.
class AlreadyStored {
  constructor(indexes) {
    this.indexes = indexes;
  }
}

const writeChunk = db.transaction((chunk) => {
  const s = prepared();
  const duplicates = [];
  for (let i = 0; i < chunk.records.length; i++) {
    if (s.insertRecord.run(chunk.records[i]).changes === 0) duplicates.push(i);
  }
  if (duplicates.length > 0) throw new AlreadyStored(duplicates);
  for (const r of chunk.rollups) s.upsertRollup.run(r);
  for (const l of chunk.latency) s.upsertLatency.run(l);
  for (const [keyId, at] of chunk.touches) s.touchKey.run(at, keyId);
  return chunk.records.length;
});

function close() {
  try {
    db.pragma("wal_checkpoint(TRUNCATE)");
  } catch {
    // a reader held the WAL past the busy timeout: the next start checkpoints it
  }
  db.close();
  parentPort.close();
}

parentPort.on("message", (message) => {
  if (message.type === "close") return close();
  try {
    // IMMEDIATE takes the write lock up front: no lock-upgrade deadlock with another writer.
    parentPort.postMessage({ id: message.id, stored: writeChunk.immediate(message.chunk) });
  } catch (error) {
    if (error instanceof AlreadyStored) parentPort.postMessage({ id: message.id, duplicates: error.indexes });
    else parentPort.postMessage({ id: message.id, error: { message: String(error && error.message), code: error && error.code } });
  }
});
`;
