// The worst case a call may use, reserved before it goes upstream: the prompt counted with the
// local tokenizer (lib/tokens: an upper bound in its place when it cannot be counted in time) plus
// the most output it may produce, priced without any cached-token discount (and at the cache-write
// price when that is above the input price). Settling replaces the estimate with the real usage.
// `signal` is the client's: a count still waiting for a counting thread when the client leaves is
// dropped (ClientClosedError).
import { countPromptTokens, countTextsTokens } from "../tokens/chat-tokens";
import type { CountSignal } from "../tokens/token-count-pool";
import type { ChatCompletionRequest, EmbeddingsRequest } from "../openai-format/types";
import type { RoutePrice } from "../routing/types";
import { costOfCall } from "../usage/money";

/** Output reserved when neither the request (max_tokens) nor the model (maxOutputTokens) bounds it. */
export const DEFAULT_RESERVED_OUTPUT_TOKENS = 4096;

/** What an estimate reads of a model (the gateway's catalog entry has it). */
export interface EstimatedModel {
  price: RoutePrice;
  maxOutputTokens: number | null;
}

export interface CallEstimate {
  tokens: number;
  /** micro-dollars */
  cost: number;
}

export function reservedOutputTokens(request: ChatCompletionRequest, model: Pick<EstimatedModel, "maxOutputTokens">): number {
  const perChoice = request.max_completion_tokens ?? request.max_tokens ?? model.maxOutputTokens ?? DEFAULT_RESERVED_OUTPUT_TOKENS;
  return perChoice * (request.n ?? 1);
}

export async function estimateChatCall(
  request: ChatCompletionRequest,
  model: EstimatedModel,
  signal?: CountSignal,
): Promise<CallEstimate> {
  const inputTokens = await countPromptTokens(request, signal);
  const outputTokens = reservedOutputTokens(request, model);
  // Every prompt token may be written to the provider's prompt cache, which can cost more than input.
  const { price } = model;
  const cacheWriteTokens = price.cacheWritePerMTok != null && price.cacheWritePerMTok > price.inputPerMTok ? inputTokens : 0;
  const cost = costOfCall({ inputTokens, outputTokens, cachedTokens: 0, cacheWriteTokens }, price);
  return { tokens: inputTokens + outputTokens, cost: Number(cost) };
}

export async function estimateEmbeddings(request: EmbeddingsRequest, model: Pick<EstimatedModel, "price">, signal?: CountSignal): Promise<CallEstimate> {
  const inputs: unknown[] = Array.isArray(request.input) && typeof request.input[0] !== "number" ? request.input : [request.input];
  // Token-id arrays are already tokens; strings are counted, all of them in one go.
  const texts: string[] = [];
  let inputTokens = 0;
  for (const input of inputs) {
    if (typeof input === "string") texts.push(input);
    else if (Array.isArray(input)) inputTokens += input.length;
  }
  inputTokens += await countTextsTokens(texts, signal);
  const cost = costOfCall({ inputTokens, outputTokens: 0, cachedTokens: 0 }, model.price);
  return { tokens: inputTokens, cost: Number(cost) };
}
