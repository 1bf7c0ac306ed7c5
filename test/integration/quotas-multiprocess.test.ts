// Two separate Tollgate processes sharing Redis and PostgreSQL, like two replicas behind a load
// balancer: quotas and rate limits must admit exactly their limit however the calls are spread.
// Needs TEST_REDIS_URL and a PostgreSQL DATABASE_URL (scripts/test.mjs sets both when the servers
// are reachable); without them the suite is skipped with a warning.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { closeSharedStore } from "@/lib/store";
import { startFakeUpstream, type FakeUpstream } from "@/e2e/fake-upstream/server";
import { createProviderWithModel, createUserWithKey } from "../support/gateway-fixtures";
import { chat, enableTestAdminApiKey, putQuota, putRateLimit, setTier, tally } from "../support/governance-fixtures";
import { spawnGateway, type GatewayProcess } from "../support/spawn-gateway";

const redisUrl = process.env.TEST_REDIS_URL;
const onPostgres = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "");
const enabled = Boolean(redisUrl) && onPostgres;
if (!enabled) {
  console.warn("[quotas-multiprocess] SKIPPED: needs TEST_REDIS_URL and a postgresql:// DATABASE_URL (two processes cannot share a SQLite file and an in-process store).");
}

let upstream: FakeUpstream;
let model: string;
let flatModel: string;
let replicas: GatewayProcess[] = [];

async function caller() {
  const created = await createUserWithKey();
  await setTier(created.userId, "enterprise");
  return created;
}

/** `count` calls at once, alternating between the two processes. */
function burst(count: number, key: string, body: Record<string, unknown>) {
  return Promise.all(Array.from({ length: count }, (_, i) => chat(replicas[i % 2].url, key, body)));
}

/**
 * Waits until both processes run on the rules as they are now. A change reaches them through
 * "governance-changed" and a reload of every rule, so once both refuse a probe key that was just
 * given a zero quota, they also know every change made before it.
 */
async function rulesReachedBothProcesses(): Promise<void> {
  const probe = await caller();
  await putQuota({ scope: "key", scopeId: probe.keyId, period: "total", maxCalls: 0 });
  await expect.poll(async () => (await burst(2, probe.key, { model, messages: [{ role: "user", content: "probe" }] })).map((a) => a.status)).toEqual([429, 429]);
}

describe.skipIf(!enabled)("two Tollgate processes sharing Redis and PostgreSQL", () => {
  beforeAll(async () => {
    // This process publishes "governance-changed" through the same Redis as the replicas.
    process.env.REDIS_URL = redisUrl;
    resetEnvCache();
    await closeSharedStore();
    enableTestAdminApiKey();
    upstream = await startFakeUpstream({ apiKey: "sk-upstream" });
    model = (await createProviderWithModel({ kind: "openai-compatible", baseUrl: `${upstream.url}/v1`, apiKey: "sk-upstream" })).modelName;
    flatModel = (await createProviderWithModel({
      kind: "openai-compatible", baseUrl: `${upstream.url}/v1`, apiKey: "sk-upstream", inputPerMTok: 0n, outputPerMTok: 250_000_000n,
    })).modelName;
    const env = { ...process.env, REDIS_URL: redisUrl, LOG_LEVEL: "warn", USAGE_FLUSH_INTERVAL_MS: "200" };
    replicas = await Promise.all([spawnGateway(env), spawnGateway(env)]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.stop()));
    await upstream?.close();
    await closeSharedStore();
  });

  it("sees a new quota in both processes (governance-changed over Redis)", async () => {
    const { key } = await caller();
    // Both processes load their rule table now, before the probe's quota exists.
    expect((await burst(2, key, { model, messages: [{ role: "user", content: "warm up" }] })).map((a) => a.status)).toEqual([200, 200]);
    await rulesReachedBothProcesses();
  });

  it("admits exactly maxCalls of 200 concurrent calls spread over both processes", async () => {
    const { key, keyId } = await caller();
    await putQuota({ scope: "key", scopeId: keyId, period: "daily", maxCalls: 50 });
    await rulesReachedBothProcesses();
    expect(tally(await burst(200, key, { model, messages: [{ role: "user", content: "hi" }] }))).toEqual({ "200": 50, "429:quota_exceeded": 150 });
  });

  it("admits exactly what a cost limit pays for, across both processes", async () => {
    const { key, teamId } = await caller();
    await putQuota({ scope: "team", scopeId: teamId, period: "monthly", maxCost: 0.05 });
    await rulesReachedBothProcesses();
    const answers = await burst(200, key, { model: flatModel, messages: [{ role: "user", content: "abcdefghij" }], max_tokens: 4 });
    expect(tally(answers)).toEqual({ "200": 50, "429:quota_exceeded": 150 });
  });

  it("admits rpm calls per minute across both processes and refuses the rest", async () => {
    const { key, keyId } = await caller();
    await putRateLimit({ scope: "key", scopeId: keyId, rpm: 60 });
    await rulesReachedBothProcesses();
    const answers = await burst(100, key, { model, messages: [{ role: "user", content: "tick" }], max_tokens: 5 });
    expect(tally(answers)).toEqual({ "200": 60, "429:rate_limit_exceeded": 40 });
    const remaining = answers.filter((a) => a.status === 200).map((a) => Number(a.headers.get("x-ratelimit-remaining-requests")));
    expect(remaining.sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i));
  });
});
