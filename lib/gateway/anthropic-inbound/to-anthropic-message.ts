// The gateway's canonical answer (an OpenAI chat completion) → an Anthropic message, the inverse of
// providers/anthropic-response.ts: for answers from OpenAI, Gemini and OpenAI-compatible upstreams,
// and for response-cache hits.
import type { ChatCompletion, FinishReason, Usage } from "../../openai-format/types";

export interface AnthropicUsageOut {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

export type AnthropicContentOut =
  | { type: "text"; text: string }
  | { type: "tool_use"; id: string; name: string; input: Record<string, unknown> };

export interface AnthropicMessageOut {
  id: string;
  type: "message";
  role: "assistant";
  model: string;
  content: AnthropicContentOut[];
  stop_reason: string | null;
  stop_sequence: string | null;
  usage: AnthropicUsageOut;
}

export function toAnthropicStopReason(reason: FinishReason | undefined): string | null {
  switch (reason) {
    case "stop":
      return "end_turn";
    case "length":
      return "max_tokens";
    case "tool_calls":
    case "function_call":
      return "tool_use";
    case "content_filter":
      return "refusal";
    default:
      return null;
  }
}

/**
 * OpenAI counts cached prompt tokens inside prompt_tokens; Anthropic's input_tokens leaves out what
 * was read from and written to its prompt cache.
 */
export function toAnthropicUsage(usage: Usage | null | undefined): AnthropicUsageOut {
  const prompt = usage?.prompt_tokens ?? 0;
  const cacheRead = usage?.prompt_tokens_details?.cached_tokens ?? 0;
  const cacheWrite = Number(usage?.prompt_tokens_details?.cache_write_tokens ?? 0);
  return {
    input_tokens: Math.max(0, prompt - cacheRead - cacheWrite),
    output_tokens: usage?.completion_tokens ?? 0,
    cache_creation_input_tokens: cacheWrite,
    cache_read_input_tokens: cacheRead,
  };
}

/** Tool arguments are a JSON string in OpenAI's format and an object in Anthropic's. */
export function toolInput(args: string): Record<string, unknown> {
  if (args.trim() === "") return {};
  try {
    const value: unknown = JSON.parse(args);
    if (value !== null && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // a model that produced broken JSON: the arguments are kept as text rather than lost
  }
  return { arguments: args };
}

/** `id`: the message id the client sees (the gateway's, as Anthropic's `msg_…`). */
export function toAnthropicMessage(completion: ChatCompletion, id: string): AnthropicMessageOut {
  const choice = completion.choices[0];
  const content: AnthropicContentOut[] = [];
  const message = choice?.message;
  if (typeof message?.content === "string" && message.content !== "") content.push({ type: "text", text: message.content });
  if (typeof message?.refusal === "string" && message.refusal !== "") content.push({ type: "text", text: message.refusal });
  for (const call of message?.tool_calls ?? []) {
    content.push({ type: "tool_use", id: call.id, name: call.function.name, input: toolInput(call.function.arguments) });
  }
  return {
    id,
    type: "message",
    role: "assistant",
    model: completion.model,
    content,
    stop_reason: toAnthropicStopReason(choice?.finish_reason),
    stop_sequence: null,
    usage: toAnthropicUsage(completion.usage),
  };
}

/** Anthropic message ids look like `msg_…`; the gateway's request id makes one that is unique and traceable. */
export function messageIdFor(requestId: string): string {
  return `msg_${requestId.startsWith("req_") ? requestId.slice(4) : requestId}`;
}
