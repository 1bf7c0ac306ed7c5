// Local token counting with gpt-tokenizer (o200k_base): a call's worst case for quota reservations
// (lib/quotas/estimate.ts), and its usage when an upstream reports none (a stream cut off, a client
// that disconnected, a provider that omits it; those records are marked `estimated`).
//
// Chat clients send the whole conversation on every turn, so all but the last message were usually
// counted on an earlier call: those counts are kept in an LRU keyed by the text, which makes a long
// conversation cost the tokens of its new message instead of its whole history (counting allocates
// about 40 bytes per character, which is garbage-collection pauses in the proxy's p99). The last
// message is new by construction and is counted without being cached, so one-off prompts do not
// churn the cache.
import { LRUCache } from "lru-cache";
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

// Short texts are cheap to count and not worth an entry; the cache holds at most ~16 MB of text.
const MIN_CACHED_LENGTH = 64;
const historyCounts = new LRUCache<string, number>({ maxSize: 8_000_000, sizeCalculation: (_count, text) => text.length });

function countHistoryText(countTokens: Encoder["countTokens"], text: string): number {
  if (text.length < MIN_CACHED_LENGTH) return countTokens(text);
  let count = historyCounts.get(text);
  if (count === undefined) {
    count = countTokens(text);
    historyCounts.set(text, count);
  }
  return count;
}

export async function countPromptTokens(request: ChatCompletionRequest): Promise<number> {
  const { countTokens } = await loadEncoder();
  let total = REPLY_PRIMING_TOKENS;
  const last = request.messages.length - 1;
  request.messages.forEach((message, index) => {
    const text = messageText(message);
    total += TOKENS_PER_MESSAGE + (index === last ? countTokens(text) : countHistoryText(countTokens, text));
    if (Array.isArray(message.content)) total += message.content.filter((p) => p.type === "image_url").length * TOKENS_PER_IMAGE;
  });
  if (request.tools) total += countTokens(JSON.stringify(request.tools));
  return total;
}

export async function countTextTokens(text: string): Promise<number> {
  if (!text) return 0;
  const { countTokens } = await loadEncoder();
  return countTokens(text);
}
