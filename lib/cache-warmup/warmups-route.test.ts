// The warm-up routes on a real database: the contract shapes, a 400 naming the field for every bad
// setting, bad lines reported by number with the rest accepted, 413 over the size or item limit,
// the estimate priced at the model's prices with the gateway's token counting, roles, cancel and audit.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { readCacheSettings } from "../cache/settings-mutations";
import { db } from "../db";
import { ensureDefaultOrg } from "../org/default-org";
import { resetEnvCache } from "../env";
import { adminRequest, callRoute, createTestUser, enableTestAdminApiKey, sessionCookieFor, type TestAuth } from "../http/admin-test-support";
import { countPromptTokens } from "../tokens/chat-tokens";
import { warmTokenCounting } from "../tokens/token-counting";
import { createProviderWithModel, createUserWithKey } from "../../test/support/gateway-fixtures";
import { uniqueSuffix } from "../../test/support/test-ids";
import * as estimateRoute from "./warmup-estimate-route";
import * as itemsRoute from "./warmup-items-route";
import * as jobRoute from "./warmup-route";
import * as cancelRoute from "./warmup-cancel-route";
import * as warmups from "./warmups-route";
import { MAX_WARMUP_ITEMS } from "./schemas";

let model: string;
let keyId: string;

beforeAll(async () => {
  enableTestAdminApiKey();
  // As `npm start` does before serving: with the tokenizer not yet loaded, a count on a busy machine
  // can pass its deadline and fall back to the UTF-8 bound, which this file's exact counts would not equal.
  await warmTokenCounting();
  // $2 / 1M input, $8 / 1M output (the fixtures' prices); no output limit on the model.
  model = (await createProviderWithModel({ kind: "openai-compatible", baseUrl: "http://127.0.0.1:9/v1", apiKey: "sk-x" })).modelName;
  keyId = (await createUserWithKey()).keyId;
});

afterEach(() => {
  delete process.env.CACHE_WARMUP_MAX_BYTES;
  resetEnvCache();
});

const post = (handler: typeof warmups.POST, path: string, body: unknown, auth?: TestAuth) =>
  callRoute(handler, adminRequest(path, { method: "POST", body, auth }));
const create = (body: unknown) => post(warmups.POST, "/api/admin/cache/warmups", body);

