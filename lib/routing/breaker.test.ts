import { describe, expect, it } from "vitest";
import { DeploymentBreaker, LATENCY_STALE_MS } from "./breaker";
import type { BreakerSettings } from "./routing-settings";

const settings: BreakerSettings = { consecutiveFailures: 5, errorRate: 0.5, minCalls: 10, windowMs: 30_000, cooldownMs: 30_000, maxCooldownMs: 300_000 };
const breaker = (overrides: Partial<BreakerSettings> = {}) => new DeploymentBreaker("dep", () => ({ ...settings, ...overrides }));

describe("DeploymentBreaker", () => {
  it("ejects after 5 consecutive failures, for the cool-down", () => {
    const b = breaker();
    for (let i = 0; i < 4; i++) expect(b.recordFailure(1000 + i, "503 upstream_server_error")).toBeNull();
    const ejection = b.recordFailure(1005, "503 upstream_server_error");
    expect(ejection).toEqual({ until: 31_005, level: 1, reason: "consecutive-failures", lastError: "503 upstream_server_error" });
    expect(b.admission(20_000)).toBe("open");
    expect(b.admission(31_005)).toBe("half-open");
  });

  it("a success in between resets the consecutive count", () => {
    const b = breaker({ minCalls: 1000 });
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 4; i++) expect(b.recordFailure(1000, "x")).toBeNull();
      b.recordSuccess(1000);
    }
    expect(b.state).toBe("closed");
  });

  it("ejects when failures are half of at least 10 calls in the window, not before 10", () => {
    const b = breaker();
    const now = 100_000;
    for (let i = 0; i < 4; i++) {
      b.recordSuccess(now);
      expect(b.recordFailure(now, "429")).toBeNull();
    }
    b.recordSuccess(now);
    // 10 calls, 5 failures: 50 %
    expect(b.recordFailure(now, "429")?.reason).toBe("error-rate");
  });

  it("forgets failures that fell out of the window", () => {
    const b = breaker({ consecutiveFailures: 100 });
    for (let i = 0; i < 9; i++) b.recordFailure(0, "x");
    // A window later only the new call counts: 1 call, not 10.
    expect(b.recordFailure(40_000, "x")).toBeNull();
    expect(b.windowTotals(40_000)).toEqual({ calls: 1, failures: 1 });
  });

  it("a half-open probe that works closes the breaker; one that fails doubles the cool-down", () => {
    const b = breaker();
    for (let i = 0; i < 5; i++) b.recordFailure(0, "x");
    expect(b.openUntil).toBe(30_000);
    b.probing = true;
    const again = b.recordFailure(30_000, "y");
    expect(again).toMatchObject({ reason: "probe-failed", level: 2, until: 90_000 });
    b.probing = true;
    expect(b.recordSuccess(90_000)).toBe(true);
    expect(b.state).toBe("closed");
    // Ejected again soon after: four times the first cool-down.
    for (let i = 0; i < 5; i++) b.recordFailure(100_000, "x");
    expect(b.openUntil).toBe(100_000 + 120_000);
  });

  it("caps the cool-down and starts over after a calm period", () => {
    const b = breaker({ cooldownMs: 100_000, maxCooldownMs: 250_000 });
    let now = 0;
    for (let round = 0; round < 3; round++) {
      const ejection = b.eject(now, "consecutive-failures");
      now = ejection.until;
      b.close(now);
    }
    expect(b.openUntil).toBe(0);
    expect(b.eject(now, "consecutive-failures").until - now).toBe(250_000);
    b.close(now + 250_000);
    // Healthy for a whole maximal cool-down: back to the first step.
    expect(b.eject(now + 600_000, "error-rate").until - (now + 600_000)).toBe(100_000);
  });

  it("applies verdicts from other replicas", () => {
    const b = breaker();
    b.applyEjection({ until: 50_000, level: 3, reason: "error-rate", lastError: "502" }, 10_000);
    expect(b.admission(20_000)).toBe("open");
    expect(b.level).toBe(3);
    b.applyRecovery(3, 25_000);
    expect(b.admission(25_000)).toBe("closed");
  });

  it("decays latency over time and forgets a stale estimate", () => {
    const b = breaker();
    b.observeLatency(100, 0);
    b.observeLatency(300, 10_000);
    const score = b.latencyScore(10_000)!;
    expect(score).toBeGreaterThan(200);
    expect(score).toBeLessThan(300);
    expect(b.latencyScore(10_000 + LATENCY_STALE_MS + 1)).toBeNull();
  });
});
