// Fake Anthropic Messages API, with the real stream event sequence (message_start, content blocks, ping,
// message_delta with stop_reason and usage, message_stop), prompt-cache usage and thinking blocks on
// request (directives cache-read, cache-write, thinking), and token counting (count_tokens).
import { answerFor, contentText, countTokens, splitIntoChunks, toolArguments } from "./answer";
import { sendJson, sseFrame, writeStream, type StreamFrame } from "./fake-http";
import { headerOf, type FakeCall, type FakeEndpoint, type FakeProviderShape } from "./fake-endpoint";

const ANTHROPIC_ERROR_TYPE: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "not_found_error",
  413: "request_too_large",
  429: "rate_limit_error",
  529: "overloaded_error",
};

export const anthropicShape: FakeProviderShape = {
  authorized: (req, _url, apiKey) => headerOf(req, "x-api-key") === apiKey,
  sendAuthError: (res) => sendJson(res, 401, anthropicShape.errorBody(401, "invalid x-api-key")),
  errorBody: (status, message) => ({
    type: "error",
    error: { type: ANTHROPIC_ERROR_TYPE[status] ?? (status >= 500 ? "api_error" : "invalid_request_error"), message },
  }),
};

interface AnthropicRequest {
  model?: string;
  system?: unknown;
  messages?: { role?: string; content?: unknown }[];
  tools?: { name?: string }[];
  stream?: boolean;
}

function lastUserText(body: Record<string, unknown>): string {
  const messages = (body as AnthropicRequest).messages ?? [];
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i]?.role === "user") return contentText(messages[i].content);
  return "";
}

function inputTokens(body: AnthropicRequest): number {
  let tokens = countTokens(contentText(body.system));
  for (const message of body.messages ?? []) tokens += countTokens(contentText(message.content)) + 3;
  return tokens;
}

function answerMessages(call: FakeCall): Promise<void> | void {
  const body = call.body as AnthropicRequest;
  const id = `msg_fake_${call.sequence}`;
  const model = body.model ?? "claude-fake";
  const toolName = call.directives.tool ? body.tools?.[0]?.name : undefined;
  const text = answerFor(call.prompt);
  const args = toolArguments(call.prompt);
  const input = inputTokens(body);
  const output = toolName ? countTokens(args.full) : countTokens(text);
  const stopReason = toolName ? "tool_use" : "end_turn";
  const toolUseId = `toolu_fake_${call.sequence}`;
  const usage = { input_tokens: input, cache_creation_input_tokens: call.directives.cacheWrite ?? 0, cache_read_input_tokens: call.directives.cacheRead ?? 0 };
  const thinking = call.directives.thinking ? { type: "thinking", thinking: `Thinking about: ${call.prompt}`, signature: `sig_fake_${call.sequence}` } : null;

  if (!body.stream) {
    if (call.directives.errorIn200) return sendJson(call.res, 200, anthropicShape.errorBody(500, "The fake upstream failed inside a 200 answer."));
    const answer = toolName
      ? [{ type: "tool_use", id: toolUseId, name: toolName, input: JSON.parse(args.full) as unknown }]
      : [{ type: "text", text }];
    const content = thinking ? [thinking, ...answer] : answer;
    return sendJson(call.res, 200, {
      id, type: "message", role: "assistant", model, content, stop_reason: stopReason, stop_sequence: null,
      usage: { ...usage, output_tokens: output },
    });
  }

  const event = (type: string, data: Record<string, unknown>, content = false): StreamFrame => ({ text: sseFrame({ type, ...data }, type), content });
  const frames: StreamFrame[] = [
    event("message_start", {
      message: {
        id, type: "message", role: "assistant", model, content: [], stop_reason: null, stop_sequence: null,
        usage: { ...usage, output_tokens: 1 },
      },
    }),
  ];
  // The answer's block follows the thinking block when there is one.
  const index = thinking ? 1 : 0;
  if (thinking) {
    frames.push(event("content_block_start", { index: 0, content_block: { type: "thinking", thinking: "", signature: "" } }));
    frames.push(event("content_block_delta", { index: 0, delta: { type: "thinking_delta", thinking: thinking.thinking } }, true));
    frames.push(event("content_block_delta", { index: 0, delta: { type: "signature_delta", signature: thinking.signature } }));
    frames.push(event("content_block_stop", { index: 0 }));
  }
  if (toolName) {
    frames.push(event("content_block_start", { index, content_block: { type: "tool_use", id: toolUseId, name: toolName, input: {} } }));
    frames.push(event("ping", {}));
    for (const fragment of args.fragments) {
      frames.push(event("content_block_delta", { index, delta: { type: "input_json_delta", partial_json: fragment } }, true));
    }
  } else {
    frames.push(event("content_block_start", { index, content_block: { type: "text", text: "" } }));
    frames.push(event("ping", {}));
    for (const piece of splitIntoChunks(text)) {
      frames.push(event("content_block_delta", { index, delta: { type: "text_delta", text: piece } }, true));
    }
  }
  if (call.directives.streamError) {
    frames.splice(4, frames.length, event("error", { error: { type: "overloaded_error", message: "Overloaded" } }));
  } else {
    frames.push(event("content_block_stop", { index }));
    frames.push(event("message_delta", { delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: output } }));
    frames.push(event("message_stop", {}));
  }
  return writeStream(call.res, frames, { chunkDelayMs: call.chunkDelayMs, truncateAfter: call.directives.truncateAfter });
}

export const anthropicMessages: FakeEndpoint = { shape: anthropicShape, promptOf: lastUserText, answer: answerMessages };

/** POST /v1/messages/count_tokens: the same input count a message's usage reports. */
export const anthropicCountTokens: FakeEndpoint = {
  shape: anthropicShape,
  promptOf: lastUserText,
  answer: (call) => sendJson(call.res, 200, { input_tokens: inputTokens(call.body as AnthropicRequest) }),
};
