// Fallback models, the context-window preflight (a fallback that fits, a 400 naming the window and
// the count, truncation on request), auto routers, and the routing API's validation — over real HTTP.
import { describe, expect, it } from "vitest";
import { adminRequest, callRoute } from "@/lib/http/admin-test-support";
import * as routingRoute from "@/lib/models/routing-route";
import { costOfCall } from "@/lib/usage/money";
import { createRoutedModel, putRouting, routingHarness } from "../support/routing-fixtures";

const harness = routingHarness();

async function recordOf(requestId: string) {
  const record = await harness.recordOf(requestId);
  if (!record) throw new Error(`no usage record for ${requestId}`);
  return record;
}

const ask = (model: string, content = "hello there", extra: Record<string, unknown> = {}) => ({ model, messages: [{ role: "user", content }], ...extra });

describe("fallback models", () => {
  it("serve when every deployment failed, billed at their prices, in the ledger as the fallback", async () => {
    const [a, b] = [await harness.gate(), await harness.gate()];
    const small = await createRoutedModel({ deployments: [{ origin: b.url }], inputPricePerMTok: 0.1, outputPricePerMTok: 0.2 });
    const large = await createRoutedModel({ deployments: [{ origin: a.url }], fallbackModels: [small.name], maxRetries: 1 });
    a.set({ status: 503 });
    const answer = await harness.chat(ask(large.name));
    expect(answer.status).toBe(200);
    expect([a.requests, b.requests]).toEqual([2, 1]);
    expect(answer.headers.get("x-tollgate-model")).toBe(large.name);
    expect(answer.headers.get("x-tollgate-fallback")).toBe(small.name);
    expect(answer.headers.get("x-tollgate-attempts")).toBe("3");
    const record = await recordOf(answer.headers.get("x-request-id")!);
    expect(record).toMatchObject({ model: large.name, fallbackModel: small.name, attempts: 3, deploymentId: small.deployments[0].id });
    expect(record.costMicros).toBe(costOfCall({ inputTokens: record.inputTokens, outputTokens: record.outputTokens, cachedTokens: 0 }, { inputPerMTok: 100_000n, outputPerMTok: 200_000n, cachedPerMTok: null }));
  });

  it("each fallback gets one attempt: a fallback does not restart the retry cycle", async () => {
    const [a, b, c] = [await harness.gate(), await harness.gate(), await harness.gate()];
    const second = await createRoutedModel({ deployments: [{ origin: b.url }], maxRetries: 5 });
    const third = await createRoutedModel({ deployments: [{ origin: c.url }], maxRetries: 5 });
    const first = await createRoutedModel({ deployments: [{ origin: a.url }], fallbackModels: [second.name, third.name], maxRetries: 2 });
    for (const g of [a, b, c]) g.set({ status: 500 });
    const answer = await harness.chat(ask(first.name));
    expect(answer.status).toBe(502);
    expect([a.requests, b.requests, c.requests]).toEqual([3, 1, 1]);
    expect(answer.body.error.message).toMatch(new RegExp(`^The deployment of ${first.name} and fallbacks ${second.name}, ${third.name} failed; last: provider \\S+ answered 500\\. Retry after 1 s\\.$`));
  });
});

