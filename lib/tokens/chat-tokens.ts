// A chat call's prompt tokens, counted locally (lib/tokens: gpt-tokenizer's o200k_base, on the event
// loop when that is cheap, on a counting thread otherwise, an upper bound when neither is possible
// in time): a call's worst case for quota reservations (lib/quotas/estimate.ts), and its usage when
// an upstream reports none (a stream cut off, a client that disconnected, a provider that omits it;
// those records are marked `estimated`).
//
// Counts repeat: chat clients send the whole conversation on every turn, so all but the last message
// were usually counted on an earlier call, and applications send the same system prompts, templated
// prompts and tool definitions call after call. Exact counts are kept in an LRU keyed by the text
// itself (a hit is the exact count of that very text: reservations stay exact), which makes a long
// conversation cost the tokens of its new message instead of its whole history, and a repeated
// prompt cost a map lookup instead of a count (~10 µs and ~14 KB of garbage for a 0.4 KB chat call's
// two messages: docs/decisions/015-token-counting-off-the-event-loop.md, "Counts that repeat").
// History messages are cached when counted. The last message and the tools are usually new, so they
// are cached only the second time they are seen (prompt-cache.ts): one-off prompts do not churn the
// cache, and a large one (past REPEAT_CACHED_MAX_CHARS) is never kept for a repeat.
import { HttpError } from "../http/errors";
import type { CountSignal } from "./token-count-pool";
import { cachedCount, cacheCount, seenBefore } from "./prompt-cache";
import { countTexts } from "./token-counting";
import type { ChatCompletionRequest, ChatMessage } from "../openai-format/types";

/** The client went away while its prompt waited to be counted: nothing was reserved or sent upstream. */
export class ClientClosedError extends HttpError {
  constructor() {
    super(499, "The client closed the connection before the call was admitted.", "invalid_request_error", "client_closed");
  }
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

/**
 * The prompt's tokens: message overheads, images, the history's cached counts, and everything else
 * counted in one go. `signal` (the client's, at admission): a count still waiting for a thread when
 * the client leaves is dropped, and the call ends with ClientClosedError.
 */
export async function countPromptTokens(request: ChatCompletionRequest, signal?: CountSignal): Promise<number> {
  let total = REPLY_PRIMING_TOKENS;
  const uncounted: string[] = [];
  // indexes into `uncounted` of texts worth caching once counted exactly
  let toCache: number[] | null = null;
  const last = request.messages.length - 1;
  for (let index = 0; index <= last; index++) {
    const message = request.messages[index];
    const text = messageText(message);
    total += TOKENS_PER_MESSAGE;
    if (Array.isArray(message.content)) total += message.content.filter((p) => p.type === "image_url").length * TOKENS_PER_IMAGE;
    if (text.length === 0) continue;
    const cached = cachedCount(text);
    if (cached !== undefined) {
      total += cached;
      continue;
    }
    if (index !== last || seenBefore(text)) (toCache ??= []).push(uncounted.length);
    uncounted.push(text);
  }
  if (request.tools) {
    const tools = JSON.stringify(request.tools);
    const cached = cachedCount(tools);
    if (cached !== undefined) total += cached;
    else {
      if (seenBefore(tools)) (toCache ??= []).push(uncounted.length);
      uncounted.push(tools);
    }
  }
  // Everything came from the cache: nothing to count, not even a scan of the texts.
  if (uncounted.length === 0) return total;
  const report = await countTexts(uncounted, signal);
  if (report.refusal === "aborted") throw new ClientClosedError();
  for (const tokens of report.tokens) total += tokens;
  if (report.quality === "exact") for (const index of toCache ?? []) cacheCount(uncounted[index], report.tokens[index]);
  return total;
}

/**
 * Each message's tokens with its overhead (for truncating a conversation to a context window), and
 * what the rest of the prompt costs (reply priming, tools). Counted in one go, like the prompt.
 */
export async function countMessageTokens(request: ChatCompletionRequest, signal?: CountSignal): Promise<{ perMessage: number[]; fixed: number }> {
  const texts = request.messages.map(messageText);
  if (request.tools) texts.push(JSON.stringify(request.tools));
  const report = await countTexts(texts, signal);
  if (report.refusal === "aborted") throw new ClientClosedError();
  const perMessage = request.messages.map((message, i) => {
    const images = Array.isArray(message.content) ? message.content.filter((p) => p.type === "image_url").length : 0;
    return TOKENS_PER_MESSAGE + images * TOKENS_PER_IMAGE + report.tokens[i];
  });
  const fixed = REPLY_PRIMING_TOKENS + (request.tools ? report.tokens[request.messages.length] : 0);
  return { perMessage, fixed };
}

/** Tokens of one text (a completion, an embeddings input). */
export async function countTextTokens(text: string, signal?: CountSignal): Promise<number> {
  if (!text) return 0;
  const report = await countTexts([text], signal);
  if (report.refusal === "aborted") throw new ClientClosedError();
  return report.tokens[0];
}

/** Tokens of several texts at once (embeddings inputs): one hop to a counting thread at most. */
export async function countTextsTokens(texts: string[], signal?: CountSignal): Promise<number> {
  const report = await countTexts(texts, signal);
  if (report.refusal === "aborted") throw new ClientClosedError();
  let total = 0;
  for (const tokens of report.tokens) total += tokens;
  return total;
}
