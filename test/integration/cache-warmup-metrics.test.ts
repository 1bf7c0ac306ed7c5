// Cache warm-up's Prometheus series after real runs through the gateway's pipeline: items answered
// upstream, answered from the cache (hit) and failed are counted, and the jobs' states are read
// from the database at scrape time.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeUpstream, type FakeUpstream } from "@/e2e/fake-upstream/server";
import { parseWarmupBody } from "@/lib/cache-warmup/parse-warmup-input";
import { resolveWarmupCharge } from "@/lib/cache-warmup/warmup-charge";
import { createWarmupJob } from "@/lib/cache-warmup/warmup-job-mutations";
import { getWarmupJobOrThrow } from "@/lib/cache-warmup/warmup-job-queries";
import { WarmupRunner } from "@/lib/cache-warmup/warmup-runner";
import { db } from "@/lib/db";
import { metrics } from "@/lib/metrics/metrics";
import type { AdminPrincipal } from "@/lib/principal/admin-principal";
import { usageBuffer } from "@/lib/usage/usage-recorder";
import { createCacheWorld, setCache, type CacheWorld } from "../support/cache-fixtures";
import { setTier } from "../support/governance-fixtures";
import { uniqueSuffix } from "../support/test-ids";

let upstream: FakeUpstream;
let world: CacheWorld;
let runner: WarmupRunner;

beforeAll(async () => {
  upstream = await startFakeUpstream({ apiKey: "sk-upstream" });
  world = await createCacheWorld(upstream.url);
  await setCache(world.orgId, { enabled: true });
  await setTier(world.teams[0].userId, "enterprise");
  runner = new WarmupRunner({ pollIntervalMs: 60_000, orgId: world.orgId });
});

afterAll(async () => {
  await runner?.stop(1000);
  await usageBuffer().flush();
  await upstream?.close();
});

async function runJob(prompts: string[]): Promise<string> {
  const admin: AdminPrincipal = { id: "admin-api-key", email: "", name: "Admin API key", role: "admin", orgId: world.orgId, via: "admin-api-key" };
  const charge = await resolveWarmupCharge({ admin, keyId: world.teams[0].keyId, model: world.model });
  const { items } = parseWarmupBody({ prompts });
  const { id } = await createWarmupJob({ orgId: world.orgId, model: world.model, charge, concurrency: 1, items, estimatedCostMicros: 0n, createdBy: "test" });
  await runner.poll();
  await runner.settled();
  return id;
}

/** The value of one series in the registry's text output, 0 when it is not there. */
async function sample(name: string, labels: string): Promise<number> {
  const text = await metrics().registry.metrics();
  const line = text.split("\n").find((l) => l.startsWith(`${name}{${labels}} `));
  return line ? Number(line.split(" ").at(-1)) : 0;
}

describe("cache warm-up metrics", () => {
  it("counts items answered upstream, answered from the cache and failed, and reports jobs by state", async () => {
    const before = {
      answered: await sample("tollgate_cache_warmup_items_total", 'result="answered"'),
      hit: await sample("tollgate_cache_warmup_items_total", 'result="hit"'),
      failed: await sample("tollgate_cache_warmup_items_total", 'result="failed"'),
    };
    const tag = uniqueSuffix();
    const first = await runJob([`warm metrics ${tag} one`, `warm metrics ${tag} two`, `warm metrics ${tag} bad [[fake:status=400]]`]);
    expect(await getWarmupJobOrThrow({ orgId: world.orgId, id: first })).toMatchObject({ status: "done", done: 2, failed: 1 });
    // The same prompt again: its answer is in the cache now, so nothing is sent.
    await runJob([`warm metrics ${tag} one`]);

    expect(await sample("tollgate_cache_warmup_items_total", 'result="answered"')).toBe(before.answered + 2);
    expect(await sample("tollgate_cache_warmup_items_total", 'result="hit"')).toBe(before.hit + 1);
    expect(await sample("tollgate_cache_warmup_items_total", 'result="failed"')).toBe(before.failed + 1);

    // Other test files finish jobs in the same database meanwhile: the scrape lies between two counts.
    const doneBefore = await db().cacheWarmupJob.count({ where: { status: "done" } });
    const scraped = await sample("tollgate_cache_warmup_jobs", 'state="done"');
    const doneAfter = await db().cacheWarmupJob.count({ where: { status: "done" } });
    expect(doneBefore).toBeGreaterThanOrEqual(2);
    expect(scraped).toBeGreaterThanOrEqual(doneBefore);
    expect(scraped).toBeLessThanOrEqual(doneAfter);
    const text = await metrics().registry.metrics();
    for (const state of ["queued", "running", "failed", "cancelled", "interrupted"]) expect(text).toContain(`tollgate_cache_warmup_jobs{state="${state}"}`);
  });
});
