import { describe, expect, it } from "vitest";
import { isWellFormedChatRequest } from "./chat-request-shape";
import { chatSchema } from "./validate";

const limits = { maxMessages: 3, maxTokens: 1000 };
const schema = chatSchema(limits);

// Values each field may take: the ones the schema accepts and the near misses it refuses.
const FIELD_VALUES: Record<string, unknown[]> = {
  model: ["m", "", 7, null, ["m"], { name: "m" }],
  messages: [
    [{ role: "user", content: "hi" }],
    [{ role: "system", content: "be brief" }, { role: "user", content: "hi" }],
    [{ role: "user", content: [{ type: "text", text: "hi" }, { type: "image_url", image_url: { url: "x" } }] }],
    [{ role: "assistant", content: null, tool_calls: [{ id: "1" }] }, { role: "tool", content: "42", tool_call_id: "1" }],
    [{ role: "assistant" }],
    [],
    [{ role: "user", content: "x" }, { role: "user", content: "x" }, { role: "user", content: "x" }, { role: "user", content: "x" }],
    [{ content: "hi" }],
    [{ role: "", content: "hi" }],
    [{ role: 1, content: "hi" }],
    [{ role: "user", content: 5 }],
    [{ role: "user", content: { type: "text" } }],
    [{ role: "user", content: [{ text: "no type" }] }],
    [{ role: "user", content: ["text"] }],
    [{ role: "user", content: [null] }],
    [null],
    [["user", "hi"]],
    "hi",
    { 0: { role: "user", content: "hi" } },
    null,
  ],
  stream: [undefined, true, false, null, "true", 1],
  max_tokens: [undefined, null, 1, 256, 1000, 1001, 0, -1, 1.5, "256", 2 ** 53, Number.NaN, Number.POSITIVE_INFINITY],
  max_completion_tokens: [undefined, null, 1000, 1001, 0, 2.5, "9"],
  n: [undefined, null, 1, 128, 0, 129, 1.5, "1"],
  temperature: [undefined, null, 0, 0.7, 2, 2.01, -0.1, "1", Number.NaN],
  top_p: [undefined, null, 0, 1, 1.01, -1, true],
  stream_options: [undefined, null, {}, { include_usage: true }, { include_usage: false, extra: 1 }, { include_usage: null }, { include_usage: "yes" }, [], true],
  tools: [
    undefined,
    [],
    [{ type: "function", function: { name: "f", parameters: {} } }],
    [{ type: "function", function: { name: "" } }],
    [{ type: "function", function: {} }],
    [{ type: "function" }],
    [{ function: { name: "f" } }],
    [{ type: 1, function: { name: "f" } }],
    [null],
    null,
    { type: "function" },
  ],
};

const BASE = { model: "m", messages: [{ role: "user", content: "hi" }] };

function agreesWithSchema(body: Record<string, unknown>): void {
  const accepted = schema.safeParse(body).success;
  // The fast path may say "not sure" (false) for a body the schema accepts, never "fine" for one it refuses.
  if (isWellFormedChatRequest(body, limits)) expect({ body, accepted }).toEqual({ body, accepted: true });
}

describe("isWellFormedChatRequest", () => {
  it("accepts only what the zod schema accepts: every field's values on a valid base", () => {
    for (const [field, values] of Object.entries(FIELD_VALUES)) {
      for (const value of values) agreesWithSchema({ ...BASE, [field]: value });
    }
  });

  it("accepts only what the zod schema accepts: random combinations of every field", () => {
    let seed = 12345;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    // Mostly values the schema takes on their own, so that whole valid bodies come up too.
    const accepted = Object.fromEntries(Object.entries(FIELD_VALUES).map(([field, values]) => [field, values.filter((value) => schema.safeParse({ ...BASE, [field]: value }).success)]));
    let fast = 0;
    for (let i = 0; i < 2000; i++) {
      const body: Record<string, unknown> = { unknown_field: { nested: [1, 2] } };
      for (const [field, values] of Object.entries(FIELD_VALUES)) {
        const pool = random(10) < 8 ? accepted[field] : values;
        const value = pool[random(pool.length)];
        if (value !== undefined) body[field] = value;
      }
      agreesWithSchema(body);
      if (isWellFormedChatRequest(body, limits)) fast++;
    }
    // Both verdicts came up.
    expect(fast).toBeGreaterThan(100);
    expect(fast).toBeLessThan(1900);
  });

  it("takes the common shapes itself: plain, streamed, multimodal, tools, unknown fields", () => {
    const shapes = [
      BASE,
      { ...BASE, max_tokens: 256, stream: true, stream_options: { include_usage: true } },
      { ...BASE, temperature: 0.2, top_p: 1, n: 1, max_completion_tokens: 1000, seed: 7, user: "u", response_format: { type: "json_object" } },
      { ...BASE, messages: FIELD_VALUES.messages[2], tools: FIELD_VALUES.tools[2], tool_choice: "auto" },
      { ...BASE, messages: FIELD_VALUES.messages[3], stream: null, max_tokens: null },
    ];
    for (const body of shapes) {
      expect(schema.safeParse(body).success).toBe(true);
      expect(isWellFormedChatRequest(body, limits)).toBe(true);
    }
  });
});
