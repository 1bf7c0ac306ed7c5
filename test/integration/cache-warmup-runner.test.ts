// The cache warm-up runner against a real database and the HTTP fake upstream, through the gateway's
// own pipeline: bounded concurrency, progress and cost per item, quotas and rate limits, cancel, a
// job that cannot go on, two runners on one job, and a runner process killed mid-job whose job
// another process resumes without sending any item twice.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeUpstream, type FakeUpstream } from "@/e2e/fake-upstream/server";
import type { AdminPrincipal } from "@/lib/principal/admin-principal";
import { db } from "@/lib/db";
import { parseWarmupBody } from "@/lib/cache-warmup/parse-warmup-input";
import type { WarmupJob } from "@/lib/cache-warmup/schemas";
import { resolveWarmupCharge } from "@/lib/cache-warmup/warmup-charge";
import { cancelWarmupJob, createWarmupJob } from "@/lib/cache-warmup/warmup-job-mutations";
import { getWarmupJobOrThrow } from "@/lib/cache-warmup/warmup-job-queries";
import { WarmupRunner } from "@/lib/cache-warmup/warmup-runner";
import { upsertQuota } from "@/lib/quotas/quota-mutations";
import { usageBuffer } from "@/lib/usage/usage-recorder";
import { createProviderWithModel, createUserWithKey } from "../support/gateway-fixtures";
import { setTier } from "../support/governance-fixtures";
import { spawnWarmupRunner, type RunnerProcess } from "../support/spawn-warmup-runner";
import { uniqueSuffix } from "../support/test-ids";

// An organization of its own: other test files create warm-up jobs in the same database, and these
// runners take only this organization's jobs.
let orgId: string;
let upstream: FakeUpstream;
let model: string;
const runners: WarmupRunner[] = [];
let child: RunnerProcess | null = null;

beforeAll(async () => {
  orgId = (await db().organization.create({ data: { name: `warm-up runner ${uniqueSuffix()}` } })).id;
  upstream = await startFakeUpstream({ apiKey: "sk-upstream", recordLimit: 10_000 });
  model = (await createProviderWithModel({ kind: "openai-compatible", baseUrl: `${upstream.url}/v1`, apiKey: "sk-upstream", orgId })).modelName;
});

afterAll(async () => {
  await child?.kill();
  await Promise.all(runners.map((runner) => runner.stop(1000)));
  await usageBuffer().flush();
  await upstream?.close();
});

function newRunner(leaseMs = 30_000): WarmupRunner {
  const runner = new WarmupRunner({ pollIntervalMs: 60_000, leaseMs, orgId });
  runners.push(runner);
  return runner;
}

async function enterpriseKey() {
  const created = await createUserWithKey({ orgId });
  await setTier(created.userId, "enterprise");
  return created;
}

const ADMIN: () => AdminPrincipal = () => ({ id: "admin-api-key", email: "", name: "Admin API key", role: "admin", orgId, via: "admin-api-key" });

/** What POST /api/admin/cache/warmups does (tested with its route in lib/cache-warmup), in this organization. */
async function startJob(keyId: string, prompts: string[], concurrency = 4): Promise<string> {
  const { items } = parseWarmupBody({ prompts });
  const charge = await resolveWarmupCharge({ admin: ADMIN(), keyId, model });
  const created = await createWarmupJob({ orgId, model, charge, concurrency, items, estimatedCostMicros: 0n, createdBy: "test" });
  return created.id;
}

function job(id: string): Promise<WarmupJob> {
  return getWarmupJobOrThrow({ orgId, id });
}

async function items(jobId: string) {
  return db().cacheWarmupItem.findMany({ where: { jobId }, orderBy: { seq: "asc" } });
}

