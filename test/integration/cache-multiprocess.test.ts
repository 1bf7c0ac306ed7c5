// The response cache across processes. On any database: an entry stored by one Tollgate process
// survives its restart (the next process loads it and answers without an upstream call). With
// Redis and PostgreSQL (TEST_REDIS_URL and a postgresql:// DATABASE_URL): two processes side by
// side, like replicas behind a load balancer: an entry stored through one is a hit in the other, a
// deletion through the admin API reaches both, and a team never sees another team's entries.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { db } from "@/lib/db";
import { closeSharedStore } from "@/lib/store";
import { deleteCacheEntry } from "@/lib/cache/entry-mutations";
import { startFakeUpstream, type FakeUpstream } from "@/e2e/fake-upstream/server";
import { createCacheWorld, setCache, type CacheWorld } from "../support/cache-fixtures";
import { spawnGateway, type GatewayProcess } from "../support/spawn-gateway";

const redisUrl = process.env.TEST_REDIS_URL;
const onPostgres = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "");
const replicated = Boolean(redisUrl) && onPostgres;
if (!replicated) console.warn("[cache-multiprocess] replica tests SKIPPED: they need TEST_REDIS_URL and a postgresql:// DATABASE_URL.");

let upstream: FakeUpstream;
let world: CacheWorld;
let processes: GatewayProcess[] = [];
let sequence = 0;

const upstreamChats = () => upstream.requests.filter((r) => r.path === "/v1/chat/completions").length;

async function ask(gateway: GatewayProcess, key: string, content: string) {
  const response = await fetch(`${gateway.url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ model: world.model, messages: [{ role: "user", content }] }),
  });
  await response.text();
  return { status: response.status, cache: response.headers.get("x-tollgate-cache") };
}

async function stored(content: string) {
  await expect.poll(() => db().cacheEntry.count({ where: { orgId: world.orgId, prompt: content } }), { timeout: 10_000 }).toBe(1);
}

function gatewayEnv(): NodeJS.ProcessEnv {
  return { ...process.env, ...(replicated ? { REDIS_URL: redisUrl } : {}), LOG_LEVEL: "warn", USAGE_FLUSH_INTERVAL_MS: "200" };
}

beforeAll(async () => {
  if (replicated) {
    // This process publishes changes (settings, deletions) through the replicas' Redis.
    process.env.REDIS_URL = redisUrl;
    resetEnvCache();
    await closeSharedStore();
  }
  upstream = await startFakeUpstream({ apiKey: "sk-upstream" });
  world = await createCacheWorld(upstream.url);
  await setCache(world.orgId, { enabled: true });
}, 60_000);

afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop()));
  await upstream?.close();
  if (replicated) await closeSharedStore();
});

describe("the response cache across processes", () => {
  it("serves an entry stored before a restart without calling the upstream", async () => {
    const [alpha] = world.teams;
    const content = `survives a restart #${++sequence}`;
    const first = await spawnGateway(gatewayEnv());
    processes.push(first);
    expect(await ask(first, alpha.key, content)).toEqual({ status: 200, cache: "miss" });
    await stored(content);
    await first.stop();
    processes = processes.filter((p) => p !== first);
    const second = await spawnGateway(gatewayEnv());
    processes.push(second);
    const before = upstreamChats();
    expect(await ask(second, alpha.key, content)).toEqual({ status: 200, cache: "hit" });
    expect(upstreamChats()).toBe(before);
  }, 120_000);

  it.skipIf(!replicated)("shares entries between two live replicas, keeps teams apart, and invalidates everywhere", async () => {
    const [alpha, beta] = world.teams;
    const [a, b] = await Promise.all([spawnGateway(gatewayEnv()), spawnGateway(gatewayEnv())]);
    processes.push(a, b);
    const content = `shared between replicas #${++sequence}`;
    // b loads its index before the entry exists: it can only learn of it from a's announcement.
    expect((await ask(b, alpha.key, `warm up #${++sequence}`)).status).toBe(200);
    expect(await ask(a, alpha.key, content)).toEqual({ status: 200, cache: "miss" });
    await stored(content);
    const before = upstreamChats();
    await expect.poll(async () => (await ask(b, alpha.key, content)).cache, { timeout: 10_000 }).toBe("hit");
    expect(upstreamChats()).toBe(before);
    expect((await ask(b, beta.key, content)).cache).toBe("miss");

    const entry = await db().cacheEntry.findFirstOrThrow({ where: { orgId: world.orgId, prompt: content, teamId: alpha.teamId } });
    await deleteCacheEntry({ orgId: world.orgId, id: entry.id });
    await expect.poll(async () => [(await ask(a, alpha.key, content)).cache, (await ask(b, alpha.key, content)).cache], { timeout: 10_000 }).toContain("miss");
  }, 120_000);
});
