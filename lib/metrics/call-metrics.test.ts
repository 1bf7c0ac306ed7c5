import { AggregatorRegistry, Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import type { UsageEvent } from "../usage/usage-event";
import { MAX_MODEL_LABELS, ModelLabels, statusClass } from "./call-labels";
import { CallMetrics } from "./call-metrics";

function event(overrides: Partial<UsageEvent> = {}): UsageEvent {
  return {
    requestId: "req-1", orgId: "org", keyId: "key-1", userId: "user-1", teamId: "team-a", model: "gpt-4o-mini",
    providerId: "prov-1", providerKind: "openai", providerName: "openai-main", upstreamModel: "gpt-4o-mini-2024",
    inputTokens: 100, outputTokens: 20, cachedTokens: 0, costMicros: 1_500n, latencyMs: 120, ttftMs: 40, upstreamMs: 100,
    streamed: true, status: 200, errorType: null, estimated: false, endpoint: "chat.completions", createdAt: new Date(),
    ...overrides,
  };
}

/** The value of one sample line of the exposition text. */
function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

const TIMING = 'endpoint="chat.completions",model="gpt-4o-mini",provider="openai-main",status="2xx"';

describe("CallMetrics", () => {
  it("counts each call into the duration, upstream and first-token histograms and the token and cost counters", async () => {
    const registry = new Registry();
    const calls = new CallMetrics(registry);
    calls.observe(event());
    calls.observe(event({ latencyMs: 3_000, ttftMs: 800, upstreamMs: 2_900, inputTokens: 50, outputTokens: 5, costMicros: 500n }));
    const text = await registry.metrics();

    expect(text).toContain("# TYPE tollgate_request_duration_seconds histogram");
    expect(sample(text, `tollgate_request_duration_seconds_bucket{${TIMING},le="0.25"}`)).toBe(1);
    expect(sample(text, `tollgate_request_duration_seconds_bucket{${TIMING},le="5"}`)).toBe(2);
    expect(sample(text, `tollgate_request_duration_seconds_bucket{${TIMING},le="+Inf"}`)).toBe(2);
    expect(sample(text, `tollgate_request_duration_seconds_sum{${TIMING}}`)).toBeCloseTo(3.12);
    expect(sample(text, `tollgate_request_duration_seconds_count{${TIMING}}`)).toBe(2);
    expect(sample(text, `tollgate_upstream_latency_seconds_count{${TIMING}}`)).toBe(2);
    expect(sample(text, `tollgate_upstream_latency_seconds_bucket{${TIMING},le="0.1"}`)).toBe(1);
    expect(sample(text, `tollgate_time_to_first_token_seconds_bucket{${TIMING},le="0.05"}`)).toBe(1);
    expect(sample(text, `tollgate_time_to_first_token_seconds_bucket{${TIMING},le="1"}`)).toBe(2);

    const spend = 'model="gpt-4o-mini",provider="openai-main",team="team-a"';
    expect(sample(text, `tollgate_tokens_total{${spend},type="input"}`)).toBe(150);
    expect(sample(text, `tollgate_tokens_total{${spend},type="output"}`)).toBe(25);
    expect(sample(text, `tollgate_cost_dollars_total{${spend}}`)).toBeCloseTo(0.002);
  });

  it("observes what each call has: no first token for a JSON answer, no upstream time for a refusal, no tokens for a cache hit", async () => {
    const registry = new Registry();
    const calls = new CallMetrics(registry);
    calls.observe(event({ streamed: false, ttftMs: null }));
    calls.observe(event({ status: 429, providerId: null, providerKind: null, providerName: null, upstreamModel: null, upstreamMs: null, inputTokens: 0, outputTokens: 0, costMicros: 0n, refusal: "quota", teamId: null }));
    calls.observe(event({ cache: "hit", providerName: null, providerKind: null, providerId: null, upstreamMs: null, costMicros: 0n, inputTokens: 10, outputTokens: 10 }));
    const text = await registry.metrics();

    expect(sample(text, `tollgate_time_to_first_token_seconds_count{${TIMING}}`)).toBe(0);
    expect(sample(text, `tollgate_request_duration_seconds_count{${TIMING}}`)).toBe(1);
    const refused = 'endpoint="chat.completions",model="gpt-4o-mini",provider="none",status="4xx"';
    expect(sample(text, `tollgate_request_duration_seconds_count{${refused}}`)).toBe(1);
    expect(sample(text, `tollgate_upstream_latency_seconds_count{${refused}}`)).toBe(0);
    expect(text).not.toContain('team="none"');
    // The hit is timed, its tokens are not counted again (tollgate_cache_tokens_saved_total has them).
    expect(sample(text, 'tollgate_request_duration_seconds_count{endpoint="chat.completions",model="gpt-4o-mini",provider="none",status="2xx"}')).toBe(1);
    expect(sample(text, 'tollgate_tokens_total{model="gpt-4o-mini",provider="openai-main",team="team-a",type="input"}')).toBe(100);
  });

  it("keeps label values bounded: status classes, unknown models and models past the cap become `other`", () => {
    expect([200, 201, 404, 429, 499, 502, 504].map(statusClass)).toEqual(["2xx", "2xx", "4xx", "4xx", "4xx", "5xx", "5xx"]);
    const labels = new ModelLabels(2);
    expect(labels.of({ model: "a", refusal: null })).toBe("a");
    expect(labels.of({ model: "typo-model", refusal: "model_not_found" })).toBe("other");
    expect(labels.of({ model: "b" })).toBe("b");
    expect(labels.of({ model: "c" })).toBe("other");
    expect(labels.of({ model: "a" })).toBe("a");
    expect(MAX_MODEL_LABELS).toBeGreaterThan(0);
  });

  it("adds up across threads like prom-client's own metrics (the console's registry and the main thread's)", async () => {
    const [main, console] = [new Registry(), new Registry()];
    new CallMetrics(main).observe(event());
    new CallMetrics(console).observe(event({ latencyMs: 10 }));
    // The main thread's part crosses a MessagePort (lib/boot/host-bridge.ts): plain data only.
    const fromMain = structuredClone(await main.getMetricsAsJSON());
    const merged = await AggregatorRegistry.aggregate([fromMain, await console.getMetricsAsJSON()]).metrics();
    expect(sample(merged, `tollgate_request_duration_seconds_count{${TIMING}}`)).toBe(2);
    expect(sample(merged, `tollgate_request_duration_seconds_bucket{${TIMING},le="0.01"}`)).toBe(1);
    expect(sample(merged, 'tollgate_tokens_total{model="gpt-4o-mini",provider="openai-main",team="team-a",type="output"}')).toBe(40);
  });
});
