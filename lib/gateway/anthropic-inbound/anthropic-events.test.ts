import { describe, expect, it } from "vitest";
import { HttpError, UpstreamError } from "../../http/errors";
import type { ChatCompletion, ChatCompletionChunk } from "../../openai-format/types";
import { UnparsedChunk } from "../../openai-format/unparsed-chunk";
import { replayMessageEvents } from "./anthropic-events";
import { anthropicErrorEvent, anthropicErrorResponse, anthropicErrorType, toAnthropicError } from "./anthropic-errors";
import { ChunksToEvents } from "./chunks-to-events";
import { toAnthropicMessage, toAnthropicUsage } from "./to-anthropic-message";
import { jsonGatewayResponse } from "../../http/gateway-response";

/** SSE text → [event name, data] pairs; checks that every data line names the same type as its event line. */
function events(text: string): [string, Record<string, unknown>][] {
  return text
    .split("\n\n")
    .filter(Boolean)
    .map((frame) => {
      const [eventLine, dataLine] = frame.split("\n");
      const type = eventLine.replace(/^event: /, "");
      const data = JSON.parse(dataLine.replace(/^data: /, "")) as Record<string, unknown>;
      expect(data.type).toBe(type);
      return [type, data];
    });
}

function chunk(delta: ChatCompletionChunk["choices"][number]["delta"], finish: ChatCompletionChunk["choices"][number]["finish_reason"] = null): ChatCompletionChunk {
  return { id: "chatcmpl-1", object: "chat.completion.chunk", created: 1, model: "gpt-x", choices: [{ index: 0, delta, finish_reason: finish }] };
}

const zeroUsage = { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };

describe("ChunksToEvents", () => {
  it("turns a text stream into Anthropic's event order, unparsed chunks included", () => {
    const translator = new ChunksToEvents("msg_1", { ...zeroUsage, input_tokens: 12 });
    const first = translator.translate([chunk({ role: "assistant", content: "" }), new UnparsedChunk(JSON.stringify(chunk({ content: "Hel" })))]);
    expect(first.content).toBe(true);
    const rest = translator.translate([chunk({ content: "lo" }), chunk({}, "stop")]);
    const end = translator.end({ input_tokens: 12, output_tokens: 2, cache_creation_input_tokens: 0, cache_read_input_tokens: 4 });
    const all = events(first.text + rest.text + end);
    expect(all.map(([type]) => type)).toEqual([
      "message_start", "ping", "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop", "message_delta", "message_stop",
    ]);
    expect(all[0][1].message).toMatchObject({ id: "msg_1", type: "message", role: "assistant", model: "gpt-x", content: [], stop_reason: null, usage: { input_tokens: 12 } });
    expect(all[2][1]).toMatchObject({ index: 0, content_block: { type: "text", text: "" } });
    expect(all.slice(3, 5).map(([, data]) => (data.delta as { text: string }).text)).toEqual(["Hel", "lo"]);
    expect(all[6][1]).toEqual({ type: "message_delta", delta: { stop_reason: "end_turn", stop_sequence: null }, usage: { input_tokens: 12, output_tokens: 2, cache_creation_input_tokens: 0, cache_read_input_tokens: 4 } });
  });

  it("streams text then tool calls as separate blocks with input_json_delta", () => {
    const translator = new ChunksToEvents("msg_2", zeroUsage);
    const text =
      translator.translate([chunk({ role: "assistant", content: "Checking." })]).text +
      translator.translate([
        chunk({ tool_calls: [{ index: 0, id: "call_a", type: "function", function: { name: "get_weather", arguments: "" } }] }),
        chunk({ tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] }),
        chunk({ tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] }),
        chunk({ tool_calls: [{ index: 1, id: "call_b", type: "function", function: { name: "get_time", arguments: "{}" } }] }),
        chunk({}, "tool_calls"),
      ]).text +
      translator.end(zeroUsage);
    const all = events(text);
    expect(all.map(([type, data]) => `${type}:${data.index ?? ""}`)).toEqual([
      "message_start:", "ping:", "content_block_start:0", "content_block_delta:0", "content_block_stop:0",
      "content_block_start:1", "content_block_delta:1", "content_block_delta:1", "content_block_stop:1",
      "content_block_start:2", "content_block_delta:2", "content_block_stop:2", "message_delta:", "message_stop:",
    ]);
    expect(all[5][1].content_block).toEqual({ type: "tool_use", id: "call_a", name: "get_weather", input: {} });
    expect(all[6][1].delta).toEqual({ type: "input_json_delta", partial_json: '{"city":' });
    expect((all[12][1].delta as { stop_reason: string }).stop_reason).toBe("tool_use");
  });

  it("still opens and closes the message when the upstream sent nothing", () => {
    const all = events(new ChunksToEvents("msg_3", zeroUsage).end(zeroUsage));
    expect(all.map(([type]) => type)).toEqual(["message_start", "ping", "message_delta", "message_stop"]);
  });
});

