import { describe, expect, it } from "vitest";
import { parseDirectives, stripDirectives, stripDirectivesPrefix } from "./directives";

describe("fake upstream directives", () => {
  it("finds nothing in an ordinary prompt", () => {
    expect(parseDirectives("What is the capital of France?")).toEqual({});
  });

  it("reads key=value lists and flags from the prompt", () => {
    expect(parseDirectives("hi [[fake:status=429,retry-after=2]] there [[fake:latency=200]]")).toEqual({
      status: 429,
      retryAfter: "2",
      latencyMs: 200,
    });
    expect(parseDirectives("[[fake:truncate=3]][[fake:chunk-delay=50]][[fake:stream-error]][[fake:hang]][[fake:error-in-200]][[fake:tool]]")).toEqual({
      truncateAfter: 3,
      chunkDelayMs: 50,
      streamError: true,
      hang: true,
      errorIn200: true,
      tool: true,
    });
  });

  it("reads the echo limit (a short answer to a huge prompt) from the prompt or a header", () => {
    expect(parseDirectives("[[fake:latency=200,echo-chars=16]] a long prompt")).toEqual({ latencyMs: 200, echoChars: 16 });
    expect(parseDirectives("prompt", { "x-fake-echo-chars": "8" })).toEqual({ echoChars: 8 });
  });

  it("ignores unknown keys and non-numeric values", () => {
    expect(parseDirectives("[[fake:bogus=1,latency=abc,status=-5]]")).toEqual({ latencyMs: undefined, status: undefined });
  });

  it("takes x-fake-* headers, which win over the prompt", () => {
    const directives = parseDirectives("[[fake:latency=10]]", {
      "x-fake-latency": "20",
      "x-fake-status": "503",
      "x-fake-retry-after": "7",
      "x-fake-stream-error": "1",
    });
    expect(directives).toEqual({ latencyMs: 20, status: 503, retryAfter: "7", streamError: true });
  });

  it("strips directives from the echoed prompt", () => {
    expect(stripDirectives("  say [[fake:latency=5]] hello  [[fake:tool]] ")).toBe("say hello");
    expect(stripDirectives(" plain ")).toBe("plain");
  });

  it("echoes the first characters of a long prompt as stripping all of it would", () => {
    const words = ["alpha", " ", "  ", "\n", "[[fake:latency=5]]", "[[fake:echo-chars=8]]", "[[", "]]", "b[c]", "x"];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let round = 0; round < 300; round++) {
      let text = "";
      const parts = 20 + Math.floor(next() * 400);
      for (let i = 0; i < parts; i++) text += words[Math.floor(next() * words.length)];
      for (const chars of [0, 1, 8, 64]) expect(stripDirectivesPrefix(text, chars)).toBe(stripDirectives(text).slice(0, chars));
    }
    const long = `[[fake:echo-chars=64]] ${"word ".repeat(200_000)}`;
    expect(stripDirectivesPrefix(long, 64)).toBe(stripDirectives(long).slice(0, 64));
  });
});