describe("context windows", () => {
  const long = "Tell me everything about the history of computing, in great detail. ".repeat(20);

  it("a prompt over the window goes to the first fallback that fits it", async () => {
    const [a, b] = [await harness.gate(), await harness.gate()];
    const roomy = await createRoutedModel({ deployments: [{ origin: b.url }], contextWindow: 100_000 });
    const tight = await createRoutedModel({ deployments: [{ origin: a.url }], contextWindow: 60, fallbackModels: [roomy.name] });
    const answer = await harness.chat(ask(tight.name, long));
    expect(answer.status).toBe(200);
    expect([a.requests, b.requests]).toEqual([0, 1]);
    expect(answer.headers.get("x-tollgate-fallback")).toBe(roomy.name);
    expect((await recordOf(answer.headers.get("x-request-id")!)).fallbackModel).toBe(roomy.name);
    // A short prompt still goes to the model asked for, without a count.
    expect((await harness.chat(ask(tight.name, "hi"))).headers.get("x-tollgate-deployment")).toBe(tight.deployments[0].id);
  });

  it("no fallback fits: 400 context_length_exceeded naming the window and the count", async () => {
    const a = await harness.gate();
    const tight = await createRoutedModel({ deployments: [{ origin: a.url }], contextWindow: 60 });
    const answer = await harness.chat(ask(tight.name, long, { max_tokens: 10 }));
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: "context_length_exceeded", param: "messages", retryable: false });
    expect(answer.body.error.message).toMatch(new RegExp(`^This request needs \\d+ tokens \\(\\d+ in the messages, 10 for the completion\\), but the model \`${tight.name}\` has a context window of 60 tokens`));
    expect(a.requests).toBe(0);
  });

  it("x-tollgate-truncate: oldest drops the oldest non-system messages until the prompt fits", async () => {
    const a = await harness.gate();
    const tight = await createRoutedModel({ deployments: [{ origin: a.url }], contextWindow: 120 });
    const turn = "Here is an older part of the conversation that takes room. ";
    const messages = [
      { role: "system", content: "Be brief." },
      { role: "user", content: turn.repeat(4) },
      { role: "assistant", content: turn.repeat(4) },
      { role: "user", content: turn.repeat(4) },
      { role: "assistant", content: "ok" },
      { role: "user", content: "and now?" },
    ];
    harness.upstream.clear();
    const answer = await harness.chat({ model: tight.name, messages }, { "x-tollgate-truncate": "oldest" });
    expect(answer.status).toBe(200);
    const sent = (harness.upstream.requests.at(-1)!.body as { messages: { role: string; content: string }[] }).messages;
    expect(sent[0]).toEqual({ role: "system", content: "Be brief." });
    expect(sent.at(-1)).toEqual({ role: "user", content: "and now?" });
    expect(sent.length).toBeLessThan(messages.length);
    expect(answer.headers.get("x-tollgate-truncated")).toBe(String(messages.length - sent.length));

    const unfit = await harness.chat({ model: tight.name, messages: [{ role: "user", content: turn.repeat(20) }] }, { "x-tollgate-truncate": "oldest" });
    expect(unfit.status).toBe(400);
    expect(unfit.body.error.message).toContain("Even without its older messages");
  });
});

