// The router against scripted attempts: which deployment each attempt goes to, when it waits, when it
// stops, and what the client and the ledger get. The upstream itself is covered over real HTTP in
// test/integration/routing-*.test.ts.
import { afterEach, describe, expect, it } from "vitest";
import { BadRequestError, UpstreamError, UpstreamTimeoutError } from "../http/errors";
import { errorFromUpstreamResponse } from "../gateway/upstream/error-mapping";
import { MemoryStore } from "../store/memory-store";
import { HealthRegistry } from "./health-registry";
import { routeCall, type AttemptContext } from "./route-call";
import type { RoutingSettings } from "./routing-settings";
import { RoutingFailure } from "./routing-error";
import type { RoutableDeployment, RoutableModel } from "./types";

const SETTINGS: RoutingSettings = {
  breaker: { consecutiveFailures: 5, errorRate: 0.5, minCalls: 10, windowMs: 30_000, cooldownMs: 30_000, maxCooldownMs: 300_000 },
  maxRetryWaitMs: 5000, backoffBaseMs: 10, queueTimeoutMs: 200, queueMax: 10, defaultTimeoutMs: 1000, maxTimeoutMs: 10_000, probeIntervalMs: 0,
};

const stores: MemoryStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

function setup(settings: Partial<RoutingSettings> = {}) {
  const store = new MemoryStore();
  stores.push(store);
  return new HealthRegistry(() => store, Date.now, () => ({ ...SETTINGS, ...settings }));
}

function deployment(id: string, overrides: Partial<RoutableDeployment> = {}): RoutableDeployment {
  return {
    id, providerId: `p-${id}`, providerName: `provider-${id}`, upstreamModel: "m", weight: 1, priority: 0, position: 0, maxConcurrency: null, state: "active",
    price: { inputPerMTok: 1n, outputPerMTok: 1n, cachedPerMTok: null }, ...overrides,
  };
}

function model(name: string, deployments: RoutableDeployment[], overrides: Partial<RoutableModel> = {}): RoutableModel {
  return { modelId: `id-${name}`, name, strategy: "priority", maxRetries: 2, fallbackModels: [], queueTimeoutMs: 200, contextWindow: null, deployments, ...overrides };
}

const status = (code: number, retryAfter?: string) => errorFromUpstreamResponse(code, "{}", retryAfter, { providerId: "p" });

/** Each attempt answers from `script[deploymentId]` in turn: an error to throw, or "ok". */
function scripted(script: Record<string, (Error | "ok")[]>) {
  const seen: string[] = [];
  const attempt = async ({ deployment }: AttemptContext<RoutableDeployment>) => {
    seen.push(deployment.id);
    const next = script[deployment.id]?.shift() ?? "ok";
    if (next !== "ok") throw next;
    return deployment.id;
  };
  return { seen, attempt };
}

function run(registry: HealthRegistry, primary: RoutableModel, attempt: (c: AttemptContext<RoutableDeployment>) => Promise<string>, fallbacks: RoutableModel[] = [], signal = new AbortController().signal) {
  return routeCall({ primary, fallbacks: () => fallbacks, attempt, signal, attemptTimeoutMs: 1000, registry, strategyState: (m) => registry.strategyState(m.modelId), random: () => 0 });
}

async function failureOf(promise: Promise<unknown>): Promise<RoutingFailure> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RoutingFailure) return error;
    throw error;
  }
  throw new Error("expected a RoutingFailure");
}

