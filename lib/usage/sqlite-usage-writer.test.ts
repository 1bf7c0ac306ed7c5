// The SQLite usage writer runs all its SQL in a worker thread. These tests use real SQLite files
// with the real migrations (applied once, the way test/support/global-setup.ts does, then copied per
// test) and check what the thread writes, that idempotency still holds, that close() drains and
// truncates the WAL, that failures reject instead of hanging, and that the event loop stays free.
import Database from "better-sqlite3";
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { uniqueSuffix } from "../../test/support/test-ids";
import { hourOf, latencyBucketOf } from "./latency-buckets";
import type { UsageEvent } from "./usage-event";
import { createSqliteUsageWriter } from "./sqlite-usage-writer";
import { sqliteDateTime } from "../time/sqlite-date-time";
import type { UsageWriter } from "./usage-writer";

const ROOT = path.resolve(__dirname, "../..");
let dir: string;
let template: string;
const open: { writers: UsageWriter[]; readers: Database.Database[] } = { writers: [], readers: [] };

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "tollgate-sqlite-writer-"));
  template = path.join(dir, "template.db");
  execFileSync(process.execPath, [path.join(ROOT, "scripts/prisma.mjs"), "migrate-deploy"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: `file:${template}` },
    stdio: "ignore",
  });
  const migrated = new Database(template);
  migrated.pragma("wal_checkpoint(TRUNCATE)"); // everything in the main file, so a copy is complete
  migrated.close();
});

