import { countTokens } from "gpt-tokenizer";
import { describe, expect, it } from "vitest";
import { bigPrompt } from "@/scripts/bench/big-prompts.mjs";
import { countingWeight, NON_ASCII_WEIGHT, utf8Length } from "./text-shape";

describe("countingWeight", () => {
  it("weighs ASCII as 1 and other code units as 4", () => {
    expect(countingWeight("hello world", 100, 100)).toBe(11);
    expect(countingWeight("héllo", 100, 100)).toBe(4 + NON_ASCII_WEIGHT);
    expect(countingWeight("日本", 100, 100)).toBe(2 * NON_ASCII_WEIGHT);
    expect(countingWeight("", 0, 0)).toBe(0);
  });

  it("is Infinity past the limit, however the text gets there", () => {
    expect(countingWeight("x".repeat(101), 100, 1_000)).toBe(Infinity);
    expect(countingWeight("日".repeat(30), 100, 1_000)).toBe(Infinity);
    expect(countingWeight("a b ".repeat(25), 100, 1_000)).toBe(100);
  });

  it("is Infinity when a run of non-whitespace or of whitespace is longer than maxRun", () => {
    expect(countingWeight(`short words ${"x".repeat(9)} end`, 100, 8)).toBe(Infinity);
    expect(countingWeight(`a${" ".repeat(9)}b`, 100, 8)).toBe(Infinity);
    expect(countingWeight(`a${" ".repeat(8)}b ${"x".repeat(8)}`, 100, 8)).toBe(19);
    // A Unicode space does not end a run: it could only make a run longer than it is for the tokenizer.
    expect(countingWeight("aaaa\u3000aaaa", 100, 8)).toBe(Infinity);
  });
});

describe("utf8Length", () => {
  it("is never below the o200k count, whatever the text", () => {
    for (const kind of ["english", "random", "base64", "cjk", "same", "emoji"]) {
      const text = bigPrompt(kind, 3_000);
      expect(countTokens(text, { disallowedSpecial: new Set() })).toBeLessThanOrEqual(utf8Length(text));
    }
    const specials = "<|endoftext|><|im_start|>\u0000\uffff\ud800";
    expect(countTokens(specials, { disallowedSpecial: new Set() })).toBeLessThanOrEqual(utf8Length(specials));
  });
});
