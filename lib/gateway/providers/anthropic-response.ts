// Anthropic Messages answer → OpenAI chat completion, plus the stop-reason and usage rules the stream
// translator shares.
import type { ChatCompletion, FinishReason, ToolCall, Usage } from "@/lib/openai-format/types";
import { badResponseError } from "@/lib/http/errors";
import { nowSeconds } from "./chat-stream";

export interface AnthropicUsage {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
}

interface AnthropicContentBlock {
  type: string;
  text?: string;
  id?: string;
  name?: string;
  input?: unknown;
}

export interface AnthropicMessageResponse {
  id: string;
  model: string;
  content: AnthropicContentBlock[];
  stop_reason: string | null;
  usage?: AnthropicUsage;
}

export function mapStopReason(reason: string | null | undefined): FinishReason {
  switch (reason) {
    case "max_tokens":
      return "length";
    case "tool_use":
      return "tool_calls";
    case "refusal":
      return "content_filter";
    case null:
    case undefined:
      return null;
    default:
      // end_turn, stop_sequence, pause_turn: the model stopped on its own terms
      return "stop";
  }
}

/**
 * Anthropic counts prompt-cache reads and writes apart from input_tokens; OpenAI counts cached tokens
 * inside prompt_tokens. Writes are named too (cache_write_tokens), since they are priced apart.
 */
export function mapUsage(usage: AnthropicUsage): Usage {
  const cacheRead = usage.cache_read_input_tokens ?? 0;
  const cacheWrite = usage.cache_creation_input_tokens ?? 0;
  const prompt = (usage.input_tokens ?? 0) + cacheRead + cacheWrite;
  const completion = usage.output_tokens ?? 0;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: cacheRead, cache_write_tokens: cacheWrite },
  };
}

export function fromAnthropicResponse(response: AnthropicMessageResponse): ChatCompletion {
  if (!Array.isArray(response?.content)) throw badResponseError("the message has no content.");
  let text: string | null = null;
  const toolCalls: ToolCall[] = [];
  for (const block of response.content) {
    if (block.type === "text" && typeof block.text === "string") text = (text ?? "") + block.text;
    else if (block.type === "tool_use") {
      toolCalls.push({
        id: block.id ?? "",
        type: "function",
        function: { name: block.name ?? "", arguments: JSON.stringify(block.input ?? {}) },
      });
    }
  }
  const message: ChatCompletion["choices"][number]["message"] = { role: "assistant", content: text };
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  return {
    id: response.id,
    object: "chat.completion",
    created: nowSeconds(),
    model: response.model,
    choices: [{ index: 0, message, finish_reason: mapStopReason(response.stop_reason), logprobs: null }],
    usage: mapUsage(response.usage ?? {}),
  };
}
