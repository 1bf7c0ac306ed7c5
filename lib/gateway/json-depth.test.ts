import { describe, expect, it } from "vitest";
import { BadRequestError } from "../http/errors";
import { assertJsonDepth } from "./json-depth";

function nested(levels: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = i % 2 === 0 ? [value] : { v: value };
  return value;
}

function refusal(run: () => void): BadRequestError | null {
  try {
    run();
    return null;
  } catch (error) {
    if (error instanceof BadRequestError) return error;
    throw error;
  }
}

describe("assertJsonDepth", () => {
  it("counts the body as level 1 and allows exactly the limit", () => {
    expect(refusal(() => assertJsonDepth({ tools: nested(63) }, 64))).toBeNull();
    const error = refusal(() => assertJsonDepth({ model: "m", tools: nested(64) }, 64));
    expect(error).toMatchObject({ status: 400, param: "tools", code: "json_too_deep" });
    expect(error?.message).toBe("`tools` nests arrays and objects more than 64 levels deep.");
  });

  it("names the top-level field even when the depth is inside an array of messages", () => {
    const body = { messages: [{ role: "user", content: [{ type: "text", text: "hi", extra: nested(100) }] }] };
    expect(refusal(() => assertJsonDepth(body, 64))?.param).toBe("messages");
  });

  it("stops at the limit: 100,000 levels and the 1000-level maximum neither overflow the stack", () => {
    expect(refusal(() => assertJsonDepth({ x: JSON.parse("[".repeat(100_000) + "]".repeat(100_000)) }, 64))?.param).toBe("x");
    expect(refusal(() => assertJsonDepth({ x: nested(999) }, 1000))).toBeNull();
  });

  it("costs about a microsecond at most for an ordinary chat body (a proxied call costs ~300 µs of CPU)", () => {
    const body = {
      model: "gpt-4o-mini",
      messages: Array.from({ length: 10 }, (_, i) => ({ role: i % 2 ? "assistant" : "user", content: "x".repeat(500) })),
      tools: [{ type: "function", function: { name: "f", parameters: { type: "object", properties: { a: { type: "string" } } } } }],
      stream_options: { include_usage: true },
    };
    for (let i = 0; i < 10_000; i++) assertJsonDepth(body, 64);
    const runs = 50_000;
    const started = process.hrtime.bigint();
    for (let i = 0; i < runs; i++) assertJsonDepth(body, 64);
    const nsPerCall = Number(process.hrtime.bigint() - started) / runs;
    console.log(`assertJsonDepth: ${nsPerCall.toFixed(0)} ns per chat body`);
    expect(nsPerCall).toBeLessThan(5000);
  });
});