/** Requests the upstream received whose last message is exactly `text`. */
function sentTimes(text: string): number {
  return upstream.requests.filter((request) => {
    const messages = (request.body as { messages?: { content?: unknown }[] } | null)?.messages;
    return messages?.at(-1)?.content === text;
  }).length;
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms: ${JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? String(v) : v))}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("the warm-up runner", () => {
  it("sends every item once through the gateway, never more than `concurrency` at a time, and books cost per item", async () => {
    const { keyId } = await enterpriseKey();
    const tag = uniqueSuffix();
    const latencyMs = 250;
    const prompts = Array.from({ length: 9 }, (_, i) => `concurrency ${tag} ${i} [[fake:latency=${latencyMs}]]`);
    const id = await startJob(keyId, prompts, 3);
    const runner = newRunner();
    await runner.poll();
    expect(runner.activeJobIds()).toEqual([id]);
    await runner.settled();

    const finished = await job(id);
    expect(finished).toMatchObject({ id, status: "done", total: 9, done: 9, failed: 0, pending: 0, running: 0, skipped: 0, keyId });
    for (const prompt of prompts) expect(sentTimes(prompt)).toBe(1);

    // Every request received within one latency of another was in flight with it at the same time.
    const received = upstream.requests.filter((r) => JSON.stringify(r.body).includes(`concurrency ${tag}`)).map((r) => r.receivedAt).sort((a, b) => a - b);
    const mostAtOnce = Math.max(...received.map((start) => received.filter((t) => t >= start && t < start + latencyMs - 30).length));
    expect(mostAtOnce).toBeLessThanOrEqual(3);
    expect(mostAtOnce).toBeGreaterThanOrEqual(2);

    // Cost per item is what the ledger booked for the item's request id.
    await usageBuffer().flush();
    const rows = await items(id);
    const records = await db().usageRecord.findMany({ where: { requestId: { in: rows.map((row) => row.requestId!) } } });
    expect(records).toHaveLength(9);
    for (const row of rows) {
      const record = records.find((r) => r.requestId === row.requestId)!;
      expect(row).toMatchObject({ status: "done", attempts: 1, inputTokens: record.inputTokens, outputTokens: record.outputTokens, costMicros: record.costMicros });
      expect(record).toMatchObject({ keyId, status: 200 });
    }
    const totalMicros = rows.reduce((sum, row) => sum + row.costMicros, 0n);
    expect(totalMicros).toBeGreaterThan(0n);
    expect(finished.cost).toBeCloseTo(Number(totalMicros) / 1e6, 6);
  });

  it("records a quota refusal as the item's failure, and waits out a rate limit and tries again", async () => {
    const { keyId } = await enterpriseKey();
    await upsertQuota({ orgId, input: { scope: "key", scopeId: keyId, period: "daily", maxCalls: 2 } });
    const tag = uniqueSuffix();
    const quotaJob = await startJob(keyId, [1, 2, 3, 4].map((i) => `quota ${tag} ${i}`), 1);
    const runner = newRunner();
    await runner.poll();
    await runner.settled();
    expect(await job(quotaJob)).toMatchObject({ status: "done", done: 2, failed: 2 });
    const refused = (await items(quotaJob)).filter((item) => item.status === "failed");
    expect(refused.map((item) => item.seq)).toEqual([2, 3]);
    for (const item of refused) expect(item.error).toMatch(/quota/i);
    expect(sentTimes(`quota ${tag} 3`)).toBe(0);

    // An upstream 429 with retry-after: 0 is retried at once, up to five attempts.
    const other = await enterpriseKey();
    const limited = `limited ${tag} [[fake:status=429,retry-after=0]]`;
    const limitedJob = await startJob(other.keyId, [limited, `fine ${tag}`], 2);
    await runner.poll();
    await runner.settled();
    const [limitedItem, fineItem] = await items(limitedJob);
    expect(limitedItem).toMatchObject({ status: "failed", attempts: 5 });
    expect(limitedItem.error).toMatch(/^Still rate-limited after 5 attempts/);
    expect(sentTimes(limited)).toBe(5);
    expect(fineItem).toMatchObject({ status: "done", attempts: 1 });
  });

  it("cancel: nothing more is sent, the item in flight finishes, the rest is skipped", async () => {
    const { keyId } = await enterpriseKey();
    const tag = uniqueSuffix();
    const prompts = Array.from({ length: 8 }, (_, i) => `cancel ${tag} ${i} [[fake:latency=200]]`);
    const id = await startJob(keyId, prompts, 1);
    const runner = newRunner();
    await runner.poll();
    await until(() => job(id), (j) => j.done >= 1);
    await cancelWarmupJob({ orgId, id });
    const cancelled = { body: await job(id) };
    expect(cancelled.body.status).toBe("cancelled");
    await runner.settled();

    const final = await job(id);
    expect(final.status).toBe("cancelled");
    expect(final.done + final.skipped).toBe(8);
    // Only what was answered or in flight when the cancel landed (concurrency 1: at most one in flight).
    expect(cancelled.body.running).toBeLessThanOrEqual(1);
    expect(final.done).toBeLessThanOrEqual(cancelled.body.done + cancelled.body.running);
    expect(final.done).toBeLessThan(8);
    const sent = prompts.filter((prompt) => sentTimes(prompt) === 1).length;
    expect(sent).toBe(final.done);
    expect(prompts.every((prompt) => sentTimes(prompt) <= 1)).toBe(true);

    await expect(cancelWarmupJob({ orgId, id })).resolves.toBeUndefined(); // again: nothing changes
  });

  it("stops a job whose key was revoked before it ran, sending nothing", async () => {
    const { keyId } = await enterpriseKey();
    const tag = uniqueSuffix();
    const id = await startJob(keyId, [`revoked ${tag} a`, `revoked ${tag} b`, `revoked ${tag} c`], 2);
    await db().apiKey.update({ where: { id: keyId }, data: { revokedAt: new Date() } });
    const runner = newRunner();
    await runner.poll();
    await runner.settled();
    const final = await job(id);
    expect(final).toMatchObject({ status: "failed", done: 0, skipped: 3, error: "The key this job is charged to was revoked." });
    expect(sentTimes(`revoked ${tag} a`) + sentTimes(`revoked ${tag} b`)).toBe(0);
  });

  it("two runners: only one leases the job, and each item is sent once", async () => {
    const { keyId } = await enterpriseKey();
    const tag = uniqueSuffix();
    const prompts = Array.from({ length: 6 }, (_, i) => `pair ${tag} ${i} [[fake:latency=50]]`);
    const id = await startJob(keyId, prompts, 2);
    const [a, b] = [newRunner(), newRunner()];
    await Promise.all([a.poll(), b.poll()]);
    expect([...a.activeJobIds(), ...b.activeJobIds()].filter((jobId) => jobId === id)).toHaveLength(1);
    await Promise.all([a.settled(), b.settled()]);
    expect(await job(id)).toMatchObject({ status: "done", done: 6 });
    for (const prompt of prompts) expect(sentTimes(prompt)).toBe(1);
  });

  it("a shutdown: calls past the grace period are cut off (interrupted), the job is handed back and the next runner resumes it", async () => {
    const { keyId } = await enterpriseKey();
    const tag = uniqueSuffix();
    const hanging = [`shutdown ${tag} 0 [[fake:hang]]`, `shutdown ${tag} 1 [[fake:hang]]`];
    const rest = [`shutdown ${tag} 2`, `shutdown ${tag} 3`];
    const id = await startJob(keyId, [...hanging, ...rest], 2);
    const first = newRunner();
    await first.poll();
    await until(() => job(id), (j) => j.running === 2);
    await first.stop(300);
    expect(await job(id)).toMatchObject({ status: "interrupted", failed: 2, pending: 2 });
    const cut = (await items(id)).slice(0, 2);
    for (const item of cut) expect(item).toMatchObject({ status: "interrupted", error: "Stopped by a shutdown before the answer arrived." });

    const next = newRunner();
    await next.poll();
    await next.settled();
    expect(await job(id)).toMatchObject({ status: "done", done: 2, failed: 2 });
    for (const prompt of [...hanging, ...rest]) expect(sentTimes(prompt)).toBe(1);
  });

  it("a runner process killed mid-job: the job shows as interrupted, another process resumes it and sends no item twice", async () => {
    const { keyId } = await enterpriseKey();
    const tag = uniqueSuffix();
    const prompts = Array.from({ length: 10 }, (_, i) => `resume ${tag} ${i} [[fake:latency=500]]`);
    const id = await startJob(keyId, prompts, 2);
    child = await spawnWarmupRunner({ ...process.env, WARMUP_LEASE_MS: "1500", WARMUP_ORG_ID: orgId, LOG_LEVEL: "silent" });
    await until(() => job(id), (j) => j.done >= 2 && j.running === 2, 60_000);
    await child.kill();
    child = null;

    // Nobody holds the job now: once its lease lapses it reads as interrupted.
    await until(() => job(id), (j) => j.status === "interrupted", 10_000);

    const runner = newRunner(1500);
    await runner.poll();
    expect(runner.activeJobIds()).toEqual([id]);
    await runner.settled();

    const final = await job(id);
    const rows = await items(id);
    const interrupted = rows.filter((row) => row.status === "interrupted");
    expect(final.status).toBe("done");
    // The items in flight when the process died (two, unless it died between one answer and the next claim).
    expect(interrupted.length).toBeGreaterThanOrEqual(1);
    expect(interrupted.length).toBeLessThanOrEqual(2);
    for (const row of interrupted) expect(row.error).toMatch(/never paid twice/);
    expect(final.done + final.failed).toBe(10);
    expect(final.failed).toBe(interrupted.length);
    for (const prompt of prompts) expect(sentTimes(prompt)).toBeLessThanOrEqual(1);
    for (const row of rows.filter((r) => r.status === "done")) expect(sentTimes(prompts[row.seq])).toBe(1);
  }, 90_000);
});
