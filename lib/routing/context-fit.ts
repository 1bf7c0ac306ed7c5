// Context windows, checked before the call: does a prompt fit a model's `contextWindow`, and which
// oldest messages to drop when the client asked for truncation (`x-tollgate-truncate: oldest`).
// Counting costs CPU, so a cheap upper bound comes first: a token is at least one UTF-8 byte and a
// UTF-16 code unit at most three bytes, so 3 × the characters (plus message overheads) bounds the
// tokens. Only a prompt whose bound does not fit is counted (by the caller's counter).

/** The parts of a chat message the check reads. */
export interface FitMessage {
  role: string;
  content?: unknown;
  tool_calls?: readonly { function?: { name?: string; arguments?: string } }[];
}

export interface FitRequest {
  messages: readonly FitMessage[];
  tools?: unknown;
  max_tokens?: number | null;
  max_completion_tokens?: number | null;
}

// The same overheads lib/gateway/tokens.ts counts with.
export const TOKENS_PER_MESSAGE = 3;
export const REPLY_PRIMING_TOKENS = 3;
export const TOKENS_PER_IMAGE = 85;

/** The output the client asked room for (0 when it set no limit: then only the prompt must fit). */
export function requestedOutputTokens(request: FitRequest): number {
  return request.max_completion_tokens ?? request.max_tokens ?? 0;
}

function contentChars(content: unknown): { chars: number; images: number } {
  if (typeof content === "string") return { chars: content.length, images: 0 };
  let chars = 0;
  let images = 0;
  if (Array.isArray(content)) {
    for (const part of content as { type?: string; text?: unknown }[]) {
      if (typeof part?.text === "string") chars += part.text.length;
      if (part?.type === "image_url") images += 1;
    }
  }
  return { chars, images };
}

/** An upper bound of the prompt's tokens, without counting. */
export function promptTokenBound(request: FitRequest): number {
  let bound = REPLY_PRIMING_TOKENS;
  for (const message of request.messages) {
    const { chars, images } = contentChars(message.content);
    bound += TOKENS_PER_MESSAGE + images * TOKENS_PER_IMAGE + chars * 3;
    for (const call of message.tool_calls ?? []) bound += 3 * ((call.function?.name?.length ?? 0) + (call.function?.arguments?.length ?? 0));
  }
  if (request.tools) bound += 3 * JSON.stringify(request.tools).length;
  return bound;
}

/** True when the prompt certainly fits (no count needed); false = count it to know. */
export function certainlyFits(request: FitRequest, contextWindow: number | null): boolean {
  return contextWindow === null || promptTokenBound(request) + requestedOutputTokens(request) <= contextWindow;
}

/** A prompt of `promptTokens` (counted) fits the window with the requested output. */
export function fits(promptTokens: number, request: FitRequest, contextWindow: number | null): boolean {
  return contextWindow === null || promptTokens + requestedOutputTokens(request) <= contextWindow;
}

const isInstruction = (message: FitMessage) => message.role === "system" || message.role === "developer";

/**
 * Which messages to keep so that the prompt fits `budget` tokens, dropping the oldest non-system
 * messages first. A tool result goes with the assistant message that called it, and the last message
 * (with its group) is always kept. `tokens[i]` = message i's tokens with its overhead; `fixed` = what
 * the rest costs (reply priming, tools). Returns the kept indexes, or null when even the system
 * messages and the last turn do not fit.
 */
export function planTruncation(messages: readonly FitMessage[], tokens: readonly number[], fixed: number, budget: number): { keep: number[]; dropped: number } | null {
  let total = fixed + tokens.reduce((sum, t) => sum + t, 0);
  const dropped = new Set<number>();
  // The last turn: the final message and the tool results just before it with their call.
  let lastGroupStart = messages.length - 1;
  while (lastGroupStart > 0 && messages[lastGroupStart].role === "tool") lastGroupStart -= 1;
  let index = 0;
  while (total > budget) {
    while (index < lastGroupStart && (isInstruction(messages[index]) || dropped.has(index))) index += 1;
    if (index >= lastGroupStart) return null;
    // A message and the tool results that follow it leave together.
    do {
      dropped.add(index);
      total -= tokens[index];
      index += 1;
    } while (index < lastGroupStart && messages[index].role === "tool");
  }
  const keep: number[] = [];
  for (let i = 0; i < messages.length; i++) if (!dropped.has(i)) keep.push(i);
  return { keep, dropped: dropped.size };
}
