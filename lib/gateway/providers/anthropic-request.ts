// OpenAI chat request → Anthropic Messages request. Anthropic keeps the system prompt out of the turn
// list, wants strictly alternating user/assistant turns, and carries tool traffic as content blocks.
import { BadRequestError } from "@/lib/http/errors";
import type { ChatCompletionRequest, ChatContentPart, ChatMessage } from "@/lib/openai-format/types";
import { imageUrlOf, messageText, parseDataUrl, parseToolArguments, unsupportedPart } from "./message-content";

export type AnthropicBlock = Record<string, unknown> & { type: string };
export interface AnthropicMessage {
  role: "user" | "assistant";
  content: AnthropicBlock[];
}

// Anthropic requires max_tokens; OpenAI lets clients omit it.
export const ANTHROPIC_DEFAULT_MAX_TOKENS = 4096;

function partToBlock(part: ChatContentPart): AnthropicBlock | null {
  if (part.type === "text") return part.text ? { type: "text", text: part.text } : null;
  if (part.type === "image_url") {
    const url = imageUrlOf(part);
    const inline = parseDataUrl(url);
    const source = inline
      ? { type: "base64", media_type: inline.mediaType, data: inline.base64 }
      : { type: "url", url };
    return { type: "image", source };
  }
  throw unsupportedPart("Anthropic", part.type);
}

function contentBlocks(content: ChatMessage["content"]): AnthropicBlock[] {
  if (typeof content === "string") return content ? [{ type: "text", text: content }] : [];
  if (!Array.isArray(content)) return [];
  const blocks: AnthropicBlock[] = [];
  for (const part of content) {
    const block = partToBlock(part);
    if (block) blocks.push(block);
  }
  return blocks;
}

function assistantBlocks(message: ChatMessage): AnthropicBlock[] {
  const blocks = contentBlocks(message.content);
  for (const call of message.tool_calls ?? []) {
    blocks.push({ type: "tool_use", id: call.id, name: call.function.name, input: parseToolArguments(call.function.arguments) });
  }
  return blocks;
}

function toolResultBlock(message: ChatMessage): AnthropicBlock {
  if (!message.tool_call_id) throw new BadRequestError("A tool message needs a tool_call_id.", "messages");
  return { type: "tool_result", tool_use_id: message.tool_call_id, content: messageText(message.content) };
}

/** Splits system/developer messages out and merges consecutive same-role turns, as Anthropic requires. */
export function toAnthropicMessages(messages: ChatMessage[]): { system: string | undefined; messages: AnthropicMessage[] } {
  const system: string[] = [];
  const turns: AnthropicMessage[] = [];
  for (const message of messages) {
    if (message.role === "system" || message.role === "developer") {
      const text = messageText(message.content);
      if (text) system.push(text);
      continue;
    }
    let role: AnthropicMessage["role"];
    let blocks: AnthropicBlock[];
    if (message.role === "user") [role, blocks] = ["user", contentBlocks(message.content)];
    else if (message.role === "assistant") [role, blocks] = ["assistant", assistantBlocks(message)];
    else if (message.role === "tool") [role, blocks] = ["user", [toolResultBlock(message)]];
    else throw new BadRequestError(`Messages with role "${message.role}" are not supported for Anthropic models.`, "messages");
    // Anthropic rejects empty turns; an assistant message with neither text nor tool calls carries nothing.
    if (blocks.length === 0) continue;
    const previous = turns[turns.length - 1];
    if (previous?.role === role) previous.content.push(...blocks);
    else turns.push({ role, content: blocks });
  }
  return { system: system.length > 0 ? system.join("\n\n") : undefined, messages: turns };
}

function toolChoice(choice: unknown, parallel: unknown): Record<string, unknown> | undefined {
  let mapped: Record<string, unknown> | undefined;
  if (choice === "auto") mapped = { type: "auto" };
  else if (choice === "none") mapped = { type: "none" };
  else if (choice === "required") mapped = { type: "any" };
  else if (choice && typeof choice === "object") {
    const name = (choice as { function?: { name?: unknown } }).function?.name;
    if (typeof name !== "string") throw new BadRequestError("tool_choice must name a function.", "tool_choice");
    mapped = { type: "tool", name };
  }
  if (parallel === false) mapped = { ...(mapped ?? { type: "auto" }), disable_parallel_tool_use: true };
  return mapped;
}

export function toAnthropicRequest(request: ChatCompletionRequest, model: string, stream: boolean): Record<string, unknown> {
  if (request.n != null && request.n > 1) throw new BadRequestError("Anthropic models return one choice; n must be 1.", "n");
  const { system, messages } = toAnthropicMessages(request.messages);
  const body: Record<string, unknown> = {
    model,
    messages,
    max_tokens: request.max_completion_tokens ?? request.max_tokens ?? ANTHROPIC_DEFAULT_MAX_TOKENS,
  };
  if (system !== undefined) body.system = system;
  if (stream) body.stream = true;
  if (request.temperature != null) body.temperature = request.temperature;
  if (request.top_p != null) body.top_p = request.top_p;
  if (request.stop != null) body.stop_sequences = Array.isArray(request.stop) ? request.stop : [request.stop];
  if (request.tools?.length) {
    body.tools = request.tools.map((tool) => ({
      name: tool.function.name,
      ...(tool.function.description ? { description: tool.function.description } : {}),
      input_schema: tool.function.parameters ?? { type: "object", properties: {} },
    }));
  }
  // Anthropic rejects tool_choice without tools; OpenAI clients send both defaults regardless.
  const choice = request.tools?.length ? toolChoice(request.tool_choice, request.parallel_tool_calls) : undefined;
  if (choice) body.tool_choice = choice;
  if (typeof request.user === "string" && request.user) body.metadata = { user_id: request.user };
  return body;
}
