import { beforeEach, describe, expect, it } from "vitest";
import { cacheCount, cachedCount, clearPromptCache, REPEAT_CACHED_MAX_CHARS, seenBefore } from "./prompt-cache";

describe("prompt-cache", () => {
  beforeEach(() => clearPromptCache());

  it("remembers a text on its first sight and says so on the next", () => {
    const text = "You are a concise assistant. Answer in French.";
    expect(seenBefore(text)).toBe(false);
    expect(seenBefore(text)).toBe(true);
    expect(seenBefore(`${text} `)).toBe(false);
    expect(seenBefore(text.replace("French", "German"))).toBe(false);
  });

  it("tells texts apart that differ in one character anywhere, up to 512 characters", () => {
    const base = "abcdefghij".repeat(51);
    seenBefore(base);
    let told = 0;
    for (let i = 0; i < base.length; i += 7) if (!seenBefore(`${base.slice(0, i)}#${base.slice(i + 1)}`)) told++;
    expect(told).toBe(Math.ceil(base.length / 7));
  });

  it("never remembers a text past REPEAT_CACHED_MAX_CHARS", () => {
    const large = "x".repeat(REPEAT_CACHED_MAX_CHARS + 1);
    expect(seenBefore(large)).toBe(false);
    expect(seenBefore(large)).toBe(false);
  });

  it("keeps counts by the whole text", () => {
    cacheCount("hello world", 2);
    expect(cachedCount("hello world")).toBe(2);
    expect(cachedCount("hello world!")).toBeUndefined();
    expect(cachedCount(["hello", "world"].join(" "))).toBe(2);
  });
});
