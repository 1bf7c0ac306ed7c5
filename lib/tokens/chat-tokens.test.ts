import { countTokens } from "gpt-tokenizer";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { metrics } from "@/lib/metrics/metrics";
import { resetTokenCounting } from "./token-counting";
import { bigPrompt } from "@/scripts/bench/big-prompts.mjs";
import { AbortFlag } from "../abort/abort-flag";
import { ClientClosedError, countPromptTokens, countTextTokens } from "./chat-tokens";
import type { ChatCompletionRequest } from "../openai-format/types";

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

  it("counts a repeated prompt twice (its first sight is remembered, not cached), then takes it from the cache", async () => {
    const inlineCounts = async () => (await metrics().tokenCounts.get()).values.filter((v) => v.labels.path === "inline").reduce((sum, v) => sum + v.value, 0);
    const prompt = `Classify this ticket by urgency: ${Math.random()} the printer on floor three is out of toner again.`;
    const tools = [{ type: "function", function: { name: `lookup_${Math.random()}`, parameters: { type: "object" } } }];
    const request = { model: "m", messages: [{ role: "user", content: prompt }], tools } as ChatCompletionRequest;
    const exact = 3 + 3 + countTokens(prompt) + countTokens(JSON.stringify(tools));
    const counted: number[] = [];
    for (let call = 0; call < 4; call++) {
      const before = await inlineCounts();
      expect(await countPromptTokens(request)).toBe(exact);
      counted.push((await inlineCounts()) - before);
    }
    expect(counted).toEqual([1, 1, 0, 0]);
    // One character more is another text: counted, never given the cached count.
    const other = { ...request, messages: [{ role: "user", content: `${prompt}!` }] } as ChatCompletionRequest;
    expect(await countPromptTokens(other)).toBe(3 + 3 + countTokens(`${prompt}!`) + countTokens(JSON.stringify(tools)));
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

describe("counting large prompts and completions (lib/tokens)", () => {
  const AS_TEXT = { disallowedSpecial: new Set<string>() };
  const threadCounts = async () => (await metrics().tokenCounts.get()).values.filter((v) => v.labels.path === "thread").reduce((sum, v) => sum + v.value, 0);

  // Exact counts need the thread to finish: a deadline no busy machine reaches (a thread takes a second
  // or more to load the tokenizer, and the default deadline is one second).
  beforeEach(async () => {
    process.env.TOKEN_COUNT_DEADLINE_MS = "60000";
    resetEnvCache();
    await resetTokenCounting();
  });

  afterEach(async () => {
    for (const name of ["TOKEN_COUNT_THREADS", "TOKEN_COUNT_QUEUE_MAX", "TOKEN_COUNT_DEADLINE_MS"]) delete process.env[name];
    resetEnvCache();
    await resetTokenCounting();
  });

  it("counts a multi-megabyte conversation exactly on a thread, then takes its history from the cache", async () => {
    const history = bigPrompt("english", 1_500_000);
    const request: ChatCompletionRequest = { model: "m", messages: [{ role: "user", content: history }, { role: "assistant", content: "Noted." }, { role: "user", content: "Summarize." }] };
    const exact = 3 + 3 * 3 + countTokens(history, AS_TEXT) + countTokens("Noted.", AS_TEXT) + countTokens("Summarize.", AS_TEXT);
    const before = await threadCounts();
    expect(await countPromptTokens(request)).toBe(exact);
    expect(await threadCounts()).toBe(before + 1);
    expect(await countPromptTokens(request)).toBe(exact);
    expect(await threadCounts()).toBe(before + 1);
  });

  it("counts a large prompt sent again and again every time: only history and short repeats are kept", async () => {
    const prompt = `${Math.random()} ${bigPrompt("english", 200_000)}`;
    const request: ChatCompletionRequest = { model: "m", messages: [{ role: "user", content: prompt }] };
    const before = await threadCounts();
    for (let call = 0; call < 3; call++) expect(await countPromptTokens(request)).toBe(3 + 3 + countTokens(prompt, AS_TEXT));
    expect(await threadCounts()).toBe(before + 3);
  });

  it("counts a long completion exactly, as settling an unreported usage needs", async () => {
    const completion = bigPrompt("english", 800_000);
    expect(await countTextTokens(completion)).toBe(countTokens(completion, AS_TEXT));
  });

  it("counts a prompt that contains special-token text as text instead of failing", async () => {
    const request: ChatCompletionRequest = { model: "m", messages: [{ role: "user", content: "Explain <|endoftext|> and <|im_start|>." }] };
    expect(await countPromptTokens(request)).toBe(3 + 3 + countTokens("Explain <|endoftext|> and <|im_start|>.", AS_TEXT));
  });

  it("drops a count still waiting for a thread when the client leaves: ClientClosedError", async () => {
    Object.assign(process.env, { TOKEN_COUNT_THREADS: "1", TOKEN_COUNT_QUEUE_MAX: "8", TOKEN_COUNT_DEADLINE_MS: "3000" });
    resetEnvCache();
    await resetTokenCounting();
    // A thread works on four counts at once: four slow ones keep it busy, the fifth waits.
    const slow = Array.from({ length: 4 }, (_, i) => countTextTokens(bigPrompt("cjk", 300_000) + i));
    const client = new AbortFlag();
    const waiting = countTextTokens(bigPrompt("english", 100_000), client);
    client.abort();
    await expect(waiting).rejects.toBeInstanceOf(ClientClosedError);
    await Promise.all(slow);
  });
});
