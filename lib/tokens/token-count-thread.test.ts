import { countTokens } from "gpt-tokenizer";
import { describe, expect, it } from "vitest";
import { bigPrompt } from "@/scripts/bench/big-prompts.mjs";
// The thread's task, run in-process.
import countTexts, { countText } from "./token-count-thread";
import { HandOffBuffers } from "./text-handoff";

const AS_TEXT = { disallowedSpecial: new Set<string>() };
const FAR = () => Date.now() + 60_000;

// Prose, code, JSON, markdown, several scripts and emoji, mixed: segments are cut only where o200k
// starts a new piece, so the sum must be the whole text's count, to the token.
const MIXED = [
  "The gateway records usage for every call, and enforces quotas across replicas.\n\n",
  "```ts\nexport function f(x: number): number {\n  return x * 2; // doubled\n}\n```\n",
  '{"model":"gpt-4o","messages":[{"role":"user","content":"Hi there, how are you?"}],"max_tokens":256}\n',
  "Ünïcödé têxt — naïve café, Straße; 日本語のテキスト、中文文本。 Ελληνικά κείμενα! Русский текст?\n",
  "Emoji 😀🎉👍🏽 and symbols ©®™ ∑∫√ ≤≥ … then <|endoftext|> as plain text, don't, it's, we'll.\n",
  "    indented   with   runs   of   spaces\tand\ttabs\r\nand CRLF lines. 1234567 numbers 3.14159\n",
];

function mixedText(chars: number): string {
  let text = "";
  for (let i = 0; text.length < chars; i++) text += MIXED[i % MIXED.length].replace("every", `every ${i}`);
  return text;
}

describe("token-count-thread: segmented counting", () => {
  it("counts mixed text exactly, across many segments", async () => {
    for (const size of [100, 5_000, 60_000]) {
      const text = mixedText(size);
      const result = await countText(text, FAR(), { sliceStart: performance.now() });
      expect(result).toEqual({ tokens: countTokens(text, AS_TEXT), quality: "exact" });
    }
  });

  it("counts generated prose exactly and a batch in order", async () => {
    const texts = [bigPrompt("english", 50_000), "short", "", bigPrompt("english", 9_000)];
    const results = await countTexts({ texts, deadlineAt: FAR() });
    expect(results).toEqual(texts.map((text) => ({ tokens: countTokens(text, AS_TEXT), quality: "exact" })));
  });

  it("counts texts handed over in a shared buffer exactly as the same strings", async () => {
    const texts = [bigPrompt("english", 50_000), "short", mixedText(30_000), bigPrompt("emoji", 5_000)];
    const handOff = new HandOffBuffers({ minChars: 1_000, bufferBytes: 1024 * 1024, buffers: 1 }).handOff(texts);
    expect(handOff.texts.filter((text) => typeof text !== "string")).toHaveLength(3);
    expect(await countTexts({ texts: handOff.texts, deadlineAt: FAR() })).toEqual(await countTexts({ texts, deadlineAt: FAR() }));
  });

  it("counts a shared text block by block exactly as the whole string, wherever the blocks end", async () => {
    const texts = [mixedText(40_000), bigPrompt("english", 30_000), bigPrompt("cjk", 6_000) + mixedText(5_000), "a".repeat(7_000) + mixedText(3_000)];
    const handOff = new HandOffBuffers({ minChars: 1_000, bufferBytes: 1024 * 1024, buffers: 1 }).handOff(texts);
    for (const [index, text] of texts.entries()) {
      const whole = await countText(text, FAR(), { sliceStart: performance.now() });
      // Blocks shorter than a segment, about one, and longer (one of them a prime, so cuts land everywhere).
      for (const blockBytes of [1_000, 2_049, 4_099, 32 * 1024]) {
        expect(await countText(handOff.texts[index], FAR(), { sliceStart: performance.now() }, blockBytes)).toEqual(whole);
      }
    }
  });

  it("bounds what is left of a shared text at the deadline by its UTF-8 bytes, decoded or not", async () => {
    const text = bigPrompt("english", 1_000_000) + bigPrompt("cjk", 50_000);
    const handOff = new HandOffBuffers({ minChars: 1_000, bufferBytes: 1024 * 1024, buffers: 1 }).handOff([text]);
    expect(await countText(handOff.texts[0], Date.now() - 1, { sliceStart: performance.now() }, 4_099)).toEqual({ tokens: Buffer.byteLength(text), quality: "bound" });
    const started = Date.now();
    const result = await countText(handOff.texts[0], started + 5, { sliceStart: performance.now() }, 4_099);
    expect(result.quality).toBe("bound");
    expect(result.tokens).toBeLessThan(Buffer.byteLength(text));
    expect(result.tokens).toBeGreaterThan(countTokens(text, AS_TEXT));
  });

  it("counts a text without cut points (one run) as an approximation close to the exact count, quickly", async () => {
    // Exact counts of these are still affordable at this size (quadratic in the run's length).
    for (const text of ["a".repeat(12_000), bigPrompt("cjk", 9_000), bigPrompt("emoji", 12_000)]) {
      const exact = countTokens(text, AS_TEXT);
      const result = await countText(text, FAR(), { sliceStart: performance.now() });
      expect(result.quality).toBe("approximate");
      expect(Math.abs(result.tokens - exact) / exact).toBeLessThan(0.02);
    }
  });

  it("bounds the time of pathological megabytes: what is left at the deadline counts as its UTF-8 bytes", async () => {
    for (const kind of ["cjk", "random", "same"]) {
      const text = bigPrompt(kind, 2_000_000);
      const started = Date.now();
      const result = await countText(text, started + 300, { sliceStart: performance.now() });
      // One segment's work past the deadline at most; generous for a busy machine.
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(["bound", "approximate"]).toContain(result.quality);
      expect(result.tokens).toBeLessThanOrEqual(Buffer.byteLength(text));
      expect(result.tokens).toBeGreaterThan(0);
    }
  });

  it("answers with UTF-8 lengths at once when the deadline has passed", async () => {
    const texts = ["héllo wörld", bigPrompt("english", 10_000)];
    expect(await countTexts({ texts, deadlineAt: Date.now() - 1 })).toEqual(texts.map((text) => ({ tokens: Buffer.byteLength(text), quality: "bound" })));
  });

  it("yields between segments, so a small count finishes while a large one is still running", async () => {
    const order: string[] = [];
    const large = countTexts({ texts: [bigPrompt("random", 1_000_000)], deadlineAt: Date.now() + 5_000 }).then(() => order.push("large"));
    await new Promise((resolve) => setImmediate(resolve));
    const small = countTexts({ texts: ["a small prompt"], deadlineAt: FAR() }).then(() => order.push("small"));
    await Promise.all([large, small]);
    expect(order).toEqual(["small", "large"]);
  });
});
