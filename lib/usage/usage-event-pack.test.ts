// The packed hand-over to the SQLite usage thread must give back the very events: every field, null
// and absent kept apart, money beyond 2^53 exact, through a real structured clone.
import { deserialize, serialize } from "node:v8";
import { describe, expect, it } from "vitest";
import type { UsageEvent } from "./usage-event";
import { packUsageEvents, unpackUsageEvents } from "./usage-event-pack";

const minimal: UsageEvent = {
  requestId: "req_a", orgId: "org_1", keyId: null, userId: null, teamId: null, model: "gpt-test",
  providerId: null, providerKind: null, upstreamModel: null, inputTokens: 0, outputTokens: 0, cachedTokens: 0,
  costMicros: 0n, latencyMs: 2, ttftMs: null, streamed: false, status: 429, errorType: "rate_limit_exceeded",
  estimated: false, endpoint: "chat.completions", createdAt: new Date("2026-03-04T05:06:07.891Z"), refusal: "rate_limit",
};

const full: UsageEvent = {
  requestId: "req_b", orgId: "org_1", keyId: "key_1", userId: "user_1", teamId: "team_1", model: "gpt-test",
  providerId: "prov_1", providerKind: "openai", providerName: "OpenAI", upstreamModel: "gpt-4o-mini",
  inputTokens: 100, outputTokens: 40, cachedTokens: 7, cacheWriteTokens: 3, costMicros: 9_007_199_254_740_993n,
  latencyMs: 321.5, ttftMs: 45, upstreamMs: 300.25, streamed: true, status: 200, errorType: null, estimated: true,
  endpoint: "messages", createdAt: new Date("2026-03-04T05:06:08.000Z"), cache: "semantic-hit", costSavedMicros: 12n,
  tokensSaved: 140, refusal: null, batchId: "batch_1", deploymentId: "dep_2", attempts: 2,
  attemptLog: [
    { deploymentId: "dep_1", model: "gpt-test", status: 503, errorType: "upstream_server_error", upstreamStatus: 503, latencyMs: 10, ttftMs: null },
    { deploymentId: "dep_2", model: "gpt-test", status: 200, errorType: null, upstreamStatus: 200, latencyMs: 300, ttftMs: 45 },
  ],
  fallbackModel: "gpt-other", router: "auto",
};

describe("packUsageEvents", () => {
  it("gives back every field of every event through a structured clone", () => {
    const events = [minimal, full, { ...minimal, requestId: "req_c", orgId: "org_2" }];
    const packed = packUsageEvents(events);
    const unpacked = unpackUsageEvents(deserialize(serialize(packed)));
    // Optional fields come back as undefined, money as 0n when absent, and attemptLog as null: what
    // every reader of an event takes them to mean (`?? null`, `?? 0n`).
    expect(unpacked[0]).toEqual({ ...minimal, costSavedMicros: 0n, upstreamMs: null, attemptLog: null });
    expect(unpacked[1]).toEqual(full);
    expect(unpacked[2]).toMatchObject({ requestId: "req_c", orgId: "org_2", refusal: "rate_limit" });
    expect(unpacked[1].costMicros).toBe(9_007_199_254_740_993n);
    expect(unpacked[0].refusal).toBe("rate_limit");
    expect(unpacked[1].refusal).toBeNull();
    expect(unpacked[0].cache).toBeUndefined();
  });

  it("sends each distinct string once", () => {
    const events = Array.from({ length: 50 }, (_, i) => ({ ...full, requestId: `req_${i}` }));
    const { strings } = packUsageEvents(events);
    expect(strings.filter((s) => s === "org_1")).toHaveLength(1);
    expect(strings.filter((s) => s.startsWith("req_"))).toHaveLength(50);
  });
});
