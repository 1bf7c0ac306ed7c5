import { describe, expect, it } from "vitest";
import { CompletionText } from "./completion-text";
import type { ChatCompletionChunk } from "../openai-format/types";
import { UnparsedChunk } from "../openai-format/unparsed-chunk";

const parsed = (content: string): ChatCompletionChunk => ({
  id: "c", object: "chat.completion.chunk", created: 1, model: "m",
  choices: [{ index: 0, delta: { content }, finish_reason: null }],
});
const unparsed = (content: string) => new UnparsedChunk(JSON.stringify(parsed(content)));

describe("CompletionText", () => {
  it("keeps the order of parsed and unread chunks, and tool-call arguments", () => {
    const text = new CompletionText();
    text.add(unparsed("one "));
    text.add(parsed("two "));
    text.add(unparsed("three"));
    text.add({ ...parsed(""), choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '{"a":1}' } }] }, finish_reason: null }] });
    expect(text.text()).toBe('one two three{"a":1}');
  });

  it("reads unread chunks as it goes once they hold more than 256 KB, losing nothing", () => {
    const text = new CompletionText();
    const piece = "x".repeat(1000);
    for (let i = 0; i < 600; i++) text.add(unparsed(piece));
    expect((text as unknown as { unparsedChars: number }).unparsedChars).toBeLessThanOrEqual(256 * 1024);
    expect(text.text()).toBe(piece.repeat(600));
  });

  it("counts a chunk that is not JSON after all by its raw text", () => {
    const text = new CompletionText();
    text.add(new UnparsedChunk("{broken"));
    expect(text.text()).toBe("{broken");
  });
});
