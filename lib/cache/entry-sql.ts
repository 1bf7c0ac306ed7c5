// Entry rows written with the database drivers themselves, not through Prisma: its query compiler
// spent 160–280 ms of the event loop on a batch of 200 entries, and even its raw-query path 50–80 ms
// (measured 2026-12-03), which at a few hundred misses a second was a third of the proxy's CPU.
// SQLite: a thread of its own (sqlite-cache-thread.ts) inserts each batch in one transaction (10–30 ms
// of synchronous work per 200 entries that the event loop no longer carries). PostgreSQL: one
// statement per batch with a parameter array per column, on a pool of one connection. Dates are stored as Prisma stores them on each database (text
// with an explicit offset on SQLite, timestamp(3) on PostgreSQL), so Prisma reads these rows like its own.
import pg from "pg";
import { env } from "../env";
import type { StoredEntry } from "./cache-entry";
import { packCacheEntries } from "./cache-entry-pack";
import { vectorToBytes } from "./entry-rows";
import { pastBoundsQuery } from "./entry-bounds-sql";
import { CACHE_ENTRY_COLUMNS } from "./sqlite-cache-protocol";
import { SqliteCacheWriter } from "./sqlite-cache-writer";

const COLUMNS = CACHE_ENTRY_COLUMNS;
const PG_TYPES = [
  "text", "text", "text", "text", "text", "text", "text", "text", "text", "text", "text", "text",
  "bytea", "text", "int", "int", "int", "int", "text", "timestamp(3)", "timestamp(3)", "timestamp(3)",
];
/** A later write of the same key replaces the whole entry (a no-cache refresh, or two misses at once). */
const UPDATE = COLUMNS.filter((c) => c !== "orgId" && c !== "key").map((c) => `"${c}" = excluded."${c}"`).join(", ");
const COLUMN_LIST = COLUMNS.map((c) => `"${c}"`).join(", ");

function values(entry: StoredEntry, date: (ms: number) => string): unknown[] {
  return [
    entry.id, entry.orgId, entry.key, entry.namespace, entry.teamId, entry.keyId, entry.model, entry.kind, entry.contextKey,
    entry.prompt, entry.request, entry.answer, entry.vector ? Buffer.from(vectorToBytes(entry.vector)) : null, entry.embedder,
    entry.inputTokens, entry.outputTokens, entry.bytes, 0, entry.source, date(entry.createdAt), date(entry.createdAt), date(entry.expiresAt),
  ];
}

export interface EntryTouch {
  id: string;
  hits: number;
  /** epoch ms */
  at: number;
}

/** An entry the sweeper deleted. */
export interface DeletedEntry {
  id: string;
  key: string;
  orgId: string;
}

interface EntrySink {
  insert(entries: readonly StoredEntry[]): Promise<void>;
  touch(touches: readonly EntryTouch[]): Promise<void>;
  expire(now: Date): Promise<DeletedEntry[]>;
  evict(orgId: string, bounds: { maxEntries: number; maxBytes: number }): Promise<DeletedEntry[]>;
  close(): Promise<void>;
}

const deletedOf = (rows: [string, string, string][]): DeletedEntry[] => rows.map(([id, key, orgId]) => ({ id, key, orgId }));

/** Rows deleted per statement: the write lock is never held long. */
const PG_DELETE_BATCH = 500;
const PG_PAST_BOUNDS = pastBoundsQuery(["$1", "$2", "$3"]);

function sqliteSink(file: string): EntrySink {
  const writer = new SqliteCacheWriter(file);
  return {
    // Packed, rows built in the thread (cache-entry-pack.ts).
    insert: (entries) => writer.write(packCacheEntries(entries, vectorToBytes)),
    touch: (touches) => writer.touch(touches.map((t) => [t.id, t.hits, t.at])),
    expire: async (now) => deletedOf(await writer.expire(now.getTime())),
    evict: async (orgId, bounds) => deletedOf(await writer.evict(orgId, bounds.maxEntries, bounds.maxBytes)),
    close: () => writer.close(),
  };
}

