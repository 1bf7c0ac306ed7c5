// Local token counting with gpt-tokenizer (o200k_base), used only when an upstream reports no
// usage: a stream cut off, a client that disconnected, a provider that omits it. Records made
// from these counts are marked `estimated`.
import type { ChatCompletionRequest, ChatMessage } from "./types";

type Encoder = { countTokens: (text: string) => number };
let encoder: Encoder | undefined;

async function loadEncoder(): Promise<Encoder> {
  // Loaded lazily: the encoding tables are megabytes and most calls never need them.
  encoder ??= (await import("gpt-tokenizer")) as Encoder;
  return encoder;
}

function messageText(message: ChatMessage): string {
  const { content } = message;
  let text = typeof content === "string" ? content : "";
  if (Array.isArray(content)) for (const part of content) if (typeof part.text === "string") text += part.text;
  for (const call of message.tool_calls ?? []) text += call.function.name + call.function.arguments;
  return text;
}

// OpenAI's documented overhead: ~3 tokens per message plus 3 to prime the reply.
const TOKENS_PER_MESSAGE = 3;
const REPLY_PRIMING_TOKENS = 3;
// Images are priced by tiles upstream; a flat low-detail estimate keeps estimates non-zero.
const TOKENS_PER_IMAGE = 85;

export async function countPromptTokens(request: ChatCompletionRequest): Promise<number> {
  const { countTokens } = await loadEncoder();
  let total = REPLY_PRIMING_TOKENS;
  for (const message of request.messages) {
    total += TOKENS_PER_MESSAGE + countTokens(messageText(message));
    if (Array.isArray(message.content)) total += message.content.filter((p) => p.type === "image_url").length * TOKENS_PER_IMAGE;
  }
  if (request.tools) total += countTokens(JSON.stringify(request.tools));
  return total;
}

export async function countTextTokens(text: string): Promise<number> {
  if (!text) return 0;
  const { countTokens } = await loadEncoder();
  return countTokens(text);
}
