import { describe, expect, it } from "vitest";
import { BadRequestError, UpstreamError, UpstreamTimeoutError } from "../http/errors";
import { errorFromUpstreamPayload, errorFromUpstreamResponse, streamTruncatedError, afterFirstByte } from "../gateway/upstream/error-mapping";
import { backoffMs, judgeFailure, parseRetryAfter } from "./retry-policy";

const context = { providerId: "p" };

function unreachable(code: string): UpstreamError {
  const error = new UpstreamError(502, "Could not reach the upstream provider.", "upstream_unreachable");
  error.networkCode = code;
  return error;
}

describe("judgeFailure", () => {
  it("retries 429, 500, 502, 503, 504 and 529 from the upstream", () => {
    for (const status of [429, 500, 502, 503, 504, 529]) {
      expect(judgeFailure(errorFromUpstreamResponse(status, "{}", undefined, context))).toMatchObject({ retryable: true, deploymentFault: true });
    }
  });

  it("never retries 400, 401, 403, 404 or 422 from the upstream, nor counts them against the deployment", () => {
    for (const status of [400, 401, 403, 404, 422]) {
      expect(judgeFailure(errorFromUpstreamResponse(status, "{}", undefined, context))).toMatchObject({ retryable: false, deploymentFault: false });
    }
  });

  it("retries refused and reset connections and timeouts, not a name that does not resolve", () => {
    expect(judgeFailure(unreachable("ECONNREFUSED")).retryable).toBe(true);
    expect(judgeFailure(unreachable("ECONNRESET")).retryable).toBe(true);
    expect(judgeFailure(unreachable("UND_ERR_SOCKET")).retryable).toBe(true);
    expect(judgeFailure(new UpstreamTimeoutError(1000)).retryable).toBe(true);
    expect(judgeFailure(unreachable("ENOTFOUND")).retryable).toBe(false);
  });

  it("retries a stream that failed before its first byte, never after", () => {
    expect(judgeFailure(streamTruncatedError(true))).toMatchObject({ retryable: true, deploymentFault: true });
    const overloaded = errorFromUpstreamPayload({ type: "error", error: { type: "overloaded_error", message: "Overloaded" } }, context);
    expect(judgeFailure(overloaded)).toMatchObject({ retryable: true, summary: "529 upstream_server_error" });
    // After the first byte: not retried, but still the deployment's fault.
    expect(judgeFailure(afterFirstByte(overloaded))).toMatchObject({ retryable: false, deploymentFault: true });
    expect(judgeFailure(streamTruncatedError(false))).toMatchObject({ retryable: false, deploymentFault: true });
  });

  it("keeps the upstream's retry-after, whatever its status", () => {
    expect(judgeFailure(errorFromUpstreamResponse(503, "{}", "7", context)).retryAfterMs).toBe(7000);
    expect(judgeFailure(errorFromUpstreamResponse(429, "{}", undefined, context)).retryAfterMs).toBeNull();
  });

  it("gateway errors and bugs are not retried", () => {
    expect(judgeFailure(new BadRequestError("bad")).retryable).toBe(false);
    expect(judgeFailure(new TypeError("boom")).retryable).toBe(false);
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates", () => {
    expect(parseRetryAfter("12")).toBe(12);
    expect(parseRetryAfter("1.5")).toBe(2);
    expect(parseRetryAfter(new Date(60_000).toUTCString(), 0)).toBe(60);
    expect(parseRetryAfter("soon")).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });
});

describe("backoffMs (full jitter)", () => {
  it("is uniform below base·2^n, capped", () => {
    expect(backoffMs(0, 100, 5000, () => 0.999)).toBe(99);
    expect(backoffMs(3, 100, 5000, () => 0.5)).toBe(400);
    expect(backoffMs(10, 100, 5000, () => 0.999)).toBe(4995);
    expect(backoffMs(2, 100, 5000, () => 0)).toBe(0);
  });
});