function postgresSink(connectionString: string): EntrySink {
  const pool = new pg.Pool({ connectionString, max: 1 });
  pool.on("error", () => {}); // a broken idle connection: the next write reconnects and reports
  const unnest = PG_TYPES.map((type, i) => `$${i + 1}::${type}[]`).join(", ");
  const sql = `INSERT INTO "CacheEntry" (${COLUMN_LIST}) SELECT * FROM unnest(${unnest}) ON CONFLICT ("orgId", "key") DO UPDATE SET ${UPDATE}`;
  const date = (ms: number) => new Date(ms).toISOString();
  const deleteRows = async (rows: DeletedEntry[]): Promise<DeletedEntry[]> => {
    for (let at = 0; at < rows.length; at += PG_DELETE_BATCH) {
      await pool.query(`DELETE FROM "CacheEntry" WHERE "id" = ANY($1::text[])`, [rows.slice(at, at + PG_DELETE_BATCH).map((row) => row.id)]);
    }
    return rows;
  };
  return {
    async insert(entries) {
      const rows = entries.map((entry) => values(entry, date));
      await pool.query(sql, COLUMNS.map((_, column) => rows.map((row) => row[column])));
    },
    async touch(touches) {
      await pool.query(
        `UPDATE "CacheEntry" AS e SET "hits" = e."hits" + t.hits, "lastUsedAt" = t.at FROM unnest($1::text[], $2::int[], $3::timestamp(3)[]) AS t(id, hits, at) WHERE e."id" = t.id`,
        [touches.map((t) => t.id), touches.map((t) => t.hits), touches.map((t) => date(t.at))],
      );
    },
    async expire(now) {
      const { rows } = await pool.query<DeletedEntry>(`SELECT "id", "key", "orgId" FROM "CacheEntry" WHERE "expiresAt" <= $1::timestamp(3)`, [date(now.getTime())]);
      return deleteRows(rows);
    },
    async evict(orgId, bounds) {
      const { rows } = await pool.query<DeletedEntry>(PG_PAST_BOUNDS, [orgId, bounds.maxEntries, bounds.maxBytes]);
      return deleteRows(rows);
    },
    async close() {
      await pool.end();
    },
  };
}

const slot = globalThis as unknown as { tollgateCacheSink?: { url: string; sink: EntrySink } };

function entrySink(): EntrySink {
  const url = env().DATABASE_URL;
  const current = slot.tollgateCacheSink;
  if (current?.url === url) return current.sink;
  if (current) void current.sink.close().catch(() => {});
  const sink = /^postgres(ql)?:\/\//.test(url) ? postgresSink(url) : sqliteSink(url.replace(/^file:/, ""));
  slot.tollgateCacheSink = { url, sink };
  return sink;
}

/** Inserts (or replaces, by organization and key) a batch of entries; one key appears once per batch. */
export function insertEntries(entries: readonly StoredEntry[]): Promise<void> {
  return entries.length === 0 ? Promise.resolve() : entrySink().insert(entries);
}

/** Adds hits to entries and moves their lastUsedAt (what the database tier evicts by). */
export function touchEntries(touches: readonly EntryTouch[]): Promise<void> {
  return touches.length === 0 ? Promise.resolve() : entrySink().touch(touches);
}

/** Deletes the entries expired at `now` (the sweeper); resolves what was deleted. */
export function deleteExpiredEntries(now: Date): Promise<DeletedEntry[]> {
  return entrySink().expire(now);
}

/** Deletes an organization's least recently used entries past its bounds (the sweeper); resolves what was deleted. */
export function evictEntries(orgId: string, bounds: { maxEntries: number; maxBytes: number }): Promise<DeletedEntry[]> {
  return entrySink().evict(orgId, bounds);
}

export async function closeEntrySink(): Promise<void> {
  const current = slot.tollgateCacheSink;
  slot.tollgateCacheSink = undefined;
  await current?.sink.close();
}
