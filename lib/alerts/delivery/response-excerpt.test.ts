import { describe, expect, it } from "vitest";
import { EXCERPT_CHARS, responseExcerpt } from "./response-excerpt";

describe("responseExcerpt", () => {
  it("keeps a short body as one trimmed line", () => {
    expect(responseExcerpt('  {"error":\n\t"bad signature"}\r\n')).toBe('{"error": "bad signature"}');
    expect(responseExcerpt("")).toBe("");
  });

  it("strips control characters, escape sequences, NULs and unpaired surrogates", () => {
    expect(responseExcerpt("a\u0000b\u001b[31mred\u007f\u0085c\ud800d😀")).toBe("a b [31mred c d😀");
  });

  it("cuts a long body at the limit, marked with …, without splitting an emoji", () => {
    const long = responseExcerpt("<html>" + "x".repeat(10_000));
    expect(long).toHaveLength(EXCERPT_CHARS);
    expect(long.endsWith("…")).toBe(true);
    const emoji = responseExcerpt("y".repeat(EXCERPT_CHARS - 2) + "😀".repeat(10));
    expect(emoji.endsWith("y…")).toBe(true);
    expect(emoji).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});
