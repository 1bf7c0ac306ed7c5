import { describe, expect, it } from "vitest";
import { MAX_ITEM_ATTEMPTS, MAX_RETRY_WAIT_MS, refusalAction } from "./item-retry";

const refused = (status: number, type: string | null, code: string | null, retryAfterMs: number | null = null) => ({
  kind: "refused" as const, requestId: "req_1", status, type, code, message: `${status} ${code}`, retryAfterMs,
});

describe("what the runner does with a refused item", () => {
  it("waits out a rate limit for its retry-after (capped), backing off when there is none", () => {
    expect(refusalAction(refused(429, "rate_limit_error", "rate_limited", 2000), 1)).toEqual({ action: "retry", waitMs: 2000 });
    expect(refusalAction(refused(429, "rate_limit_error", "rate_limited", 3_600_000), 1)).toEqual({ action: "retry", waitMs: MAX_RETRY_WAIT_MS });
    expect(refusalAction(refused(429, "rate_limit_error", "rate_limited"), 1)).toEqual({ action: "retry", waitMs: 1000 });
    expect(refusalAction(refused(429, "rate_limit_error", "rate_limited"), 3)).toEqual({ action: "retry", waitMs: 4000 });
  });

  it("gives up on a rate limit after the last attempt", () => {
    expect(refusalAction(refused(429, "rate_limit_error", "rate_limited", 0), MAX_ITEM_ATTEMPTS)).toEqual({ action: "fail", error: expect.stringMatching(/^Still rate-limited after 5 attempts/) });
  });

  it("records a quota refusal or an upstream error as the item's failure", () => {
    expect(refusalAction(refused(429, "quota_exceeded", "quota_exceeded", 60_000), 1)).toEqual({ action: "fail", error: "429 quota_exceeded" });
    expect(refusalAction(refused(502, "upstream_error", "upstream_error"), 1)).toEqual({ action: "fail", error: "502 upstream_error" });
    expect(refusalAction(refused(400, "invalid_request_error", "invalid_value"), 1).action).toBe("fail");
  });

  it("stops the job when no item can succeed: the model is gone or the key may not use it", () => {
    expect(refusalAction(refused(404, "not_found_error", "model_not_found"), 1)).toEqual({ action: "stop-job", error: "404 model_not_found" });
    expect(refusalAction(refused(403, "permission_error", "model_not_allowed"), 1).action).toBe("stop-job");
  });
});
