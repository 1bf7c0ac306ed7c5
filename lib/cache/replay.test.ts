import { describe, expect, it } from "vitest";
import type { ChatCompletion } from "../openai-format/types";
import { UnparsedChunk } from "../openai-format/unparsed-chunk";
import { CompletionAssembler } from "./completion-assembler";
import { isCompleteAnswer } from "./chat-cache";
import { replayFrames } from "./replay";

const completion: ChatCompletion = {
  id: "chatcmpl-1", object: "chat.completion", created: 1700000000, model: "m",
  choices: [
    { index: 0, message: { role: "assistant", content: "x".repeat(600) + "😀 end", refusal: null }, logprobs: null, finish_reason: "stop" },
    { index: 1, message: { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "f", arguments: '{"a":1}' } }], refusal: null }, logprobs: null, finish_reason: "tool_calls" },
  ],
  usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 },
};

const parse = (frames: string[]) => frames.map((f) => JSON.parse(f.replace(/^data: /, "")));

describe("replayFrames + CompletionAssembler", () => {
  it("replays a completion as chunks that assemble back into it", () => {
    const frames = replayFrames(completion, true);
    const chunks = parse(frames);
    expect(chunks.every((c) => c.id === "chatcmpl-1" && c.object === "chat.completion.chunk")).toBe(true);
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: completion.usage });
    const assembler = new CompletionAssembler();
    // Unparsed chunks (the pass-through path) are read too.
    for (const frame of frames) assembler.add(new UnparsedChunk(frame.replace(/^data: /, "").trim()));
    expect(assembler.completion(null)).toEqual(completion);
  });

  it("sends no usage chunk unless asked, and never splits a surrogate pair", () => {
    const frames = parse(replayFrames(completion, false));
    expect(frames.some((c) => c.usage)).toBe(false);
    const text = frames.filter((c) => c.choices[0]?.index === 0).map((c) => c.choices[0].delta.content ?? "").join("");
    expect(text).toBe(completion.choices[0].message.content);
    for (const c of frames) expect(c.choices[0]?.delta.content ?? "").not.toMatch(/[\uD800-\uDBFF]$/);
  });

  it("replays stored log probabilities on the content chunks that spell them, and null elsewhere, as a live stream does", () => {
    const tokens = Array.from({ length: 120 }, (_, i) => ({ token: `tok${i} `, logprob: -(i + 1) / 100, bytes: null, top_logprobs: [] }));
    const text = tokens.map((t) => t.token).join("");
    const withLogprobs: ChatCompletion = {
      id: "chatcmpl-2", object: "chat.completion", created: 1700000000, model: "m",
      choices: [{ index: 0, message: { role: "assistant", content: text, refusal: null }, logprobs: { content: tokens, refusal: null }, finish_reason: "stop" }],
    };
    const frames = replayFrames(withLogprobs, false);
    const chunks = parse(frames);
    const contentChunks = chunks.filter((c) => c.choices[0].delta.content);
    expect(contentChunks.length).toBeGreaterThan(1);
    for (const c of contentChunks) {
      expect(c.choices[0].logprobs.refusal).toBeNull();
      expect(c.choices[0].logprobs.content.map((t: { token: string }) => t.token).join("")).toBe(c.choices[0].delta.content);
    }
    for (const c of chunks.filter((c) => !c.choices[0].delta.content)) expect(c.choices[0].logprobs).toBeNull();
    // A streamed answer with log probabilities is stored with them, so a JSON hit has them too.
    const assembler = new CompletionAssembler();
    for (const frame of frames) assembler.add(new UnparsedChunk(frame.replace(/^data: /, "").trim()));
    expect(assembler.completion(null)).toEqual(withLogprobs);
  });

  it("puts log probabilities whose tokens do not spell the content on its first chunk", () => {
    const odd: ChatCompletion = {
      id: "chatcmpl-3", object: "chat.completion", created: 1700000000, model: "m",
      choices: [{ index: 0, message: { role: "assistant", content: "y".repeat(600), refusal: null }, logprobs: { content: [{ token: "bytes:\\xf0", logprob: -1 }], refusal: null }, finish_reason: "stop" }],
    };
    const contentChunks = parse(replayFrames(odd, false)).filter((c) => c.choices[0].delta.content);
    expect(contentChunks.map((c) => c.choices[0].logprobs.content.length)).toEqual([1, 0, 0]);
  });

  it("stores only complete answers", () => {
    expect(isCompleteAnswer(completion)).toBe(true);
    expect(isCompleteAnswer({ ...completion, choices: [{ ...completion.choices[0], finish_reason: null }] })).toBe(false);
    expect(isCompleteAnswer({ ...completion, choices: [{ ...completion.choices[0], finish_reason: "content_filter" }] })).toBe(false);
    const broken = new CompletionAssembler();
    broken.add(new UnparsedChunk("{not json"));
    expect(broken.completion(null)).toBeNull();
  });
});
