// The retry rules over real HTTP: the proxy's fast path in front of two deployments, each an
// OpenAI-compatible fake upstream behind a fault gate (e2e/fake-upstream/fault-gate.ts). What is
// retried (refused and reset connections, timeouts before the first byte, 429/500/502/503/504/529,
// a stream that fails before its first byte), what never is (400/401/403/404/422, anything after a
// stream's first byte), backoff and retry-after, and what the client and the ledger see.
import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { closedPort, type FaultGate } from "@/e2e/fake-upstream/fault-gate";
import { createRoutedModel, routingHarness } from "../support/routing-fixtures";

const harness = routingHarness({ recordLimit: 0 });

/** A model whose first deployment (priority 0) is `a`, second (priority 1) `b`. */
async function failover(a: FaultGate, b: FaultGate, extra: Parameters<typeof createRoutedModel>[0] extends infer S ? Partial<S> : never = {}) {
  return createRoutedModel({ deployments: [{ origin: a.url, priority: 0 }, { origin: b.url, priority: 1 }], ...extra });
}

const hello = (model: string, extra: Record<string, unknown> = {}) => ({ model, messages: [{ role: "user", content: "hello there" }], ...extra });

describe("retries", () => {
  it.each([429, 500, 502, 503, 504, 529])("a %i from the first deployment is retried on the second", async (status) => {
    const [a, b] = await harness.gates(2);
    const routing = await failover(a, b);
    a.set({ status });
    const answer = await harness.chat(hello(routing.name));
    expect(answer.status).toBe(200);
    expect(answer.body.choices[0].message.content).toBe("Echo: hello there");
    expect([a.requests, b.requests]).toEqual([1, 1]);
    const [first, second] = routing.deployments;
    expect(answer.headers.get("x-tollgate-attempts")).toBe("2");
    expect(answer.headers.get("x-tollgate-deployment")).toBe(second.id);
    expect(answer.headers.get("x-tollgate-provider")).toBe(second.providerName);
    const record = await harness.recordOf(answer.headers.get("x-request-id")!);
    expect(record).toMatchObject({ status: 200, attempts: 2, deploymentId: second.id, providerId: second.providerId, fallbackModel: null });
    expect(JSON.parse(record!.attemptLog!)).toMatchObject([
      { deploymentId: first.id, upstreamStatus: status, status: status === 429 ? 429 : 502 },
      { deploymentId: second.id, status: 200 },
    ]);
  });

  it.each([400, 401, 403, 404, 422])("a %i from the upstream is never retried", async (status) => {
    const [a, b] = await harness.gates(2);
    const routing = await failover(a, b);
    a.set({ status });
    const answer = await harness.chat(hello(routing.name));
    // 401/403 judge Tollgate's provider credential: the client gets a 502 that says so.
    expect(answer.status).toBe(status === 401 || status === 403 ? 502 : status);
    expect(answer.body.error.retryable).toBe(status === 401 || status === 403);
    expect([a.requests, b.requests]).toEqual([1, 0]);
    expect(answer.headers.get("x-tollgate-attempts")).toBe("1");
  });

  it("a refused connection and a reset connection are retried", async () => {
    const b = await harness.gate();
    const refused = await createRoutedModel({ deployments: [{ origin: `http://127.0.0.1:${await closedPort()}`, priority: 0 }, { origin: b.url, priority: 1 }] });
    const answer = await harness.chat(hello(refused.name));
    expect(answer.status).toBe(200);
    expect(answer.headers.get("x-tollgate-attempts")).toBe("2");
    const record = await harness.recordOf(answer.headers.get("x-request-id")!);
    expect(JSON.parse(record!.attemptLog!)[0]).toMatchObject({ errorType: "upstream_unreachable" });

    const [a, c] = await harness.gates(2);
    const reset = await failover(a, c);
    a.set({ reset: true });
    const second = await harness.chat(hello(reset.name));
    expect(second.status).toBe(200);
    expect([a.requests, c.requests]).toEqual([1, 1]);
  });

  it("a timeout before the first byte is retried; x-tollgate-timeout-ms sets it per request", async () => {
    const [a, b] = await harness.gates(2);
    const routing = await failover(a, b);
    a.set({ latencyMs: 2_000 });
    const started = Date.now();
    const answer = await harness.chat(hello(routing.name), { "x-tollgate-timeout-ms": "300" });
    expect(answer.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(answer.headers.get("x-tollgate-deployment")).toBe(routing.deployments[1].id);
    const record = await harness.recordOf(answer.headers.get("x-request-id")!);
    expect(JSON.parse(record!.attemptLog!)[0]).toMatchObject({ status: 504, errorType: "upstream_timeout" });

    const bad = await harness.chat(hello(routing.name), { "x-tollgate-timeout-ms": "soon" });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ param: "x-tollgate-timeout-ms", retryable: false });
  });

  it("a stream that fails before its first byte is retried, and the client sees one clean stream", async () => {
    const [a, b] = await harness.gates(2);
    const routing = await failover(a, b);
    a.set({ streamErrorStatus: 529 });
    const answer = await harness.chat(hello(routing.name, { stream: true }));
    expect(answer.status).toBe(200);
    expect(answer.text).not.toContain('"error"');
    expect(answer.text.trimEnd().endsWith("data: [DONE]")).toBe(true);
    expect(answer.headers.get("x-tollgate-attempts")).toBe("2");

    // Headers arrived but the first chunk did not, within the timeout: also before the first byte.
    a.set({ firstChunkDelayMs: 2_000 });
    const slow = await harness.chat(hello(routing.name, { stream: true }), { "x-tollgate-timeout-ms": "300" });
    expect(slow.status).toBe(200);
    expect(slow.headers.get("x-tollgate-deployment")).toBe(routing.deployments[1].id);
  });

  it("a stream cut after its first byte is not retried: an error event, then [DONE]", async () => {
    const [a, b] = await harness.gates(2);
    const routing = await failover(a, b);
    a.set({ cutAfterChunks: 2 });
    const answer = await harness.chat(hello(routing.name, { stream: true }));
    expect(answer.status).toBe(200);
    const events = answer.text.split("\n\n").filter(Boolean);
    expect(events.at(-1)).toBe("data: [DONE]");
    expect(JSON.parse(events.at(-2)!.slice(6)).error).toMatchObject({ retryable: true });
    expect([a.requests, b.requests]).toEqual([1, 0]);
    const record = await harness.recordOf(answer.headers.get("x-request-id")!);
    expect(record).toMatchObject({ attempts: 1, deploymentId: routing.deployments[0].id });
    expect(record!.status).toBeGreaterThanOrEqual(500);
  });

  it("retries one deployment with backoff up to maxRetries, then answers 502 with what happened and retry-after", async () => {
    const a = await harness.gate();
    const routing = await createRoutedModel({ deployments: [{ origin: a.url }], maxRetries: 2 });
    a.set({ status: 503 });
    const answer = await harness.chat(hello(routing.name));
    expect(a.requests).toBe(3);
    expect(answer.status).toBe(502);
    expect(answer.headers.get("retry-after")).toBe("1");
    expect(answer.headers.get("x-tollgate-attempts")).toBe("3");
    expect(answer.body.error).toMatchObject({
      message: `The deployment of ${routing.name} failed; last: provider ${routing.deployments[0].providerName} answered 503. Retry after 1 s.`,
      retryable: true,
      retry_after: 1,
    });
    const record = await harness.recordOf(answer.headers.get("x-request-id")!);
    expect(record).toMatchObject({ status: 502, attempts: 3, costMicros: 0n });
  });

  it("honours retry-after up to the cap; past it the client gets the upstream's retry-after at once (the openai SDK reads it)", async () => {
    const a = await harness.gate();
    const routing = await createRoutedModel({ deployments: [{ origin: a.url }], maxRetries: 1 });
    a.set({ status: 429, retryAfter: "1", times: 1 });
    const started = Date.now();
    expect((await harness.chat(hello(routing.name))).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);

    a.set({ status: 429, retryAfter: "30" });
    const client = new OpenAI({ apiKey: harness.key, baseURL: `${harness.proxy.url}/v1`, maxRetries: 0 });
    const error = await client.chat.completions.create(hello(routing.name) as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    const rateLimited = error as InstanceType<typeof OpenAI.RateLimitError>;
    expect(rateLimited.headers?.get("retry-after")).toBe("30");
    expect(rateLimited.error).toMatchObject({ retryable: true, retry_after: 30 });
    expect(a.requests).toBe(3);
  });

  it("a 503 answer of an exhausted model carries retry-after for the openai SDK", async () => {
    const a = await harness.gate();
    const routing = await createRoutedModel({ deployments: [{ origin: a.url }], maxRetries: 0 });
    a.set({ status: 500 });
    for (let i = 0; i < 5; i++) await harness.chat(hello(routing.name));
    const client = new OpenAI({ apiKey: harness.key, baseURL: `${harness.proxy.url}/v1`, maxRetries: 0 });
    const error = (await client.chat.completions.create(hello(routing.name) as never).catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(error.status).toBe(503);
    expect(Number(error.headers?.get("retry-after"))).toBeGreaterThan(25);
    expect(error.error).toMatchObject({ code: "no_healthy_deployment", retryable: true });
    expect(a.requests).toBe(5);
  });
});
