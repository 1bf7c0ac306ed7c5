// POST /v1/tokens/count and the playground's live count: a prompt's tokens counted exactly as the
// gateway counts them for quotas (lib/gateway/tokens.ts), whether it fits the model's context
// window with the output it asks for, and the most the call may cost: the worst case a quota
// reservation holds (lib/quotas/estimate.ts), in dollars.
import type { CountSignal } from "../tokens/token-count-pool";
import type { ChatCompletionRequest } from "../openai-format/types";
import { estimateChatCall, reservedOutputTokens } from "../quotas/estimate";
import { microsToDollars } from "../usage/money";
import type { CountTarget } from "./count-target";
import type { TokenCount } from "./schemas";

/** `model`: the model asked for, or an auto router's worst case over its candidates (count-target.ts). */
export async function countTokensFor(request: ChatCompletionRequest, model: CountTarget, signal?: CountSignal): Promise<TokenCount> {
  const estimate = await estimateChatCall(request, model, signal);
  const inputTokens = estimate.tokens - reservedOutputTokens(request, model);
  const asked = request.max_completion_tokens ?? request.max_tokens ?? 0;
  const window = model.contextWindow;
  return {
    input_tokens: inputTokens,
    context_window: window,
    fits: window === null ? null : inputTokens + asked <= window,
    max_cost: microsToDollars(estimate.cost),
  };
}
