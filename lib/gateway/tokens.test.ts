import { countTokens } from "gpt-tokenizer";
import { describe, expect, it } from "vitest";
import { countPromptTokens, countTextTokens } from "./tokens";
import type { ChatCompletionRequest } from "./types";

const system = "You are a careful assistant who answers in full sentences and cites the documents given. ".repeat(3);
const turns = ["What does the gateway record for each call?", "And how are quotas enforced across replicas? ".repeat(3), "Thanks!"];

// What countPromptTokens must add up to, counted without any cache.
function expected(request: ChatCompletionRequest): number {
  let total = 3;
  for (const m of request.messages) total += 3 + countTokens(typeof m.content === "string" ? m.content : "");
  return total;
}

function conversation(userTurns: number): ChatCompletionRequest {
  const messages: ChatCompletionRequest["messages"] = [{ role: "system", content: system }];
  for (let i = 0; i < userTurns; i++) {
    messages.push({ role: "user", content: turns[i] });
    if (i < userTurns - 1) messages.push({ role: "assistant", content: `Answer number ${i} `.repeat(20) });
  }
  return { model: "m", messages };
}

describe("countPromptTokens", () => {
  it("counts every message of a growing conversation exactly, whether its history was counted before or not", async () => {
    for (let turnsSoFar = 1; turnsSoFar <= turns.length; turnsSoFar++) {
      const request = conversation(turnsSoFar);
      expect(await countPromptTokens(request)).toBe(expected(request));
      // The same conversation again: now its history comes from the cache.
      expect(await countPromptTokens(request)).toBe(expected(request));
    }
  });

  it("never lets a cached count stand for a different text", async () => {
    const a: ChatCompletionRequest = { model: "m", messages: [{ role: "system", content: system }, { role: "user", content: "hi" }] };
    const b: ChatCompletionRequest = { model: "m", messages: [{ role: "system", content: `${system} Answer in French.` }, { role: "user", content: "hi" }] };
    await countPromptTokens(a);
    expect(await countPromptTokens(b)).toBe(expected(b));
    expect(await countPromptTokens(b)).not.toBe(await countPromptTokens(a));
  });

  it("adds tool definitions, tool calls and image parts", async () => {
    const request: ChatCompletionRequest = {
      model: "m",
      messages: [
        { role: "user", content: [{ type: "text", text: "What is in this picture?" }, { type: "image_url", image_url: { url: "data:image/png;base64,AAAA" } }] },
      ],
      tools: [{ type: "function", function: { name: "lookup", parameters: { type: "object" } } }],
    } as ChatCompletionRequest;
    const tools = countTokens(JSON.stringify(request.tools));
    expect(await countPromptTokens(request)).toBe(3 + 3 + countTokens("What is in this picture?") + 85 + tools);
    expect(await countTextTokens("")).toBe(0);
  });
});
