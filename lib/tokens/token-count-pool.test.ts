import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { TokenCountPool, type TokenCountPoolOptions } from "./token-count-pool";

const SCRIPTED = join(process.cwd(), "test", "support", "scripted-count-worker.cjs");
const pools: TokenCountPool[] = [];

function pool(options: Partial<TokenCountPoolOptions> = {}): TokenCountPool {
  const created = new TokenCountPool({ workerFile: SCRIPTED, threads: 1, queueMax: 4, tasksPerThread: 1, stuckAfterMs: 5_000, niceIncrement: 0, ...options });
  pools.push(created);
  return created;
}

const after = (ms: number) => Date.now() + ms;
const until = async (check: () => boolean) => {
  for (const started = Date.now(); !check(); ) {
    if (Date.now() - started > 10_000) throw new Error("condition not reached within 10 s");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

describe("TokenCountPool", () => {
  it("runs counts on its thread and answers them in order", async () => {
    const counts = pool();
    expect(await counts.count(["abc", "de"], after(5_000))).toEqual({ counts: [{ tokens: 3, quality: "exact" }, { tokens: 2, quality: "exact" }] });
  });

  it("refuses at once when its slots and its queue are full", async () => {
    const counts = pool({ queueMax: 1 });
    const running = counts.count(["slow"], after(5_000));
    const waiting = counts.count(["slow"], after(5_000));
    expect(counts.queued).toBe(1);
    expect(await counts.count(["one more"], after(5_000))).toEqual({ refusal: "queue_full" });
    expect((await running).counts).toHaveLength(1);
    expect((await waiting).counts).toHaveLength(1);
  });

  it("drops a waiting count at its deadline, before any thread works on it", async () => {
    const counts = pool();
    const running = counts.count(["slow"], after(5_000));
    const started = Date.now();
    expect(await counts.count(["late"], after(50))).toEqual({ refusal: "deadline" });
    expect(Date.now() - started).toBeLessThan(250);
    expect(counts.queued).toBe(0);
    await running;
  });

  it("drops a waiting count when its client goes away, and never runs it", async () => {
    const counts = pool();
    const running = counts.count(["slow"], after(5_000));
    const client = new AbortController();
    const waiting = counts.count(["slow"], after(5_000), client.signal);
    client.abort();
    expect(await waiting).toEqual({ refusal: "aborted" });
    expect(counts.queued).toBe(0);
    await running;
    // Had the dropped count started, the thread would be busy with it for another 300 ms.
    expect(counts.active).toBe(0);
    expect(await counts.count(["x"], after(5_000), new AbortController().signal)).toEqual({ counts: [{ tokens: 1, quality: "exact" }] });
  });

  it("answers a running count's client at once when it goes away, and lets the thread finish", async () => {
    const counts = pool();
    const client = new AbortController();
    const running = counts.count(["slow"], after(5_000), client.signal);
    await until(() => counts.active === 1);
    client.abort();
    expect(await running).toEqual({ refusal: "aborted" });
    expect(counts.active).toBe(1);
    await until(() => counts.active === 0);
  });

  it("refuses a count whose client is already gone without queueing it", async () => {
    const client = new AbortController();
    client.abort();
    const counts = pool();
    expect(await counts.count(["x"], after(5_000), client.signal)).toEqual({ refusal: "aborted" });
    expect(counts.queued + counts.active).toBe(0);
  });

  it("answers a stuck count soon after its deadline and replaces the stuck thread", async () => {
    const counts = pool({ stuckAfterMs: 300 });
    const started = Date.now();
    expect(await counts.count(["hang"], after(100))).toEqual({ refusal: "deadline" });
    expect(Date.now() - started).toBeLessThan(1_000);
    // The only thread was busy forever; the next count runs only if it was replaced.
    await until(() => counts.active === 0);
    expect(await counts.count(["ok"], after(10_000))).toEqual({ counts: [{ tokens: 2, quality: "exact" }] });
  });

  it("reports a thread that cannot start as a failure instead of waiting", async () => {
    const counts = pool({ workerFile: join(process.cwd(), "lib", "tokens", "no-such-thread.cjs") });
    const outcome = await counts.count(["x"], after(10_000));
    expect(outcome.refusal).toBe("failed");
  });

  it("hands large texts over in shared buffers, one per running count, and has them back when the counts end", async () => {
    const counts = pool({ tasksPerThread: 2, handOff: { minChars: 1000, bufferBytes: 64 * 1024, buffers: 2 } });
    counts.start();
    expect(counts.freeBuffers).toBe(2);
    const emoji = "naïve 😀🎉 日本語 ".repeat(200);
    const prose = "prose with words ".repeat(100);
    // The scripted thread answers each text's length: the texts came back whole.
    expect(await counts.count(["small", emoji], after(5_000))).toEqual({ counts: [{ tokens: 5, quality: "exact" }, { tokens: emoji.length, quality: "exact" }] });
    expect(counts.freeBuffers).toBe(2);
    const one = counts.count(["slow", prose], after(5_000));
    const two = counts.count(["slow", emoji], after(5_000));
    await until(() => counts.active === 2);
    expect(counts.freeBuffers).toBe(0);
    // No buffer free: the third is cloned, and still counted.
    const three = counts.count(["slow", prose], after(5_000));
    expect((await one).counts?.[1]).toEqual({ tokens: prose.length, quality: "exact" });
    expect((await two).counts?.[1]).toEqual({ tokens: emoji.length, quality: "exact" });
    expect((await three).counts?.[1]).toEqual({ tokens: prose.length, quality: "exact" });
    await until(() => counts.active === 0);
    expect(counts.freeBuffers).toBe(2);
  });

  it("takes no buffer for a waiting count, nor for one dropped before it ran", async () => {
    const counts = pool({ handOff: { minChars: 1000, bufferBytes: 64 * 1024, buffers: 2 } });
    const big = "x".repeat(2000);
    const running = counts.count(["slow", big], after(5_000));
    const client = new AbortController();
    const waiting = counts.count(["slow", big], after(5_000), client.signal);
    await until(() => counts.active === 1);
    expect(counts.freeBuffers).toBe(1);
    client.abort();
    expect(await waiting).toEqual({ refusal: "aborted" });
    expect(counts.freeBuffers).toBe(1);
    await running;
    await until(() => counts.active === 0);
    expect(counts.freeBuffers).toBe(2);
  });

  it("never writes again the buffer of a thread it had to stop", async () => {
    const counts = pool({ stuckAfterMs: 300, handOff: { minChars: 1000, bufferBytes: 64 * 1024, buffers: 1 } });
    const big = "y".repeat(2000);
    expect(await counts.count(["hang", big], after(100))).toEqual({ refusal: "deadline" });
    await until(() => counts.active === 0);
    // The stuck count's buffer was dropped; a new one serves the next large text.
    expect(counts.freeBuffers).toBe(1);
    expect(await counts.count([big], after(10_000))).toEqual({ counts: [{ tokens: 2000, quality: "exact" }] });
  });

  it("fails the counts still waiting when it closes", async () => {
    const counts = pool();
    const running = counts.count(["slow"], after(5_000));
    const waiting = counts.count(["x"], after(5_000));
    await counts.close();
    expect(await waiting).toEqual({ refusal: "failed" });
    expect((await running).refusal ?? "counted").toMatch(/failed|counted/);
  });
});
