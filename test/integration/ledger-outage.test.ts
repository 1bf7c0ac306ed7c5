// The usage ledger while the database goes away under load (lib/usage/usage-buffer.ts, journal.ts):
// a Tollgate proxy process keeps answering calls, holds at most USAGE_BUFFER_MAX_RECORDS in memory,
// puts the rest in its local journal, reports "degraded", and once the database is back replays the
// journal: every successful call has exactly one usage record and is rolled up once.
// PostgreSQL: the process reaches the database through a TCP proxy of this test's own, which is cut
// (the shared server is never touched). SQLite: this test holds the database's write lock from
// another connection, so the process's writer waits out its busy timeout and fails.
import Database from "better-sqlite3";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeUpstream, type FakeUpstream } from "@/e2e/fake-upstream/server";
import { db } from "@/lib/db";
import { createProviderWithModel, createUserWithKey } from "../support/gateway-fixtures";
import { spawnGateway, type GatewayProcess } from "../support/spawn-gateway";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy";

const databaseUrl = process.env.DATABASE_URL!;
const onPostgres = /^postgres(ql)?:\/\//.test(databaseUrl);
const MAX_RECORDS = 1_000;
const CALLS = 2_500;

interface Ledger {
  health: string;
  pending: number;
  journaled: number;
  dropped: number;
  rss: number;
}

let upstream: FakeUpstream;
let gateway: GatewayProcess;
let proxy: TcpProxy | null = null;
let journalDir: string;
let model: string;
let key: string;

const ledger = async (): Promise<Ledger> => (await fetch(`${gateway.url}/__test/ledger`)).json() as Promise<Ledger>;

async function call(): Promise<{ status: number; requestId: string | null }> {
  const response = await fetch(`${gateway.url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ model, messages: [{ role: "user", content: "hello" }] }),
  });
  await response.arrayBuffer();
  return { status: response.status, requestId: response.headers.get("x-request-id") };
}

/** `total` calls, `concurrency` at a time; the request ids of the answers. */
async function load(total: number, concurrency: number): Promise<{ ids: string[]; statuses: number[] }> {
  const ids: string[] = [];
  const statuses: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next++;
        const { status, requestId } = await call();
        statuses.push(status);
        if (status === 200 && requestId) ids.push(requestId);
      }
    }),
  );
  return { ids, statuses };
}

/** Takes the database away from the gateway process; returns how to give it back. */
function takeDatabaseAway(): () => void {
  if (proxy) {
    proxy.cut();
    return () => proxy!.heal();
  }
  const holder = new Database(databaseUrl.replace(/^file:/, ""));
  holder.exec("BEGIN IMMEDIATE"); // the write lock: the writer's transactions wait, then fail
  return () => {
    holder.exec("COMMIT");
    holder.close();
  };
}

describe("the usage ledger while the database is away", () => {
  beforeAll(async () => {
    upstream = await startFakeUpstream({ apiKey: "sk-upstream", recordLimit: 0 });
    ({ modelName: model } = await createProviderWithModel({ kind: "openai-compatible", baseUrl: `${upstream.url}/v1`, apiKey: "sk-upstream" }));
    ({ key } = await createUserWithKey());
    let gatewayDatabaseUrl = databaseUrl;
    if (onPostgres) {
      const { hostname, port } = new URL(databaseUrl);
      proxy = await startTcpProxy({ host: hostname, port: Number(port || 5432) });
      gatewayDatabaseUrl = proxy.urlFor(databaseUrl);
    }
    journalDir = mkdtempSync(join(tmpdir(), "tollgate-ledger-outage-"));
    gateway = await spawnGateway(
      {
        ...process.env,
        DATABASE_URL: gatewayDatabaseUrl,
        USAGE_JOURNAL_DIR: journalDir,
        USAGE_BUFFER_MAX_RECORDS: String(MAX_RECORDS),
        USAGE_JOURNAL_AFTER_MS: "300",
        USAGE_FLUSH_INTERVAL_MS: "50",
        USAGE_FLUSH_SIZE: "100",
        // Keys and the catalog stay warm: the proxy's hot path needs no database.
        GATEWAY_KEY_CACHE_TTL_MS: "600000",
        LOG_LEVEL: "silent",
      },
      "test/support/ledger-gateway-process.ts",
    );
  }, 120_000);

  afterAll(async () => {
    proxy?.heal();
    await gateway?.stop();
    await proxy?.close();
    await upstream?.close();
    if (journalDir) rmSync(journalDir, { recursive: true, force: true });
  });

  it("keeps serving, stays under its memory bound, journals, and stores every call's record once the database is back", async () => {
    const warm = await call();
    expect(warm.status).toBe(200);
    await expect.poll(() => db().usageRecord.count({ where: { requestId: warm.requestId! } }), { timeout: 10_000 }).toBe(1);
    const before = await ledger();
    expect(before.health).toBe("ok");

    const giveBack = takeDatabaseAway();
    let peakPending = 0;
    let peakRss = before.rss;
    const healths = new Set<string>();
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const state = await ledger();
        peakPending = Math.max(peakPending, state.pending);
        peakRss = Math.max(peakRss, state.rss);
        healths.add(state.health);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    let outage: { ids: string[]; statuses: number[] };
    try {
      outage = await load(CALLS, 25);
      await expect.poll(async () => (await ledger()).journaled, { timeout: 30_000 }).toBeGreaterThan(CALLS - MAX_RECORDS);
    } finally {
      sampling = false;
      await sampler;
      giveBack();
    }

    expect(outage.statuses.filter((s) => s !== 200)).toEqual([]); // the proxy never needed the database
    expect(outage.ids).toHaveLength(CALLS);
    expect(peakPending).toBeLessThanOrEqual(MAX_RECORDS);
    expect(healths).toContain("degraded");
    expect(healths).not.toContain("failing");
    // 2,500 records are about 2.5 MB of objects: the process's memory must not grow with the outage.
    console.info(`[ledger-outage] peak pending ${peakPending} of ${MAX_RECORDS}; RSS grew ${Math.round((peakRss - before.rss) / 1024 / 1024)} MB`);
    expect(peakRss - before.rss).toBeLessThan(150 * 1024 * 1024);

    // Back: the journal is replayed, oldest first, and removed.
    await expect.poll(async () => ledger(), { timeout: 60_000, interval: 200 }).toMatchObject({ health: "ok", pending: 0, journaled: 0, dropped: 0 });
    const ids = [warm.requestId!, ...outage.ids];
    expect(new Set(ids).size).toBe(CALLS + 1);
    let stored = 0;
    for (let i = 0; i < ids.length; i += 500) stored += await db().usageRecord.count({ where: { requestId: { in: ids.slice(i, i + 500) } } });
    expect(stored).toBe(CALLS + 1);
    const rollups = await db().usageRollup.aggregate({ where: { model }, _sum: { calls: true } });
    expect(rollups._sum.calls).toBe(CALLS + 1); // replayed batches are idempotent: nothing counted twice
    expect(readdirSync(journalDir, { recursive: true }).filter((name) => String(name).endsWith(".jsonl"))).toEqual([]);
  }, 180_000);
});
