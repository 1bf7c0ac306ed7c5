import { describe, expect, it } from "vitest";
import type { ChatCompletionChunk, ChatCompletionRequest } from "@/lib/openai-format/types";
import { UpstreamError } from "@/lib/http/errors";
import { toAnthropicRequest } from "./anthropic-request";
import { fromAnthropicResponse } from "./anthropic-response";
import { AnthropicStreamTranslator } from "./anthropic-stream";

const context = { providerId: "anthropic-main" };

describe("toAnthropicRequest", () => {
  it("moves system prompts out, merges same-role turns and defaults max_tokens", () => {
    const request: ChatCompletionRequest = {
      model: "claude",
      messages: [
        { role: "system", content: "Be brief." },
        { role: "developer", content: [{ type: "text", text: "Answer in French." }] },
        { role: "user", content: "Hi" },
        { role: "user", content: "Still there?" },
      ],
      temperature: 0.3,
      top_p: 0.9,
      stop: "END",
    };
    expect(toAnthropicRequest(request, "claude-sonnet-4", false)).toEqual({
      model: "claude-sonnet-4",
      system: "Be brief.\n\nAnswer in French.",
      max_tokens: 4096,
      temperature: 0.3,
      top_p: 0.9,
      stop_sequences: ["END"],
      messages: [{ role: "user", content: [{ type: "text", text: "Hi" }, { type: "text", text: "Still there?" }] }],
    });
  });

  it("prefers max_completion_tokens, and sets stream", () => {
    const body = toAnthropicRequest({ model: "m", messages: [{ role: "user", content: "x" }], max_tokens: 10, max_completion_tokens: 20 }, "c", true);
    expect(body).toMatchObject({ max_tokens: 20, stream: true });
  });

  it("translates images: data URLs to base64 sources, http URLs to url sources", () => {
    const body = toAnthropicRequest(
      {
        model: "m",
        messages: [
          {
            role: "user",
            content: [
              { type: "text", text: "What is this?" },
              { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=" } },
              { type: "image_url", image_url: { url: "https://example.com/cat.jpg" } },
            ],
          },
        ],
      },
      "c",
      false,
    );
    expect((body.messages as { content: unknown[] }[])[0].content).toEqual([
      { type: "text", text: "What is this?" },
      { type: "image", source: { type: "base64", media_type: "image/png", data: "iVBORw0KGgo=" } },
      { type: "image", source: { type: "url", url: "https://example.com/cat.jpg" } },
    ]);
  });

  it("translates tools, tool_choice, assistant tool calls and tool results", () => {
    const body = toAnthropicRequest(
      {
        model: "m",
        messages: [
          { role: "user", content: "Weather in Paris and Rome?" },
          {
            role: "assistant",
            content: "Checking.",
            tool_calls: [
              { id: "toolu_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } },
              { id: "toolu_2", type: "function", function: { name: "get_weather", arguments: '{"city":"Rome"}' } },
            ],
          },
          { role: "tool", tool_call_id: "toolu_1", content: "18C" },
          { role: "tool", tool_call_id: "toolu_2", content: "24C" },
        ],
        tools: [{ type: "function", function: { name: "get_weather", description: "Weather", parameters: { type: "object", properties: { city: { type: "string" } } } } }],
        tool_choice: "required",
      },
      "c",
      false,
    );
    expect(body.tools).toEqual([{ name: "get_weather", description: "Weather", input_schema: { type: "object", properties: { city: { type: "string" } } } }]);
    expect(body.tool_choice).toEqual({ type: "any" });
    expect(body.messages).toEqual([
      { role: "user", content: [{ type: "text", text: "Weather in Paris and Rome?" }] },
      {
        role: "assistant",
        content: [
          { type: "text", text: "Checking." },
          { type: "tool_use", id: "toolu_1", name: "get_weather", input: { city: "Paris" } },
          { type: "tool_use", id: "toolu_2", name: "get_weather", input: { city: "Rome" } },
        ],
      },
      {
        role: "user",
        content: [
          { type: "tool_result", tool_use_id: "toolu_1", content: "18C" },
          { type: "tool_result", tool_use_id: "toolu_2", content: "24C" },
        ],
      },
    ]);
  });

  it("maps every tool_choice form", () => {
    const tools = [{ type: "function" as const, function: { name: "f" } }];
    const choiceFor = (tool_choice: unknown) => toAnthropicRequest({ model: "m", messages: [{ role: "user", content: "x" }], tools, tool_choice }, "c", false).tool_choice;
    expect(choiceFor("auto")).toEqual({ type: "auto" });
    expect(choiceFor("none")).toEqual({ type: "none" });
    expect(choiceFor({ type: "function", function: { name: "f" } })).toEqual({ type: "tool", name: "f" });
    expect(choiceFor(undefined)).toBeUndefined();
  });

  it("rejects content Anthropic cannot take with a 400", () => {
    const audio = () => toAnthropicRequest({ model: "m", messages: [{ role: "user", content: [{ type: "input_audio" }] }] }, "c", false);
    expect(audio).toThrowError(expect.objectContaining({ status: 400 }));
  });
});

describe("fromAnthropicResponse", () => {
  it("maps text, tool_use, stop reason and usage with cache tokens", () => {
    const completion = fromAnthropicResponse({
      id: "msg_1",
      model: "claude-sonnet-4",
      content: [
        { type: "text", text: "Let me check." },
        { type: "tool_use", id: "toolu_1", name: "get_weather", input: { city: "Paris" } },
      ],
      stop_reason: "tool_use",
      usage: { input_tokens: 10, output_tokens: 7, cache_read_input_tokens: 100, cache_creation_input_tokens: 5 },
    });
    expect(completion).toMatchObject({
      id: "msg_1",
      object: "chat.completion",
      model: "claude-sonnet-4",
      choices: [
        {
          index: 0,
          finish_reason: "tool_calls",
          message: {
            role: "assistant",
            content: "Let me check.",
            tool_calls: [{ id: "toolu_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }],
          },
        },
      ],
      usage: { prompt_tokens: 115, completion_tokens: 7, total_tokens: 122, prompt_tokens_details: { cached_tokens: 100, cache_write_tokens: 5 } },
    });
  });

  it("maps the other stop reasons", () => {
    const reasonFor = (stop_reason: string) => fromAnthropicResponse({ id: "m", model: "c", content: [], stop_reason }).choices[0].finish_reason;
    expect(reasonFor("end_turn")).toBe("stop");
    expect(reasonFor("stop_sequence")).toBe("stop");
    expect(reasonFor("max_tokens")).toBe("length");
  });
});

function run(translator: AnthropicStreamTranslator, events: [string, unknown][]): ChatCompletionChunk[] {
  return events.flatMap(([event, data]) => translator.translate({ event, data: JSON.stringify(data) }));
}

describe("AnthropicStreamTranslator", () => {
  const start = ["message_start", { type: "message_start", message: { id: "msg_9", model: "claude-x", usage: { input_tokens: 12, output_tokens: 1, cache_read_input_tokens: 3 } } }] as [string, unknown];

  it("turns a text stream into OpenAI chunks with a final usage chunk when the client asked", () => {
    const translator = new AnthropicStreamTranslator(true, context);
    const chunks = run(translator, [
      start,
      ["content_block_start", { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } }],
      ["ping", { type: "ping" }],
      ["content_block_delta", { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "Hel" } }],
      ["content_block_delta", { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "lo" } }],
      ["content_block_stop", { type: "content_block_stop", index: 0 }],
      ["message_delta", { type: "message_delta", delta: { stop_reason: "end_turn" }, usage: { output_tokens: 5 } }],
      ["message_stop", { type: "message_stop" }],
    ]);
    expect(chunks.map((chunk) => chunk.choices[0]?.delta ?? null)).toEqual([{ role: "assistant", content: "" }, { content: "Hel" }, { content: "lo" }, {}, null]);
    expect(chunks[3].choices[0].finish_reason).toBe("stop");
    expect(chunks.every((chunk) => chunk.id === "msg_9" && chunk.model === "claude-x" && chunk.object === "chat.completion.chunk")).toBe(true);
    expect(chunks[4]).toMatchObject({ choices: [], usage: { prompt_tokens: 15, completion_tokens: 5, total_tokens: 20 } });
    expect(translator.finished).toBe(true);
    expect(translator.usage).toEqual({ prompt_tokens: 15, completion_tokens: 5, total_tokens: 20, prompt_tokens_details: { cached_tokens: 3, cache_write_tokens: 0 } });
  });

  it("streams tool calls with OpenAI indexes that count tool blocks only", () => {
    const translator = new AnthropicStreamTranslator(false, context);
    const chunks = run(translator, [
      start,
      ["content_block_start", { index: 0, content_block: { type: "text", text: "" } }],
      ["content_block_delta", { index: 0, delta: { type: "text_delta", text: "Checking." } }],
      ["content_block_stop", { index: 0 }],
      ["content_block_start", { index: 1, content_block: { type: "tool_use", id: "toolu_a", name: "get_weather", input: {} } }],
      ["content_block_delta", { index: 1, delta: { type: "input_json_delta", partial_json: "" } }],
      ["content_block_delta", { index: 1, delta: { type: "input_json_delta", partial_json: '{"city":' } }],
      ["content_block_delta", { index: 1, delta: { type: "input_json_delta", partial_json: '"Paris"}' } }],
      ["content_block_stop", { index: 1 }],
      ["message_delta", { delta: { stop_reason: "tool_use" }, usage: { output_tokens: 30 } }],
      ["message_stop", {}],
    ]);
    const toolDeltas = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
    expect(toolDeltas).toEqual([
      { index: 0, id: "toolu_a", type: "function", function: { name: "get_weather", arguments: "" } },
      { index: 0, function: { arguments: '{"city":' } },
      { index: 0, function: { arguments: '"Paris"}' } },
    ]);
    expect(chunks.at(-1)?.choices[0].finish_reason).toBe("tool_calls");
    // no usage chunk: the client did not ask for one, but the gateway still reads it
    expect(chunks.some((chunk) => chunk.choices.length === 0)).toBe(false);
    expect(translator.usage?.completion_tokens).toBe(30);
  });

  it("throws the error event as an UpstreamError", () => {
    const translator = new AnthropicStreamTranslator(false, context);
    run(translator, [start]);
    expect(() => run(translator, [["error", { type: "error", error: { type: "overloaded_error", message: "Overloaded" } }]])).toThrowError(UpstreamError);
    expect(translator.finished).toBe(false);
  });
});
