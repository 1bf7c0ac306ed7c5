// A batch survives the process running it: stopped gracefully (SIGTERM: calls in flight finish, the
// usage buffer is drained, the batch is handed back) or killed (SIGKILL: the lease lapses), another
// process resumes it and the batch completes. No line reaches the upstream twice, none is lost, and
// every answered line has exactly one usage record, even one the killed process had not flushed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeUpstream, type FakeUpstream } from "@/e2e/fake-upstream/server";
import { db } from "@/lib/db";
import { chatLine, fileLines, jsonl, sdk, timesSent, uploadBatchInput, waitForBatch } from "../support/batch-fixtures";
import { createProviderWithModel, createUserWithKey } from "../support/gateway-fixtures";
import { setTier } from "../support/governance-fixtures";
import { spawnGateway, type GatewayProcess } from "../support/spawn-gateway";
import { uniqueSuffix } from "../support/test-ids";

let orgId: string;
let upstream: FakeUpstream;
let model: string;
const processes: GatewayProcess[] = [];

beforeAll(async () => {
  orgId = (await db().organization.create({ data: { name: `batch restarts ${uniqueSuffix()}` } })).id;
  upstream = await startFakeUpstream({ apiKey: "sk-upstream", recordLimit: 10_000 });
  model = (await createProviderWithModel({ kind: "openai-compatible", baseUrl: `${upstream.url}/v1`, apiKey: "sk-upstream", orgId })).modelName;
});

afterAll(async () => {
  await Promise.all(processes.map((child) => child.kill()));
  await upstream?.close();
});

async function start(): Promise<GatewayProcess> {
  const child = await spawnGateway({ ...process.env, BATCH_LEASE_MS: "1500", BATCH_ORG_ID: orgId, BATCH_CONCURRENCY: "2", LOG_LEVEL: "silent" }, "test/support/batch-gateway-process.ts");
  processes.push(child);
  return child;
}

async function startBatch(url: string, prompts: string[]) {
  const { key, userId } = await createUserWithKey({ orgId });
  await setTier(userId, "enterprise");
  const client = sdk(url, key);
  const file = await uploadBatchInput(client, jsonl(prompts.map((prompt, i) => chatLine(`line-${i}`, prompt, model))));
  const batch = await client.batches.create({ input_file_id: file.id, endpoint: "/v1/chat/completions", completion_window: "24h" });
  return { key, batch };
}

async function usageOf(batchId: string) {
  return db().usageRecord.findMany({ where: { batchId } });
}

describe("a batch across a restart", () => {
  it("SIGTERM mid-batch: the calls in flight finish, the next process finishes the rest; each line sent once, one usage record each", async () => {
    const tag = uniqueSuffix();
    const prompts = Array.from({ length: 10 }, (_, i) => `graceful ${tag} ${i} [[fake:latency=400]]`);
    const first = await start();
    const { key, batch } = await startBatch(first.url, prompts);
    await waitForBatch(sdk(first.url, key), batch.id, (b) => b.request_counts!.completed >= 3);
    await first.stop();

    const second = await start();
    const client = sdk(second.url, key);
    const done = await waitForBatch(client, batch.id);
    expect(done).toMatchObject({ status: "completed", request_counts: { total: 10, completed: 10, failed: 0 } });
    const output = await fileLines(client, done.output_file_id);
    expect(output.map((line) => line.custom_id).sort()).toEqual(prompts.map((_, i) => `line-${i}`).sort());
    for (const prompt of prompts) expect(timesSent(upstream, prompt)).toBe(1);
    const records = await usageOf(batch.id);
    expect(records).toHaveLength(10);
    expect(records.map((record) => record.requestId).sort()).toEqual(output.map((line) => line.response!.request_id).sort());
    await second.stop();
  }, 120_000);

  it("SIGKILL mid-batch: the next process takes over when the lease lapses; no line is sent twice, the ones cut off are reported, every answer has its usage record", async () => {
    const tag = uniqueSuffix();
    const prompts = Array.from({ length: 10 }, (_, i) => `killed ${tag} ${i} [[fake:latency=400]]`);
    const first = await start();
    const { key, batch } = await startBatch(first.url, prompts);
    await waitForBatch(sdk(first.url, key), batch.id, (b) => b.request_counts!.completed >= 3);
    await first.kill();

    const second = await start();
    const client = sdk(second.url, key);
    const done = await waitForBatch(client, batch.id);
    expect(done.status).toBe("completed");
    const { completed, failed, total } = done.request_counts!;
    expect(total).toBe(10);
    expect(completed + failed).toBe(10);
    // At most the two calls in flight (BATCH_CONCURRENCY=2) were cut off; they are in the error file, never resent.
    expect(failed).toBeLessThanOrEqual(2);
    const errors = await fileLines(client, done.error_file_id);
    expect(errors).toHaveLength(failed);
    for (const line of errors) expect(line.error).toMatchObject({ code: "interrupted" });
    for (const prompt of prompts) expect(timesSent(upstream, prompt)).toBeLessThanOrEqual(1);
    const output = await fileLines(client, done.output_file_id);
    for (const line of output) expect(timesSent(upstream, prompts[Number(line.custom_id!.slice(5))])).toBe(1);
    // Every answer in the output has exactly one usage record, the killed process's unflushed ones included.
    const records = await usageOf(batch.id);
    const answered = new Set(output.map((line) => line.response!.request_id));
    expect(records.filter((record) => answered.has(record.requestId))).toHaveLength(answered.size);
    expect(new Set(records.map((record) => record.requestId)).size).toBe(records.length);
    await second.stop();
  }, 120_000);
});