describe("POST /api/admin/cache/warmups", () => {
  it("queues a job from prompts and answers the contract's shape; GET shows its progress", async () => {
    const created = await create({ model, keyId, prompts: ["What is Tollgate?", "How do keys work?"] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.any(String), status: "queued", total: 2, errors: [], errorCount: 0 });
    const id = created.body.id;
    const job = await callRoute(jobRoute.GET, adminRequest(`/api/admin/cache/warmups/${id}`), { id });
    expect(job.body).toMatchObject({ id, status: "queued", total: 2, done: 0, failed: 0, cost: 0, pending: 2, model, keyId, concurrency: 4 });
    const items = await callRoute(itemsRoute.GET, adminRequest(`/api/admin/cache/warmups/${id}/items`), { id });
    expect(items.body.total).toBe(2);
    expect(items.body.data.map((item: { line: number; prompt: string; status: string }) => [item.line, item.prompt, item.status])).toEqual([
      [1, "What is Tollgate?", "pending"],
      [2, "How do keys work?", "pending"],
    ]);
  });

  it("accepts a file's text, reports each malformed line by number and keeps the rest", async () => {
    const text = ['{"messages":[{"role":"user","content":"good one"}]}', "{broken", '{"prompt":"good two","max_tokens":10}', '{"messages":[]}'].join("\n");
    const created = await create({ model, keyId, input: { format: "jsonl", text } });
    expect(created.status).toBe(201);
    expect(created.body.total).toBe(2);
    expect(created.body.errorCount).toBe(2);
    expect(created.body.errors.map((e: { line: number }) => e.line)).toEqual([2, 4]);
  });

  // Bodies are built when the test runs: model and keyId exist only after beforeAll.
  const badBodies: [string, () => Record<string, unknown>, string][] = [
    ["no model", () => ({ keyId, prompts: ["a"] }), "model"],
    ["concurrency 0", () => ({ model, keyId, prompts: ["a"], concurrency: 0 }), "concurrency"],
    ["concurrency 17", () => ({ model, keyId, prompts: ["a"], concurrency: 17 }), "concurrency"],
    ["concurrency 1.5", () => ({ model, keyId, prompts: ["a"], concurrency: 1.5 }), "concurrency"],
    ["no prompts", () => ({ model, keyId }), "prompts"],
    ["prompts and requests", () => ({ model, keyId, prompts: ["a"], requests: [{ messages: [] }] }), "prompts"],
    ["an unknown format", () => ({ model, keyId, input: { format: "xml", text: "a" } }), "input.format"],
    ["an empty file", () => ({ model, keyId, input: { format: "lines", text: "" } }), "input.text"],
    ["no usable prompt", () => ({ model, keyId, prompts: ["", 4] }), "prompts"],
    ["an unknown model", () => ({ model: "no-such-model", keyId, prompts: ["a"] }), "model"],
    ["an unknown key", () => ({ model, keyId: "no-such-key", prompts: ["a"] }), "keyId"],
    ["no key with the admin API key", () => ({ model, prompts: ["a"] }), "keyId"],
  ];
  it.each(badBodies)("400 naming the field for %s", async (_what, body, field) => {
    const answer = await create(body());
    expect(answer.status).toBe(400);
    expect(answer.body.error.field).toBe(field);
    expect(answer.body.error.message).toMatch(new RegExp(`^${field.replace(".", "\\.")}: `));
  });

  it("400 for a team that does not exist and for a key's team that is not the one named", async () => {
    const admin = await createTestUser({ role: "admin", suffix: uniqueSuffix() });
    const auth = await sessionCookieFor(admin);
    const noTeam = await post(warmups.POST, "/api/admin/cache/warmups", { model, teamId: "no-such-team", prompts: ["a"] }, auth);
    expect(noTeam).toMatchObject({ status: 400, body: { error: { field: "teamId" } } });
    const team = await db().team.create({ data: { orgId: admin.orgId, name: `other-${uniqueSuffix()}` } });
    const mismatch = await create({ model, keyId, teamId: team.id, prompts: ["a"] });
    expect(mismatch).toMatchObject({ status: 400, body: { error: { field: "teamId" } } });
    // A session admin may charge a team, or themselves.
    const forTeam = await post(warmups.POST, "/api/admin/cache/warmups", { model, teamId: team.id, prompts: ["a"] }, auth);
    expect(forTeam.status).toBe(201);
    const job = await db().cacheWarmupJob.findUniqueOrThrow({ where: { id: forTeam.body.id } });
    expect(job).toMatchObject({ keyId: null, teamId: team.id, userId: admin.id, createdBy: admin.email });
  });

  it("400 for a key that opted out of the cache (its calls would store nothing)", async () => {
    const optedOut = await createUserWithKey();
    await db().apiKey.update({ where: { id: optedOut.keyId }, data: { cacheOptOut: true } });
    const answer = await create({ model, keyId: optedOut.keyId, prompts: ["a"] });
    expect(answer).toMatchObject({ status: 400, body: { error: { field: "keyId", message: expect.stringMatching(/opted out of the cache/) } } });
  });

  it("413 for a body over CACHE_WARMUP_MAX_BYTES and for more items than a job takes", async () => {
    process.env.CACHE_WARMUP_MAX_BYTES = "2048";
    resetEnvCache();
    const big = await create({ model, keyId, input: { format: "lines", text: "x".repeat(4096) } });
    expect(big.status).toBe(413);
    delete process.env.CACHE_WARMUP_MAX_BYTES;
    resetEnvCache();
    const many = await create({ model, keyId, input: { format: "lines", text: Array.from({ length: MAX_WARMUP_ITEMS + 1 }, (_, i) => `q${i}`).join("\n") } });
    expect(many.status).toBe(413);
    expect(many.body.error.message).toMatch(/at most 10000/);
  });

  it("viewers read jobs, only admins start or cancel them, developers see none", async () => {
    const viewer = await sessionCookieFor(await createTestUser({ role: "viewer", suffix: uniqueSuffix() }));
    const developer = await sessionCookieFor(await createTestUser({ role: "developer", suffix: uniqueSuffix() }));
    expect((await callRoute(warmups.GET, adminRequest("/api/admin/cache/warmups", { auth: viewer }))).status).toBe(200);
    expect((await callRoute(warmups.GET, adminRequest("/api/admin/cache/warmups", { auth: developer }))).status).toBe(403);
    expect((await post(warmups.POST, "/api/admin/cache/warmups", { model, keyId, prompts: ["a"] }, viewer)).status).toBe(403);
    expect((await post(estimateRoute.POST, "/api/admin/cache/warmups/estimate", { model, keyId, prompts: ["a"] }, viewer)).status).toBe(403);
  });
});

