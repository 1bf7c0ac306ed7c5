import { describe, expect, it } from "vitest";
import { refusalAction, type RetryPolicy } from "./refusal-policy";

const POLICY: RetryPolicy = { maxAttempts: 3, maxWaitMs: 10_000, baseWaitMs: 500, stopJobCodes: new Set(["model_not_found"]) };
const refused = (status: number, type: string | null, code: string | null, retryAfterMs: number | null = null) => ({ status, type, code, message: `${status} ${code}`, retryAfterMs });

describe("a job's retry policy", () => {
  it("waits a rate limit out with the policy's base and cap, and gives up after maxAttempts", () => {
    expect(refusalAction(refused(429, "rate_limit_error", "rate_limited"), 1, POLICY)).toEqual({ action: "retry", waitMs: 500 });
    expect(refusalAction(refused(429, "rate_limit_error", "rate_limited"), 2, POLICY)).toEqual({ action: "retry", waitMs: 1000 });
    expect(refusalAction(refused(429, "rate_limit_error", "rate_limited", 60_000), 1, POLICY)).toEqual({ action: "retry", waitMs: 10_000 });
    expect(refusalAction(refused(429, "rate_limit_error", "rate_limited", 0), 3, POLICY).action).toBe("fail");
  });

  it("never retries a quota refusal; stops the job on a job-wide code", () => {
    expect(refusalAction(refused(429, "quota_exceeded", "quota_exceeded", 1000), 1, POLICY)).toEqual({ action: "fail", error: "429 quota_exceeded" });
    expect(refusalAction(refused(404, "not_found_error", "model_not_found"), 1, POLICY)).toEqual({ action: "stop-job", error: "404 model_not_found" });
    expect(refusalAction(refused(403, "permission_error", "model_not_allowed"), 1, POLICY).action).toBe("fail");
  });
});