const completion: ChatCompletion = {
  id: "chatcmpl-9",
  object: "chat.completion",
  created: 1,
  model: "gpt-x",
  choices: [
    {
      index: 0,
      finish_reason: "tool_calls",
      message: { role: "assistant", content: "Let me look.", tool_calls: [{ id: "call_1", type: "function", function: { name: "lookup", arguments: '{"q":"a"}' } }] },
    },
  ],
  usage: { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120, prompt_tokens_details: { cached_tokens: 30, cache_write_tokens: 10 } },
};

describe("toAnthropicMessage", () => {
  it("maps content, tool calls, the stop reason and usage (cache reads and writes out of input_tokens)", () => {
    expect(toAnthropicMessage(completion, "msg_x")).toEqual({
      id: "msg_x",
      type: "message",
      role: "assistant",
      model: "gpt-x",
      content: [
        { type: "text", text: "Let me look." },
        { type: "tool_use", id: "call_1", name: "lookup", input: { q: "a" } },
      ],
      stop_reason: "tool_use",
      stop_sequence: null,
      usage: { input_tokens: 60, output_tokens: 20, cache_read_input_tokens: 30, cache_creation_input_tokens: 10 },
    });
    const stop = (finish_reason: "stop" | "length" | "content_filter") => toAnthropicMessage({ ...completion, choices: [{ ...completion.choices[0], finish_reason }] }, "m").stop_reason;
    expect([stop("stop"), stop("length"), stop("content_filter")]).toEqual(["end_turn", "max_tokens", "refusal"]);
    expect(toAnthropicUsage(null)).toEqual(zeroUsage);
  });

  it("replays a message as a live stream the same way", () => {
    const message = toAnthropicMessage(completion, "msg_r");
    const all = events(replayMessageEvents(message));
    expect(all.map(([type]) => type)).toEqual([
      "message_start", "content_block_start", "ping", "content_block_delta", "content_block_stop",
      "content_block_start", "content_block_delta", "content_block_stop", "message_delta", "message_stop",
    ]);
    expect(JSON.parse((all[6][1].delta as { partial_json: string }).partial_json)).toEqual({ q: "a" });
    expect(all[8][1].usage).toEqual(message.usage);
  });
});

describe("Anthropic errors", () => {
  it("maps statuses to Anthropic's error types", () => {
    const types = [400, 401, 402, 403, 404, 413, 422, 429, 500, 502, 503, 504, 529].map((status) => anthropicErrorType(status));
    expect(types).toEqual([
      "invalid_request_error", "authentication_error", "billing_error", "permission_error", "not_found_error", "request_too_large",
      "invalid_request_error", "rate_limit_error", "api_error", "api_error", "overloaded_error", "timeout_error", "overloaded_error",
    ]);
    // an Anthropic upstream's own 4xx type is kept
    expect(anthropicErrorType(400, "billing_error")).toBe("billing_error");
  });

  it("answers in Anthropic's shape with the status, headers and request id", () => {
    const error = new UpstreamError(429, "Slow down.", "upstream_rate_limited", "rate_limit_error", { "retry-after": "7" });
    const response = anthropicErrorResponse(error, "req_1");
    expect(response.status).toBe(429);
    expect(response.headers).toMatchObject({ "retry-after": "7", "x-request-id": "req_1", "request-id": "req_1" });
    expect(JSON.parse(response.body as string)).toEqual({ type: "error", error: { type: "rate_limit_error", message: "Slow down." }, request_id: "req_1" });
    const internal = anthropicErrorResponse(new Error("secret detail"), "req_2");
    expect(internal.status).toBe(500);
    expect(internal.body).not.toContain("secret");
    expect(events(anthropicErrorEvent(new HttpError(504, "Too slow.", "timeout_error"), "req_3"))[0][1]).toMatchObject({ error: { type: "timeout_error", message: "Too slow." } });
  });

  it("rewrites an OpenAI-shaped refusal, keeping its headers", () => {
    const refusal = jsonGatewayResponse(429, { error: { message: "Quota exceeded.", type: "quota_exceeded", code: "quota_exceeded" } }, { "retry-after": "30", "x-request-id": "req_4" });
    const rewritten = toAnthropicError(refusal, "req_4");
    expect(rewritten.status).toBe(429);
    expect(rewritten.headers["retry-after"]).toBe("30");
    expect(JSON.parse(rewritten.body as string)).toEqual({ type: "error", error: { type: "rate_limit_error", message: "Quota exceeded." }, request_id: "req_4" });
  });
});