describe("auto routers", () => {
  it("pick a candidate by the request's priority and rules; the choice is in x-tollgate-model, the ledger and the bill", async () => {
    const [a, b] = [await harness.gate(), await harness.gate()];
    const large = await createRoutedModel({ deployments: [{ origin: a.url }], inputPricePerMTok: 5, outputPricePerMTok: 15 });
    const small = await createRoutedModel({ deployments: [{ origin: b.url }], inputPricePerMTok: 0.1, outputPricePerMTok: 0.4 });
    const auto = await createRoutedModel({
      deployments: [],
      router: { candidates: [large.name, small.name], defaultPriority: "cost", rules: [{ when: { hasCode: true }, use: [large.name] }] },
    });
    const cheap = await harness.chat(ask(auto.name));
    expect(cheap.headers.get("x-tollgate-model")).toBe(small.name);
    expect(cheap.headers.get("x-tollgate-router")).toBe(auto.name);
    const quality = await harness.chat(ask(auto.name), { "x-tollgate-priority": "quality" });
    expect(quality.headers.get("x-tollgate-model")).toBe(large.name);
    const code = await harness.chat(ask(auto.name, "Why does this fail?\n```js\nconst a = b.c;\n```"));
    expect(code.headers.get("x-tollgate-model")).toBe(large.name);
    expect([a.requests, b.requests]).toEqual([2, 1]);

    const record = await recordOf(cheap.headers.get("x-request-id")!);
    expect(record).toMatchObject({ model: small.name, router: auto.name });
    expect(record.costMicros).toBe(costOfCall({ inputTokens: record.inputTokens, outputTokens: record.outputTokens, cachedTokens: 0 }, { inputPerMTok: 100_000n, outputPerMTok: 400_000n, cachedPerMTok: null }));

    const bad = await harness.chat(ask(auto.name), { "x-tollgate-priority": "fastest" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.param).toBe("x-tollgate-priority");
  });

  it("the other candidates are its fallbacks when the chosen one fails", async () => {
    const [a, b] = [await harness.gate(), await harness.gate()];
    const large = await createRoutedModel({ deployments: [{ origin: a.url }] });
    const small = await createRoutedModel({ deployments: [{ origin: b.url }], maxRetries: 0, inputPricePerMTok: 0.1, outputPricePerMTok: 0.4 });
    const auto = await createRoutedModel({ deployments: [], router: { candidates: [large.name, small.name], defaultPriority: "cost" } });
    b.set({ status: 503, times: 1 });
    const answer = await harness.chat(ask(auto.name));
    expect(answer.status).toBe(200);
    expect(answer.headers.get("x-tollgate-model")).toBe(small.name);
    expect(answer.headers.get("x-tollgate-fallback")).toBe(large.name);
    expect([a.requests, b.requests]).toEqual([1, 1]);
  });
});

describe("the routing API", () => {
  it("validates deployments, fallbacks and routers, naming the field", async () => {
    const a = await harness.gate();
    const model = await createRoutedModel({ deployments: [{ origin: a.url }] });
    const base = { strategy: "priority", deployments: [{ providerId: model.deployments[0].providerId, upstreamModel: "m" }] };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, deployments: [{ providerId: "nope", upstreamModel: "m" }] }, "deployments.0.providerId"],
      [{ ...base, fallbackModels: [model.name] }, "fallbackModels.0"],
      [{ ...base, fallbackModels: ["no-such-model"] }, "fallbackModels.0"],
      [{ ...base, strategy: "random" }, "strategy"],
      [{ ...base, deployments: [{ ...base.deployments[0], weight: 0 }] }, "deployments.0.weight"],
      [{ ...base, router: { candidates: ["x"] } }, "deployments"],
      [{ strategy: "priority", deployments: [], router: { candidates: ["no-such-model"] } }, "router.candidates.0"],
    ];
    for (const [body, field] of cases) {
      const result = await putRouting(model.modelId, body);
      expect(result.status, JSON.stringify(body)).toBe(422);
      expect(result.body.error!.field).toBe(field);
    }
  });

  it("keeps deployment ids when the same list is sent again, and GET returns what PUT set", async () => {
    const [a, b] = [await harness.gate(), await harness.gate()];
    const model = await createRoutedModel({ deployments: [{ origin: a.url }, { origin: b.url, priority: 1 }], strategy: "weighted" });
    const resent = await putRouting(model.modelId, {
      strategy: "round-robin",
      maxRetries: 1,
      timeoutMs: 5000,
      deployments: model.deployments.map((d) => ({ providerId: d.providerId, upstreamModel: d.upstreamModel, weight: 2 })),
    });
    expect(resent.status).toBe(200);
    expect(resent.body.deployments.map((d) => d.id)).toEqual(model.deployments.map((d) => d.id));
    const got = await callRoute(routingRoute.GET, adminRequest(`/api/admin/models/${model.modelId}/routing`), { id: model.modelId });
    expect(got.body).toMatchObject({ strategy: "round-robin", maxRetries: 1, timeoutMs: 5000, deployments: [{ weight: 2 }, { weight: 2 }] });
    const notFound = await callRoute(routingRoute.GET, adminRequest("/api/admin/models/nope/routing"), { id: "nope" });
    expect(notFound.status).toBe(404);
  });
});