describe("POST /api/admin/cache/warmups/estimate", () => {
  it("counts the prompts like the gateway and prices them at the model's prices, starting nothing", async () => {
    const before = await db().cacheWarmupJob.count();
    const prompts = ["How do I rotate a key?", "What does a quota hold?"];
    const answer = await post(estimateRoute.POST, "/api/admin/cache/warmups/estimate", {
      model,
      keyId,
      requests: [{ messages: [{ role: "user", content: prompts[0] }], max_tokens: 100 }, { messages: [{ role: "user", content: prompts[1] }] }, "bad"],
    });
    expect(answer.status).toBe(200);
    let inputTokens = 0;
    for (const content of prompts) inputTokens += await countPromptTokens({ model, messages: [{ role: "user", content }] });
    const maxOutputTokens = 100 + 4096;
    // The organization's cache setting as it is now: other files on the same database turn it on and off.
    const { enabled: cacheEnabled } = await readCacheSettings(await ensureDefaultOrg());
    expect(answer.body).toMatchObject({ model, total: 2, inputTokens, maxOutputTokens, errorCount: 1, errors: [{ line: 3 }], cacheEnabled });
    expect(answer.body.inputCost).toBeCloseTo((inputTokens * 2) / 1e6, 6);
    expect(answer.body.maxCost).toBeCloseTo((inputTokens * 2 + maxOutputTokens * 8) / 1e6, 6);
    expect(await db().cacheWarmupJob.count()).toBe(before);
  });
});

describe("POST /api/admin/cache/warmups/{id}/cancel", () => {
  it("cancels a queued job (pending items skipped, audited), is idempotent, 409 once finished, 404 when unknown", async () => {
    const id = (await create({ model, keyId, prompts: ["a", "b", "c"] })).body.id;
    const cancelled = await callRoute(cancelRoute.POST, adminRequest(`/api/admin/cache/warmups/${id}/cancel`, { method: "POST" }), { id });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: "cancelled", skipped: 3, pending: 0, done: 0 });
    expect((await callRoute(cancelRoute.POST, adminRequest(`/api/admin/cache/warmups/${id}/cancel`, { method: "POST" }), { id })).status).toBe(200);
    const audit = await db().auditLog.findMany({ where: { targetType: "cache_warmup", targetId: id }, orderBy: { id: "asc" } });
    expect(audit.map((row) => row.action)).toEqual(["cache_warmup.create", "cache_warmup.cancel"]);

    const finished = (await create({ model, keyId, prompts: ["d"] })).body.id;
    await db().cacheWarmupJob.update({ where: { id: finished }, data: { status: "done" } });
    expect((await callRoute(cancelRoute.POST, adminRequest(`/api/admin/cache/warmups/${finished}/cancel`, { method: "POST" }), { id: finished })).status).toBe(409);
    expect((await callRoute(cancelRoute.POST, adminRequest("/api/admin/cache/warmups/nope/cancel", { method: "POST" }), { id: "nope" })).status).toBe(404);
  });
});
