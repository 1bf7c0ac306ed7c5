// Batches through the proxy's fast path with the official `openai` SDK (files.create, batches.create,
// batches.retrieve, files.content), run by a batch runner against a real database and the HTTP fake
// upstream: output and error files in OpenAI's format matched by custom_id, malformed lines reported
// with their line numbers, refused lines (quota, unknown model, a rate limit that never clears) in
// the error file while the batch goes on, usage records tagged with the batch at the batch price,
// cancel, embeddings, ownership and the contract's 400/404/413.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeUpstream, type FakeUpstream } from "@/e2e/fake-upstream/server";
import { BatchRunner } from "@/lib/batches/batch-runner";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { upsertQuota } from "@/lib/quotas/quota-mutations";
import { costOfCall } from "@/lib/usage/money";
import { usageBuffer } from "@/lib/usage/usage-recorder";
import { chatLine, fileLines, jsonl, sdk, timesSent, uploadBatchInput, waitForBatch } from "../support/batch-fixtures";
import { createProviderWithModel, createUserWithKey } from "../support/gateway-fixtures";
import { serveGateway } from "../support/gateway-server";
import { setTier } from "../support/governance-fixtures";
import { uniqueSuffix } from "../support/test-ids";

let orgId: string;
let upstream: FakeUpstream;
let gateway: { url: string; close(): Promise<void> };
let model: string;
let embeddingModel: string;
const runners: BatchRunner[] = [];

beforeAll(async () => {
  // An organization of its own: other files' batches in the same database are not this runner's.
  orgId = (await db().organization.create({ data: { name: `batches ${uniqueSuffix()}` } })).id;
  upstream = await startFakeUpstream({ apiKey: "sk-upstream", recordLimit: 10_000 });
  model = (await createProviderWithModel({ kind: "openai-compatible", baseUrl: `${upstream.url}/v1`, apiKey: "sk-upstream", orgId })).modelName;
  embeddingModel = (await createProviderWithModel({ kind: "openai", baseUrl: `${upstream.url}/v1`, apiKey: "sk-upstream", orgId, upstreamModel: "text-embedding-3-small" })).modelName;
  await db().model.updateMany({ where: { orgId, name: model }, data: { batchDiscountPercent: 50 } });
  gateway = await serveGateway();
});

afterAll(async () => {
  await Promise.all(runners.map((runner) => runner.stop(1000)));
  await usageBuffer().flush();
  await gateway?.close();
  await upstream?.close();
});

function newRunner(): BatchRunner {
  const runner = new BatchRunner({ pollIntervalMs: 60_000, orgId });
  runners.push(runner);
  return runner;
}

async function runAll(): Promise<void> {
  const runner = newRunner();
  await runner.poll();
  await runner.settled();
}

async function enterpriseKey() {
  const created = await createUserWithKey({ orgId });
  await setTier(created.userId, "enterprise");
  return created;
}

