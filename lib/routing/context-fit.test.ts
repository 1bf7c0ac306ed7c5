import { describe, expect, it } from "vitest";
import { certainlyFits, fits, planTruncation, promptTokenBound, type FitMessage } from "./context-fit";

describe("context windows", () => {
  it("a short prompt certainly fits without counting; a long one needs a count", () => {
    const short = { messages: [{ role: "user", content: "hello" }] };
    expect(promptTokenBound(short)).toBe(3 + 3 + 15);
    expect(certainlyFits(short, 128_000)).toBe(true);
    expect(certainlyFits({ messages: [{ role: "user", content: "x".repeat(50_000) }] }, 128_000)).toBe(false);
    expect(certainlyFits({ messages: [{ role: "user", content: "x".repeat(50_000) }] }, null)).toBe(true);
  });

  it("counts the output the client asked room for", () => {
    expect(fits(1000, { messages: [], max_tokens: 100 }, 1100)).toBe(true);
    expect(fits(1000, { messages: [], max_completion_tokens: 101 }, 1100)).toBe(false);
  });

  it("bounds images, tool calls and tools too", () => {
    const request = {
      messages: [{ role: "user", content: [{ type: "text", text: "ab" }, { type: "image_url", image_url: { url: "x" } }] }, { role: "assistant", content: null, tool_calls: [{ function: { name: "f", arguments: "{}" } }] }],
      tools: [{ type: "function" }],
    };
    expect(promptTokenBound(request)).toBe(3 + (3 + 85 + 6) + (3 + 9) + 3 * JSON.stringify(request.tools).length);
  });
});

describe("planTruncation", () => {
  const conversation: FitMessage[] = [
    { role: "system", content: "s" },
    { role: "user", content: "u1" },
    { role: "assistant", content: "a1" },
    { role: "user", content: "u2" },
    { role: "assistant", content: null, tool_calls: [{ function: { name: "f" } }] },
    { role: "tool", content: "r" },
    { role: "user", content: "u3" },
  ];
  const tokens = [10, 100, 100, 100, 50, 50, 20];

  it("drops the oldest non-system messages until the prompt fits", () => {
    expect(planTruncation(conversation, tokens, 3, 10_000)).toEqual({ keep: [0, 1, 2, 3, 4, 5, 6], dropped: 0 });
    expect(planTruncation(conversation, tokens, 3, 240)).toEqual({ keep: [0, 3, 4, 5, 6], dropped: 2 });
  });

  it("drops a tool call together with its results", () => {
    expect(planTruncation(conversation, tokens, 3, 100)).toEqual({ keep: [0, 6], dropped: 5 });
  });

  it("never drops the system prompt or the last turn: null when that alone does not fit", () => {
    expect(planTruncation(conversation, tokens, 3, 20)).toBeNull();
    const toolTurn: FitMessage[] = [{ role: "user", content: "q" }, { role: "assistant", content: null, tool_calls: [] }, { role: "tool", content: "r" }];
    expect(planTruncation(toolTurn, [100, 10, 10], 3, 30)).toEqual({ keep: [1, 2], dropped: 1 });
  });
});
