import { describe, expect, it } from "vitest";
import { backoffDelayMs, DEFAULT_RETRY_POLICY, errorText, runWithRetries, type AttemptResult } from "./retry-policy";

describe("retry policy", () => {
  it("doubles the delay per failure, with half of it random, up to the maximum", () => {
    const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 1000, maxDelayMs: 5000 };
    expect([1, 2, 3].map((n) => backoffDelayMs(n, policy, () => 0))).toEqual([500, 1000, 2000]);
    expect([1, 2, 3].map((n) => backoffDelayMs(n, policy, () => 1))).toEqual([1000, 2000, 4000]);
    expect(backoffDelayMs(10, policy, () => 1)).toBe(5000);
  });

  it("stops at the first success, on a permanent failure, or after the last attempt", async () => {
    const run = async (results: AttemptResult[]) => {
      const seen: number[] = [];
      const final = await runWithRetries(async (attempt) => results[attempt - 1], async (attempt) => void seen.push(attempt), { ...DEFAULT_RETRY_POLICY, baseDelayMs: 1 });
      return { seen, final };
    };
    const fail = (retryable: boolean): AttemptResult => ({ ok: false, retryable, error: "x" });
    expect((await run([fail(true), { ok: true }])).seen).toEqual([1, 2]);
    expect((await run([fail(false), { ok: true }])).seen).toEqual([1]);
    const exhausted = await run([fail(true), fail(true), fail(true), { ok: true }]);
    expect(exhausted.seen).toEqual([1, 2, 3]);
    expect(exhausted.final.ok).toBe(false);
  });

  it("treats a thrown error as a retryable failure and names its cause", async () => {
    const results: AttemptResult[] = [];
    await runWithRetries(
      async () => {
        throw new Error("fetch failed", { cause: new Error("connect ECONNREFUSED 127.0.0.1:9") });
      },
      async (_, result) => void results.push(result),
      { ...DEFAULT_RETRY_POLICY, attempts: 2, baseDelayMs: 1 },
    );
    expect(results).toHaveLength(2);
    expect(results[0]).toEqual({ ok: false, retryable: true, error: "fetch failed ← connect ECONNREFUSED 127.0.0.1:9" });
    expect(errorText("plain")).toBe("plain");
  });
});