describe("routeCall", () => {
  it("moves to the other deployment after a 503, and the ledger gets both attempts", async () => {
    const registry = setup();
    const { seen, attempt } = scripted({ a: [status(503)] });
    const routed = await run(registry, model("m", [deployment("a"), deployment("b", { priority: 1 })]), attempt);
    expect(seen).toEqual(["a", "b"]);
    expect(routed).toMatchObject({ value: "b", attemptCount: 2, deployment: { id: "b" } });
    expect(routed.attempts?.map((a) => [a.deploymentId, a.status, a.upstreamStatus])).toEqual([["a", 502, 503], ["b", 200, null]]);
    routed.finish({ ok: true, firstTokenMs: 10 });
  });

  it("never retries a client error from the upstream", async () => {
    const registry = setup();
    const { seen, attempt } = scripted({ a: [status(400)] });
    const failure = await failureOf(run(registry, model("m", [deployment("a"), deployment("b")]), attempt));
    expect(seen).toEqual(["a"]);
    expect(failure.error).toMatchObject({ status: 400 });
    expect(registry.breaker("a").consecutiveFailures).toBe(0);
  });

  it("retries one deployment up to maxRetries, then answers with what happened and when to retry", async () => {
    const registry = setup();
    const { seen, attempt } = scripted({ only: [status(503), status(503), status(503)] });
    const failure = await failureOf(run(registry, model("gpt-4o", [deployment("only", { providerName: "openai-eu" })]), attempt));
    expect(seen).toEqual(["only", "only", "only"]);
    expect(failure.attempts).toHaveLength(3);
    expect(failure.error).toMatchObject({ status: 502, retryable: true, retryAfterSeconds: 1, headers: { "retry-after": "1" } });
    expect((failure.error as Error).message).toBe("The deployment of gpt-4o failed; last: provider openai-eu answered 503. Retry after 1 s.");
  });

  it("says how many deployments failed, and 504 when the last one timed out", async () => {
    const registry = setup();
    const { attempt } = scripted({ a: [status(503), status(503)], b: [new UpstreamTimeoutError(800), new UpstreamTimeoutError(800)] });
    const failure = await failureOf(run(registry, model("gpt-4o", [deployment("a", { providerName: "openai-eu" }), deployment("b", { providerName: "azure" })]), attempt));
    expect(failure.error).toMatchObject({ status: 504 });
    expect((failure.error as Error).message).toMatch(/^All 2 deployments of gpt-4o failed; last: provider (azure did not answer within 800 ms|openai-eu answered 503)/);
  });

  it("honours retry-after up to the cap; a longer one bars that deployment and the answer carries it", async () => {
    const registry = setup({ maxRetryWaitMs: 1500 });
    const short = scripted({ a: [status(429, "1")] });
    const started = Date.now();
    await run(registry, model("m", [deployment("a")]), short.attempt);
    expect(Date.now() - started).toBeGreaterThanOrEqual(990);

    const long = scripted({ a: [status(429, "30")] });
    const failure = await failureOf(run(setup({ maxRetryWaitMs: 1500 }), model("m", [deployment("a")]), long.attempt));
    expect(long.seen).toEqual(["a"]);
    expect(failure.error).toMatchObject({ status: 429, retryAfterSeconds: 30, headers: { "retry-after": "30" } });
  });

  it("falls back to the next model when every deployment failed, once, without restarting the retry cycle", async () => {
    const registry = setup();
    const { seen, attempt } = scripted({ a: [status(502), status(502), status(502)], small: [status(503)], smaller: ["ok"] });
    const routed = await run(registry, model("large", [deployment("a")]), attempt, [model("small", [deployment("small")]), model("smaller", [deployment("smaller")])]);
    expect(seen).toEqual(["a", "a", "a", "small", "smaller"]);
    expect(routed).toMatchObject({ attemptCount: 5, model: { name: "smaller" } });
  });

  it("skips an ejected deployment; when all are ejected it answers 503 with the time left", async () => {
    const registry = setup();
    const a = deployment("a");
    const b = deployment("b");
    for (let i = 0; i < 5; i++) registry.failed(registry.breaker("a"), "503 upstream_server_error");
    const { seen, attempt } = scripted({});
    await run(registry, model("m", [a, b]), attempt);
    expect(seen).toEqual(["b"]);

    for (let i = 0; i < 5; i++) registry.failed(registry.breaker("b"), "503 upstream_server_error");
    const failure = await failureOf(run(registry, model("gpt-4o", [a, b]), attempt));
    expect(seen).toEqual(["b"]);
    expect(failure.error).toMatchObject({ status: 503, code: "no_healthy_deployment", retryable: true });
    expect((failure.error as Error).message).toMatch(/^All 2 deployments of gpt-4o are ejected after repeated failures \(last error: 503 upstream_server_error\)\. Retry after (29|30) s\.$/);
  });

  it("sends exactly one probe call after the cool-down; its success closes the breaker", async () => {
    let now = 1_000_000;
    const store = new MemoryStore();
    stores.push(store);
    const registry = new HealthRegistry(() => store, () => now, () => SETTINGS);
    for (let i = 0; i < 5; i++) registry.failed(registry.breaker("a"), "503");
    now += 30_000;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const probe = run(registry, model("m", [deployment("a")]), async () => {
      await gate;
      return "a";
    });
    // While the probe is in flight, other calls are refused at once.
    await expect(failureOf(run(registry, model("m", [deployment("a")]), async () => "a"))).resolves.toMatchObject({ error: { status: 503 } });
    release();
    (await probe).finish({ ok: true, firstTokenMs: 5 });
    expect(registry.breaker("a").state).toBe("closed");
  });

  it("drained and disabled deployments take no calls", async () => {
    const registry = setup();
    const { seen, attempt } = scripted({});
    await run(registry, model("m", [deployment("a", { state: "draining" }), deployment("b", { priority: 1 })]), attempt);
    expect(seen).toEqual(["b"]);
    const failure = await failureOf(run(registry, model("m", [deployment("a", { state: "disabled" })]), attempt));
    expect(failure.error).toMatchObject({ status: 503, code: "no_active_deployment", retryable: false });
  });

  it("waits for a slot under maxConcurrency, and answers 429 when none frees in time", async () => {
    const registry = setup();
    const capped = model("m", [deployment("a", { maxConcurrency: 1 })], { queueTimeoutMs: 150 });
    const first = await run(registry, capped, async () => "a");
    const waiting = run(registry, capped, async () => "a");
    setTimeout(() => first.finish({ ok: true, firstTokenMs: 1 }), 30);
    const second = await waiting;
    expect(second.value).toBe("a");
    const third = await failureOf(run(registry, capped, async () => "a"));
    expect(third.error).toMatchObject({ status: 429, code: "concurrency_limit_exceeded", retryAfterSeconds: 1 });
    second.finish({ ok: true });
  });

  it("stops at once when the client goes away", async () => {
    const registry = setup();
    const controller = new AbortController();
    const { seen, attempt } = scripted({ a: [status(503)] });
    const wrapped = async (context: AttemptContext<RoutableDeployment>) => {
      controller.abort(new UpstreamError(499, "gone", "client_closed"));
      return attempt(context);
    };
    const failure = await failureOf(run(registry, model("m", [deployment("a"), deployment("b")]), wrapped, [], controller.signal));
    expect(seen).toEqual(["a"]);
    expect(failure.error).toMatchObject({ code: "client_closed" });
    expect(registry.breaker("a").consecutiveFailures).toBe(0);
  });

  it("a non-routing error passes through untouched", async () => {
    const registry = setup();
    const failure = await failureOf(run(registry, model("m", [deployment("a")]), async () => {
      throw new BadRequestError("nope", "messages");
    }));
    expect(failure.error).toBeInstanceOf(BadRequestError);
  });
});
