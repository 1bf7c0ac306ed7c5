// The response cache's SQLite writer thread (started by sqlite-cache-writer.ts): its own
// better-sqlite3 connection inserts each batch of entries in one IMMEDIATE transaction, so none of
// that synchronous work runs on the proxy's event loop (a batch of 200 entries took 10–30 ms there).
// Built into its own CommonJS file by scripts/build-threads.mjs. Messages: sqlite-cache-protocol.ts.
// The rows are built here from the packed entries (cache-entry-pack.ts), dates included, so the
// main thread only packs.
import Database from "better-sqlite3";
import { parentPort, workerData } from "node:worker_threads";
import { sqliteDateTime } from "../time/sqlite-date-time";
import { unpackCacheEntries, type PackedCacheEntries, type UnpackedCacheEntry } from "./cache-entry-pack";
import { CACHE_ENTRY_COLUMNS, type FromSqliteCacheThread, type SqliteCacheThreadData, type ToSqliteCacheThread } from "./sqlite-cache-protocol";

const port = parentPort!;
const { file } = workerData as SqliteCacheThreadData;
const db = new Database(file, { timeout: 10_000 });
db.pragma("journal_mode = WAL");
// As the usage writer: a commit survives a process crash; only an OS crash can take back the last
// commits, which for a cache costs a few upstream calls. No fsync per batch.
db.pragma("synchronous = NORMAL");

const columns = CACHE_ENTRY_COLUMNS.map((c) => `"${c}"`).join(", ");
const update = CACHE_ENTRY_COLUMNS.filter((c) => c !== "orgId" && c !== "key").map((c) => `"${c}" = excluded."${c}"`).join(", ");
let insertAll: ((rows: unknown[][]) => void) | null = null;
let touchAll: ((touches: [string, number, number][]) => void) | null = null;

/** As Prisma stores a DateTime on SQLite: ISO text with an explicit offset. */
const sqliteDate = (ms: number) => sqliteDateTime(new Date(ms));

/** A row's values in CACHE_ENTRY_COLUMNS order (a new entry has no hits; last used when created). */
function rowOf(e: UnpackedCacheEntry): unknown[] {
  const createdAt = sqliteDate(e.createdAt);
  return [
    e.id, e.orgId, e.key, e.namespace, e.teamId, e.keyId, e.model, e.kind, e.contextKey, e.prompt, e.request, e.answer,
    e.vector ? Buffer.from(e.vector.buffer, e.vector.byteOffset, e.vector.byteLength) : null, e.embedder,
    e.inputTokens, e.outputTokens, e.bytes, 0, e.source, createdAt, createdAt, sqliteDate(e.expiresAt),
  ];
}

function rowsOf(packed: PackedCacheEntries): unknown[][] {
  return unpackCacheEntries(packed).map(rowOf);
}

// Prepared on first use, so a missing table fails that write, not the thread.
function inserter(): (rows: unknown[][]) => void {
  if (insertAll) return insertAll;
  const statement = db.prepare(`INSERT INTO "CacheEntry" (${columns}) VALUES (${CACHE_ENTRY_COLUMNS.map(() => "?").join(", ")}) ON CONFLICT ("orgId", "key") DO UPDATE SET ${update}`);
  const transaction = db.transaction((rows: unknown[][]) => {
    for (const row of rows) statement.run(row);
  });
  insertAll = (rows) => transaction.immediate(rows);
  return insertAll;
}

function toucher(): (touches: [string, number, number][]) => void {
  if (touchAll) return touchAll;
  const statement = db.prepare(`UPDATE "CacheEntry" SET "hits" = "hits" + ?, "lastUsedAt" = ? WHERE "id" = ?`);
  const transaction = db.transaction((touches: [string, number, number][]) => {
    for (const [id, hits, at] of touches) statement.run(hits, sqliteDate(at), id);
  });
  touchAll = (touches) => transaction.immediate(touches);
  return touchAll;
}

port.on("message", (message: ToSqliteCacheThread) => {
  let reply: FromSqliteCacheThread;
  try {
    if ("entries" in message) inserter()(rowsOf(message.entries));
    else toucher()(message.touches);
    reply = { id: message.id };
  } catch (error) {
    const failure = error as { message?: string; code?: string };
    reply = { id: message.id, error: { message: String(failure.message), code: failure.code } };
  }
  port.postMessage(reply);
});
