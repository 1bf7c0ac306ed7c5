import { countTokens } from "gpt-tokenizer";
import { afterAll, describe, expect, it } from "vitest";
import { bigPrompt } from "@/scripts/bench/big-prompts.mjs";
import { TokenCountPool, tokenCountThreadFile } from "./token-count-pool";
import { MAX_INLINE_RUN, TokenCounter } from "./token-counter";

const AS_TEXT = { disallowedSpecial: new Set<string>() };
const pool = new TokenCountPool({
  workerFile: tokenCountThreadFile(),
  threads: 1,
  queueMax: 8,
  tasksPerThread: 2,
  stuckAfterMs: 5_000,
  niceIncrement: 0,
});
const counter = new TokenCounter({ inlineMaxWeight: 2048, deadlineMs: 60_000, pool });

afterAll(() => pool.close());

describe("TokenCounter", () => {
  it("counts a small prompt inline, exactly, and treats special-token text as text", async () => {
    const texts = ["You are a careful assistant.", "What does <|endoftext|> mean?"];
    expect(await counter.count(texts)).toEqual({ tokens: texts.map((t) => countTokens(t, AS_TEXT)), quality: "exact", path: "inline" });
    expect(pool.active + pool.queued).toBe(0);
  });

  it("adds up the weight of all the texts: many small ones together go to a thread", async () => {
    const texts = Array.from({ length: 40 }, (_, i) => `message number ${i} `.repeat(4));
    expect(counter.fitsInline(texts.slice(0, 10))).toBe(true);
    expect(counter.fitsInline(texts)).toBe(false);
    expect(await counter.count(texts)).toEqual({ tokens: texts.map((t) => countTokens(t, AS_TEXT)), quality: "exact", path: "thread" });
  });

  it("sends a short text with a long run to a thread (merging a long piece is quadratic)", async () => {
    const text = `word ${"x".repeat(MAX_INLINE_RUN + 1)} word`;
    expect(counter.fitsInline([text])).toBe(false);
    expect((await counter.count([text])).path).toBe("thread");
    // Non-ASCII weighs 4: 450 CJK characters and 150 spaces fit 2048, 600 and 200 do not.
    expect(counter.fitsInline(["日本語 ".repeat(150)])).toBe(true);
    expect(counter.fitsInline(["日本語 ".repeat(200)])).toBe(false);
  });

  it("counts megabytes of prose on a thread, exactly", async () => {
    const text = bigPrompt("english", 1_000_000);
    expect(await counter.count([text])).toEqual({ tokens: [countTokens(text, AS_TEXT)], quality: "exact", path: "thread" });
  });

  it("without threads, a large text counts as its UTF-8 length: an upper bound", async () => {
    const noThreads = new TokenCounter({ inlineMaxWeight: 2048, deadlineMs: 1_000, pool: null });
    const text = bigPrompt("cjk", 30_000);
    const report = await noThreads.count([text, "small"]);
    expect(report).toEqual({ tokens: [Buffer.byteLength(text), 5], quality: "bound", path: "bound", refusal: "no_threads" });
    expect(report.tokens[0]).toBeGreaterThanOrEqual(countTokens(text, AS_TEXT));
  });

  it("answers by its deadline with an upper bound for what it could not count", async () => {
    const quick = new TokenCounter({ inlineMaxWeight: 2048, deadlineMs: 200, pool });
    const text = bigPrompt("random", 3_000_000);
    const started = Date.now();
    const report = await quick.count([text]);
    expect(Date.now() - started).toBeLessThan(1_500);
    // Counted in part on the thread ("thread", the rest as bytes), or not at all if the thread was still starting.
    expect(["thread", "bound"]).toContain(report.path);
    expect(report.quality).toBe("bound");
    expect(report.tokens[0]).toBeLessThanOrEqual(Buffer.byteLength(text));
  });
});
