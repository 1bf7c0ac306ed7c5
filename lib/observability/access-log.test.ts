import { describe, expect, it } from "vitest";
import type { UsageEvent } from "../usage/usage-event";
import { accessLogLine, sampledForAccessLog } from "./access-log";

const event: UsageEvent = {
  requestId: "req-1", orgId: "org", keyId: "key-1", userId: "user-1", teamId: "team-a", model: "gpt-4o-mini",
  providerId: "prov-1", providerKind: "openai", providerName: "openai-main", upstreamModel: "gpt-4o-mini-2024",
  inputTokens: 100, outputTokens: 20, cachedTokens: 10, costMicros: 1_500n, latencyMs: 120, ttftMs: 40, upstreamMs: 99.6,
  streamed: true, status: 200, errorType: null, estimated: false, endpoint: "chat.completions", createdAt: new Date(),
  cache: "miss", deploymentId: "dep-1", attempts: 2, fallbackModel: null,
};

describe("accessLogLine", () => {
  it("says who called what, how it went and what it cost, in plain JSON values", () => {
    expect(accessLogLine(event)).toEqual({
      requestId: "req-1", keyId: "key-1", teamId: "team-a", endpoint: "chat.completions", model: "gpt-4o-mini",
      deployment: "dep-1", provider: "openai-main", upstreamModel: "gpt-4o-mini-2024", status: 200, errorType: null, refusal: null,
      inputTokens: 100, outputTokens: 20, cachedTokens: 10, estimated: false, cost: 0.0015, latencyMs: 120, ttftMs: 40, upstreamMs: 100,
      streamed: true, cache: "miss", attempts: 2, fallbackModel: null, batchId: null,
    });
    // JSON-serializable as is (no bigint).
    expect(() => JSON.stringify(accessLogLine(event))).not.toThrow();
  });

  it("counts one attempt for a call a provider served and none for a refusal when the event does not say", () => {
    expect(accessLogLine({ ...event, attempts: undefined }).attempts).toBe(1);
    expect(accessLogLine({ ...event, attempts: undefined, providerId: null, refusal: "quota", status: 429 })).toMatchObject({ attempts: 0, refusal: "quota", status: 429 });
  });
});

describe("sampledForAccessLog", () => {
  it("logs every call when on, none when off, a fraction otherwise, and every error whatever the fraction", () => {
    expect(sampledForAccessLog(200, 1, () => 0.99)).toBe(true);
    expect(sampledForAccessLog(500, 0, () => 0)).toBe(false);
    expect(sampledForAccessLog(200, 0.1, () => 0.05)).toBe(true);
    expect(sampledForAccessLog(200, 0.1, () => 0.5)).toBe(false);
    expect(sampledForAccessLog(429, 0.1, () => 0.5)).toBe(true);
    expect(sampledForAccessLog(502, 0.1, () => 0.99)).toBe(true);
  });
});