describe("a batch through the openai SDK", () => {
  it("runs every line once, writes output and error files in OpenAI's format, and books each line at the batch price", async () => {
    const { key, keyId } = await enterpriseKey();
    const client = sdk(gateway.url, key);
    const tag = uniqueSuffix();
    const prompts = [0, 1, 2].map((i) => `whole ${tag} ${i}`);
    const text = jsonl([...prompts.map((prompt, i) => chatLine(`req-${i}`, prompt, model)), "{not json", chatLine("req-4", `unknown ${tag}`, "no-such-model")]);

    const file = await uploadBatchInput(client, text, "whole.jsonl");
    expect(file).toMatchObject({ object: "file", purpose: "batch", filename: "whole.jsonl", bytes: Buffer.byteLength(text), status: "processed" });
    expect(await client.files.retrieve(file.id)).toMatchObject({ id: file.id, bytes: file.bytes });
    expect(await (await client.files.content(file.id)).text()).toBe(text);

    const created = await client.batches.create({ input_file_id: file.id, endpoint: "/v1/chat/completions", completion_window: "24h", metadata: { job: tag } });
    expect(created).toMatchObject({ object: "batch", status: "validating", input_file_id: file.id, metadata: { job: tag }, output_file_id: null });
    expect(created.expires_at! - created.created_at).toBe(24 * 3600);

    await runAll();
    const done = await waitForBatch(client, created.id);
    expect(done).toMatchObject({ status: "completed", request_counts: { total: 5, completed: 3, failed: 2 } });
    expect(done.completed_at).not.toBeNull();
    expect(done.errors?.data).toEqual([{ code: "invalid_request", message: "Line 4: The line is not valid JSON.", param: null, line: 4 }]);

    const output = await fileLines(client, done.output_file_id);
    expect(output.map((line) => line.custom_id)).toEqual(["req-0", "req-1", "req-2"]);
    for (const [i, line] of output.entries()) {
      expect(line.error).toBeNull();
      expect(line.response?.status_code).toBe(200);
      expect((line.response?.body as { choices: { message: { content: string } }[] }).choices[0].message.content).toBe(`Echo: ${prompts[i]}`);
      expect(timesSent(upstream, prompts[i])).toBe(1);
    }
    const errors = await fileLines(client, done.error_file_id);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatchObject({ custom_id: null, response: null, error: { code: "invalid_request", line: 4 } });
    expect(errors[1]).toMatchObject({ custom_id: "req-4", error: null, response: { status_code: 404, body: { error: { code: "model_not_found" } } } });
    expect((await client.files.retrieve(done.output_file_id!)).purpose).toBe("batch_output");

    // Every line that was a call is a usage record tagged with the batch, at half the model's price.
    await usageBuffer().flush();
    const records = await db().usageRecord.findMany({ where: { batchId: created.id }, orderBy: { createdAt: "asc" } });
    expect(records).toHaveLength(4);
    const answered = records.filter((record) => record.status === 200);
    expect(answered).toHaveLength(3);
    for (const record of answered) {
      const full = costOfCall({ inputTokens: record.inputTokens, outputTokens: record.outputTokens, cachedTokens: 0 }, { inputPerMTok: 2_000_000n, outputPerMTok: 8_000_000n, cachedPerMTok: null });
      expect(record.costMicros).toBe((full * 50n + 50n) / 100n);
      expect(record).toMatchObject({ keyId, model });
    }
    expect(records.find((record) => record.status === 404)).toMatchObject({ refusal: "model_not_found", batchId: created.id });
    expect(output.map((line) => line.response!.request_id).sort()).toEqual(answered.map((record) => record.requestId).sort());
    const tokens = answered.reduce((sum, record) => sum + record.inputTokens + record.outputTokens, 0);
    expect(done.usage?.total_tokens).toBe(tokens);

    const page = await client.batches.list({ limit: 1 });
    expect(page.data.map((batch) => batch.id)).toEqual([created.id]);
  });

  it("reports refused lines in the error file and goes on: a quota refusal, and a rate limit that never clears", async () => {
    const { key, keyId } = await enterpriseKey();
    await upsertQuota({ orgId, input: { scope: "key", scopeId: keyId, period: "daily", maxCalls: 2 } });
    const client = sdk(gateway.url, key);
    const tag = uniqueSuffix();
    const lines = [0, 1, 2, 3].map((i) => chatLine(`q-${i}`, `quota ${tag} ${i}`, model));
    const file = await uploadBatchInput(client, jsonl(lines));
    const batch = await client.batches.create({ input_file_id: file.id, endpoint: "/v1/chat/completions", completion_window: "24h" });
    await runAll();
    const done = await waitForBatch(client, batch.id);
    expect(done).toMatchObject({ status: "completed", request_counts: { total: 4, completed: 2, failed: 2 } });
    const refused = await fileLines(client, done.error_file_id);
    for (const line of refused) expect(line.response).toMatchObject({ status_code: 429, body: { error: { type: "quota_exceeded" } } });

    // An upstream 429 that never clears: the line is waited out and sent again (each attempt a call of
    // its own, with its own usage record), then reported; the line on another model runs. (A model of
    // its own: the router's breaker ejects a deployment that keeps failing, which would fail others.)
    const limitedModel = (await createProviderWithModel({ kind: "openai-compatible", baseUrl: `${upstream.url}/v1`, apiKey: "sk-upstream", orgId })).modelName;
    const other = await enterpriseKey();
    const otherClient = sdk(gateway.url, other.key);
    const limited = `limited ${tag} [[fake:status=429,retry-after=0]]`;
    const limitedFile = await uploadBatchInput(otherClient, jsonl([chatLine("limited", limited, limitedModel), chatLine("fine", `fine ${tag}`, model)]));
    const limitedBatch = await otherClient.batches.create({ input_file_id: limitedFile.id, endpoint: "/v1/chat/completions", completion_window: "24h" });
    await runAll();
    const limitedDone = await waitForBatch(otherClient, limitedBatch.id);
    expect(limitedDone.request_counts).toEqual({ total: 2, completed: 1, failed: 1 });
    const [failure] = await fileLines(otherClient, limitedDone.error_file_id);
    expect(failure.custom_id).toBe("limited");
    expect(failure.response!.status_code).toBeGreaterThanOrEqual(429);
    const line = await db().batchLine.findFirstOrThrow({ where: { batchId: limitedBatch.id, customId: "limited" } });
    expect(line.attempts).toBeGreaterThanOrEqual(2);
    await usageBuffer().flush();
    const records = await db().usageRecord.findMany({ where: { batchId: limitedBatch.id } });
    expect(records.filter((record) => record.model === limitedModel)).toHaveLength(line.attempts);
    expect(records.filter((record) => record.model === model && record.status === 200)).toHaveLength(1);
    // The later attempts may be refused by the router (deployment ejected) without reaching the upstream.
    expect(timesSent(upstream, limited)).toBeGreaterThanOrEqual(2);
  }, 60_000);

  it("cancel: nothing more is sent, calls in flight finish, the rest are in the error file as batch_cancelled", async () => {
    const { key } = await enterpriseKey();
    const client = sdk(gateway.url, key);
    const tag = uniqueSuffix();
    const prompts = Array.from({ length: 12 }, (_, i) => `cancel ${tag} ${i} [[fake:latency=300]]`);
    const file = await uploadBatchInput(client, jsonl(prompts.map((prompt, i) => chatLine(`c-${i}`, prompt, model))));
    const batch = await client.batches.create({ input_file_id: file.id, endpoint: "/v1/chat/completions", completion_window: "24h" });
    const runner = newRunner();
    await runner.poll();
    await waitForBatch(client, batch.id, (b) => b.request_counts!.completed >= 1);
    const cancelling = await client.batches.cancel(batch.id);
    expect(["cancelling", "cancelled"]).toContain(cancelling.status);
    await runner.settled();
    const done = await client.batches.retrieve(batch.id);
    expect(done.status).toBe("cancelled");
    expect(done.cancelled_at).not.toBeNull();
    const { completed, failed, total } = done.request_counts!;
    expect(total).toBe(12);
    expect(completed + failed).toBe(12);
    expect(completed).toBeLessThan(12);
    const cancelled = (await fileLines(client, done.error_file_id)).filter((line) => line.error?.code === "batch_cancelled");
    expect(cancelled).toHaveLength(failed);
    expect(prompts.every((prompt) => timesSent(upstream, prompt) <= 1)).toBe(true);
    expect(prompts.filter((prompt) => timesSent(upstream, prompt) === 1)).toHaveLength(completed);
    // Cancelling again changes nothing; a finished batch of another status cannot be cancelled.
    expect((await client.batches.cancel(batch.id)).status).toBe("cancelled");
  });

  it("runs an embeddings batch", async () => {
    const { key } = await enterpriseKey();
    const client = sdk(gateway.url, key);
    const text = jsonl([{ custom_id: "e-1", body: { model: embeddingModel, input: "hello batch" } }, { custom_id: "e-2", body: { model: embeddingModel, input: ["a", "b"] } }], "/v1/embeddings");
    const file = await uploadBatchInput(client, text);
    const batch = await client.batches.create({ input_file_id: file.id, endpoint: "/v1/embeddings", completion_window: "24h" });
    await runAll();
    const done = await waitForBatch(client, batch.id);
    expect(done.request_counts).toEqual({ total: 2, completed: 2, failed: 0 });
    const output = await fileLines(client, done.output_file_id);
    expect((output[1].response!.body as { data: unknown[] }).data).toHaveLength(2);
  });

  it("a key sees only its own user's files and batches; bad input is a 400 naming the field, a file over the limit a 413", async () => {
    const owner = await enterpriseKey();
    const stranger = await enterpriseKey();
    const client = sdk(gateway.url, owner.key);
    const strangerClient = sdk(gateway.url, stranger.key);
    const file = await uploadBatchInput(client, jsonl([chatLine("x", `owned ${uniqueSuffix()}`, model)]));
    const batch = await client.batches.create({ input_file_id: file.id, endpoint: "/v1/chat/completions", completion_window: "24h" });
    await expect(strangerClient.files.retrieve(file.id)).rejects.toMatchObject({ status: 404 });
    await expect(strangerClient.files.content(file.id)).rejects.toMatchObject({ status: 404 });
    await expect(strangerClient.batches.retrieve(batch.id)).rejects.toMatchObject({ status: 404 });
    await expect(strangerClient.batches.cancel(batch.id)).rejects.toMatchObject({ status: 404 });
    await expect(strangerClient.batches.create({ input_file_id: file.id, endpoint: "/v1/chat/completions", completion_window: "24h" })).rejects.toMatchObject({ status: 400, param: "input_file_id" });
    expect((await strangerClient.batches.list()).data).toEqual([]);

    await expect(client.batches.create({ input_file_id: file.id, endpoint: "/v1/completions" as "/v1/embeddings", completion_window: "24h" })).rejects.toMatchObject({ status: 400, param: "endpoint" });
    await expect(client.batches.create({ input_file_id: file.id, endpoint: "/v1/chat/completions", completion_window: "1h" as "24h" })).rejects.toMatchObject({ status: 400, param: "completion_window" });
    await expect(client.batches.retrieve("batch_nope")).rejects.toMatchObject({ status: 404 });
    await expect(client.files.create({ file: await (await import("openai")).toFile(Buffer.from("{}\n"), "x.jsonl"), purpose: "fine-tune" })).rejects.toMatchObject({ status: 400, param: "purpose" });
    await expect(client.files.delete(file.id)).rejects.toMatchObject({ status: 409 });

    process.env.BATCH_FILE_MAX_BYTES = "2048";
    resetEnvCache();
    try {
      await expect(uploadBatchInput(client, "x".repeat(4096))).rejects.toMatchObject({ status: 413 });
    } finally {
      delete process.env.BATCH_FILE_MAX_BYTES;
      resetEnvCache();
    }
    await client.batches.cancel(batch.id);
    expect((await client.batches.retrieve(batch.id)).status).toBe("cancelled");
    expect(await client.files.delete(file.id)).toMatchObject({ id: file.id, deleted: true });
  });
});
