// The response cache's SQLite writer thread (started by sqlite-cache-writer.ts): its own
// better-sqlite3 connection inserts each batch of entries in one IMMEDIATE transaction, so none of
// that synchronous work runs on the proxy's event loop (a batch of 200 entries took 10–30 ms there).
// Built into its own CommonJS file by scripts/build-threads.mjs. Messages: sqlite-cache-protocol.ts.
// The rows are built here from the packed entries (cache-entry-pack.ts), dates included, so the
// main thread only packs.
import Database from "better-sqlite3";
import { parentPort, workerData } from "node:worker_threads";
import { sqliteDateTime } from "../time/sqlite-date-time";
import { pastBoundsQuery } from "./entry-bounds-sql";
import { unpackCacheEntries, type PackedCacheEntries, type UnpackedCacheEntry } from "./cache-entry-pack";
import { CACHE_ENTRY_COLUMNS, type DeletedEntryRow, type FromSqliteCacheThread, type SqliteCacheThreadData, type ToSqliteCacheThread } from "./sqlite-cache-protocol";

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

// The sweeper's deletions (cache-sweeper.ts), here rather than through Prisma on the proxy's thread:
// under a stream of misses the sweep deletes about as many entries a minute as were inserted. The
// victims are chosen in one read, then deleted in transactions of DELETE_BATCH rows, so the database's
// write lock is never held long (the usage writer and Prisma wait for it).
const DELETE_BATCH = 500;
const SELECT_EXPIRED = `SELECT "id", "key", "orgId" FROM "CacheEntry" WHERE "expiresAt" <= ?`;
const SELECT_PAST_BOUNDS = pastBoundsQuery(["?", "?", "?"]);

function deleteRows(rows: DeletedEntryRow[]): DeletedEntryRow[] {
  const statement = db.prepare(`DELETE FROM "CacheEntry" WHERE "id" IN (SELECT "value" FROM json_each(?))`);
  const deleteBatch = db.transaction((ids: string[]) => statement.run(JSON.stringify(ids)));
  for (let at = 0; at < rows.length; at += DELETE_BATCH) deleteBatch.immediate(rows.slice(at, at + DELETE_BATCH).map((row) => row[0]));
  return rows;
}

function sweep(message: Extract<ToSqliteCacheThread, { expire: unknown } | { evict: unknown }>): DeletedEntryRow[] {
  if ("expire" in message) return deleteRows(db.prepare(SELECT_EXPIRED).raw().all(sqliteDate(message.expire.now)) as DeletedEntryRow[]);
  const { orgId, maxEntries, maxBytes } = message.evict;
  return deleteRows(db.prepare(SELECT_PAST_BOUNDS).raw().all(orgId, maxEntries, maxBytes) as DeletedEntryRow[]);
}

port.on("message", (message: ToSqliteCacheThread) => {
  let reply: FromSqliteCacheThread;
  try {
    if ("entries" in message) inserter()(rowsOf(message.entries));
    else if ("touches" in message) toucher()(message.touches);
    else {
      port.postMessage({ id: message.id, deleted: sweep(message) } satisfies FromSqliteCacheThread);
      return;
    }
    reply = { id: message.id };
  } catch (error) {
    const failure = error as { message?: string; code?: string };
    reply = { id: message.id, error: { message: String(failure.message), code: failure.code } };
  }
  port.postMessage(reply);
});