afterEach(async () => {
  await Promise.allSettled(open.writers.splice(0).map((w) => w.close()));
  for (const reader of open.readers.splice(0)) reader.close();
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A migrated database of its own, a writer on it, and a connection to look at it with. */
function freshDatabase(options?: Parameters<typeof createSqliteUsageWriter>[1]) {
  const file = path.join(dir, `usage-${uniqueSuffix()}.db`);
  copyFileSync(template, file);
  const writer = createSqliteUsageWriter(file, options);
  const sqlite = new Database(file, { timeout: 10_000 });
  sqlite.defaultSafeIntegers(true);
  open.writers.push(writer);
  open.readers.push(sqlite);
  return { file, writer, sqlite };
}

function event(overrides: Partial<UsageEvent> = {}): UsageEvent {
  return {
    requestId: `req_${uniqueSuffix()}${uniqueSuffix()}`,
    orgId: "org_1", keyId: null, userId: "user_1", teamId: null, model: "gpt-test",
    providerId: null, providerKind: "openai", upstreamModel: "up-model",
    inputTokens: 100, outputTokens: 40, cachedTokens: 7, costMicros: 9_007_199_254_740_993n,
    latencyMs: 321, ttftMs: 45, streamed: true, status: 200, errorType: null,
    estimated: false, endpoint: "chat.completions", createdAt: new Date("2026-03-04T05:06:07.891Z"),
    ...overrides,
  };
}

function count(sqlite: Database.Database, table: string): number {
  return Number((sqlite.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: bigint }).n);
}

function rollupTotals(sqlite: Database.Database) {
  const row = sqlite.prepare(`SELECT SUM("calls") AS calls, SUM("errors") AS errors, SUM("costMicros") AS cost FROM "UsageRollup"`).get() as {
    calls: bigint | null; errors: bigint | null; cost: bigint | null;
  };
  const latency = sqlite.prepare(`SELECT SUM("count") AS n FROM "LatencyRollup"`).get() as { n: bigint | null };
  return { calls: Number(row.calls ?? 0n), errors: Number(row.errors ?? 0n), cost: row.cost ?? 0n, latencyCount: Number(latency.n ?? 0n) };
}

function walBytes(file: string): number {
  return existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0;
}

describe("createSqliteUsageWriter", () => {
  it("writes records, rollups, latency histograms and key use through the worker", async () => {
    const { writer, sqlite } = freshDatabase();
    const keyId = `key_${uniqueSuffix()}`;
    sqlite.exec(`INSERT INTO "Organization" ("id", "name") VALUES ('org_1', 'Org');
      INSERT INTO "User" ("id", "orgId", "email", "name", "updatedAt") VALUES ('user_1', 'org_1', 'u1@t.local', 'U1', '2026-01-01T00:00:00.000+00:00');
      INSERT INTO "ApiKey" ("id", "orgId", "userId", "name", "keyHash", "prefix", "updatedAt")
        VALUES ('${keyId}', 'org_1', 'user_1', 'k', 'hash-${keyId}', 'tg-x', '2026-01-01T00:00:00.000+00:00')`);
    const ok = event({ keyId });
    const failed = event({ keyId, status: 502, errorType: "upstream_error", streamed: false, ttftMs: null, latencyMs: 40, createdAt: new Date("2026-03-04T05:10:00.000Z") });

    expect(await writer.write([ok, failed])).toBe(2);

    const row = sqlite.prepare(`SELECT * FROM "UsageRecord" WHERE "requestId" = ?`).get(ok.requestId) as Record<string, unknown>;
    expect(row).toMatchObject({
      orgId: "org_1", keyId, userId: "user_1", teamId: null, costMicros: 9_007_199_254_740_993n, streamed: 1n, estimated: 0n,
      ttftMs: 45n, createdAt: "2026-03-04T05:06:07.891+00:00", endpoint: "chat.completions",
    });
    const rollup = sqlite.prepare(`SELECT * FROM "UsageRollup"`).all() as Record<string, unknown>[];
    expect(rollup).toHaveLength(1);
    expect(rollup[0]).toMatchObject({
      hour: sqliteDateTime(hourOf(ok.createdAt)), orgId: "org_1", model: "gpt-test", userId: "user_1", teamId: "", keyId,
      calls: 2n, errors: 1n, inputTokens: 200n, costMicros: 2n * 9_007_199_254_740_993n, latencySumMs: 361n,
    });
    const buckets = sqlite.prepare(`SELECT "bucket", "count" FROM "LatencyRollup" ORDER BY "bucket"`).all();
    expect(buckets).toEqual([
      { bucket: BigInt(latencyBucketOf(40)), count: 1n },
      { bucket: BigInt(latencyBucketOf(321)), count: 1n },
    ]);
    const key = sqlite.prepare(`SELECT "lastUsedAt" FROM "ApiKey" WHERE "id" = ?`).get(keyId) as { lastUsedAt: string };
    expect(key.lastUsedAt).toBe("2026-03-04T05:10:00.000+00:00");
  });

  it("stores every field of an event in its own column, and the columns' defaults for optional fields left out", async () => {
    // The thread binds a record's values by position: a value in the wrong place must show here.
    const { writer, sqlite } = freshDatabase();
    const full = event({
      keyId: "key_f", userId: "user_f", teamId: "team_f", model: "model_f", providerId: "prov_f", providerKind: "anthropic", upstreamModel: "up_f",
      inputTokens: 11, outputTokens: 12, cachedTokens: 13, cacheWriteTokens: 14, costMicros: 15n, latencyMs: 16, ttftMs: 17, streamed: true,
      status: 429, errorType: "rate_limited", estimated: true, endpoint: "messages", cache: "miss", costSavedMicros: 18n, refusal: "quota",
      batchId: "batch_f", deploymentId: "dep_f", attempts: 2, fallbackModel: "fallback_f", router: "router_f",
      attemptLog: [
        { deploymentId: "dep_a", model: "model_f", status: 503, errorType: "upstream_error", upstreamStatus: 503, latencyMs: 5, ttftMs: null },
        { deploymentId: "dep_f", model: "fallback_f", status: 429, errorType: "rate_limited", upstreamStatus: 429, latencyMs: 6, ttftMs: null },
      ],
      createdAt: new Date("2026-03-04T05:06:07.019Z"),
    });
    const bare = event({ providerId: "prov_b", ttftMs: null, streamed: false });
    expect(await writer.write([full, bare])).toBe(2);

    const stored = (requestId: string) => sqlite.prepare(`SELECT * FROM "UsageRecord" WHERE "requestId" = ?`).get(requestId);
    expect(stored(full.requestId)).toEqual({
      requestId: full.requestId, orgId: "org_1", keyId: "key_f", userId: "user_f", teamId: "team_f", model: "model_f", providerId: "prov_f",
      providerKind: "anthropic", upstreamModel: "up_f", inputTokens: 11n, outputTokens: 12n, cachedTokens: 13n, cacheWriteTokens: 14n, costMicros: 15n,
      latencyMs: 16n, ttftMs: 17n, streamed: 1n, status: 429n, errorType: "rate_limited", estimated: 1n, endpoint: "messages", cache: "miss",
      costSavedMicros: 18n, refusal: "quota", batchId: "batch_f", deploymentId: "dep_f", attempts: 2n, fallbackModel: "fallback_f", router: "router_f",
      attemptLog: JSON.stringify(full.attemptLog), createdAt: "2026-03-04T05:06:07.019+00:00",
    });
    expect(stored(bare.requestId)).toMatchObject({
      providerId: "prov_b", ttftMs: null, streamed: 0n, cache: null, costSavedMicros: 0n, refusal: null, cacheWriteTokens: 0n, batchId: null,
      deploymentId: null, attempts: 1n, fallbackModel: null, router: null, attemptLog: null,
    });
  });

  it("stores and rolls up only the new records of a retried batch", async () => {
    const { writer, sqlite } = freshDatabase({ chunkSize: 100 });
    const first = Array.from({ length: 150 }, (_, i) => event({ latencyMs: 10 + i }));
    expect(await writer.write(first)).toBe(150);

    // The same flush again after a lost answer, now with 30 new records and a repeat inside the batch,
    // spread over several chunks so some chunks are all old, some mixed.
    const fresh = Array.from({ length: 30 }, () => event({ status: 500 }));
    const retried = [...first.slice(0, 120), ...fresh.slice(0, 10), ...first.slice(120), fresh[0], ...fresh.slice(10)];
    expect(await writer.write(retried)).toBe(30);
    expect(await writer.write(retried)).toBe(0);

    expect(count(sqlite, "UsageRecord")).toBe(180);
    expect(rollupTotals(sqlite)).toEqual({ calls: 180, errors: 30, cost: 180n * 9_007_199_254_740_993n, latencyCount: 180 });
  });

  it("close() finishes the writes in flight, truncates the WAL and refuses later writes", async () => {
    const { file, writer, sqlite } = freshDatabase();
    const writing = writer.write(Array.from({ length: 1000 }, (_, i) => event({ model: `m-${i % 3}` })));
    const closing = writer.close();
    expect(await writing).toBe(1000);
    await closing;

    expect(walBytes(file)).toBe(0);
    expect(count(sqlite, "UsageRecord")).toBe(1000);
    expect(rollupTotals(sqlite).calls).toBe(1000);
    await expect(writer.write([event()])).rejects.toThrow(/closed/);
  });

  it("rejects a write that SQLite refuses, stores none of it, and writes again afterwards", async () => {
    const { writer, sqlite } = freshDatabase();
    const batch = [event(), event()];

    sqlite.exec(`ALTER TABLE "UsageRollup" RENAME TO "UsageRollupAway"`);
    await expect(writer.write(batch)).rejects.toThrow(/no such table/);
    sqlite.exec(`ALTER TABLE "UsageRollupAway" RENAME TO "UsageRollup"`);
    expect(count(sqlite, "UsageRecord")).toBe(0); // the records went back with the failed rollups

    const bad = event({ orgId: null as unknown as string });
    await expect(writer.write([event(), bad])).rejects.toMatchObject({ code: "SQLITE_CONSTRAINT_NOTNULL" });

    expect(await writer.write(batch)).toBe(2);
    expect(count(sqlite, "UsageRecord")).toBe(2);
    expect(rollupTotals(sqlite).calls).toBe(2);
  });

  it("rejects the writes of a worker that dies and starts a new one for the next write", async () => {
    const missing = path.join(dir, `later-${uniqueSuffix()}`);
    const file = path.join(missing, "usage.db"); // its directory does not exist: opening it kills the thread
    const writer = createSqliteUsageWriter(file);
    open.writers.push(writer);
    const batch = [event()];
    await expect(writer.write(batch)).rejects.toThrow(/directory does not exist|unable to open/);

    mkdirSync(missing);
    copyFileSync(template, file);
    expect(await writer.write(batch)).toBe(1);
  });

  it("rejects a write the worker does not answer in time, and recovers", async () => {
    const { writer, sqlite } = freshDatabase({ replyTimeoutMs: 1_000 });
    await writer.write([event()]);
    sqlite.exec("BEGIN IMMEDIATE"); // holds the write lock: the worker waits on its 10 s busy timeout
    const started = Date.now();
    await expect(writer.write([event()])).rejects.toThrow(/did not answer within 1000 ms/);
    expect(Date.now() - started).toBeLessThan(5_000);
    sqlite.exec("COMMIT");

    expect(await writer.write([event(), event()])).toBe(2);
    expect(count(sqlite, "UsageRecord")).toBe(3);
  });

  it("writes on its own thread: rows land while the event loop is held", async () => {
    const { writer, sqlite } = freshDatabase();
    await writer.write([event()]); // the thread is up and its statements are prepared
    const events = Array.from({ length: 5000 }, (_, i) => event({ model: `m-${i % 5}`, userId: `u-${i % 7}`, latencyMs: i % 900 }));

    // Hold the event loop synchronously right after the write starts. SQL run on this thread (even
    // in small transactions with yields between them) could not make progress until the loop is
    // free again; the writer's thread commits while this one spins. How long a write stalls the loop
    // is measured by `npm run bench`, not here (timings depend on the machine's load).
    const written = writer.write(events);
    const deadline = Date.now() + 15_000;
    let seen = count(sqlite, "UsageRecord");
    while (seen <= 1 && Date.now() < deadline) seen = count(sqlite, "UsageRecord");
    expect(seen).toBeGreaterThan(1);

    expect(await written).toBe(5000);
    expect(count(sqlite, "UsageRecord")).toBe(5001);
  });
});
