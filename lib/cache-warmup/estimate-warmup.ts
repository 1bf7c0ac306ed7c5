// The cost of a warm-up before it starts, counted the way the gateway reserves a call
// (lib/quotas/estimate.ts: the prompt with the gateway's tokenizer, the output at its worst case:
// max_tokens, else the model's output limit, else 4,096) and priced at the model's current prices.
// The worst case is what quotas will hold; the prompts alone are the floor.
import { readCacheSettings } from "../cache/settings-mutations";
import type { CatalogModel } from "../gateway/catalog-types";
import { catalog } from "../gateway/catalog";
import { countPromptTokens } from "../tokens/chat-tokens";
import { BadRequestError } from "../http/errors";
import { reservedOutputTokens } from "../quotas/estimate";
import { costOfCall, microsToDollars } from "../usage/money";
import type { ParsedWarmup } from "./parse-warmup-input";
import { LISTED_ERRORS } from "./read-warmup-body";
import type { WarmupEstimate } from "./schemas";

export async function warmupModelOrThrow(orgId: string, name: string): Promise<CatalogModel> {
  const model = await catalog().find(orgId, name);
  if (!model) throw new BadRequestError(`model: ${name} does not exist or is not served by any provider.`, "model");
  return model;
}

export interface WarmupCost {
  estimate: WarmupEstimate;
  maxCostMicros: bigint;
}

export async function estimateWarmup(model: CatalogModel, parsed: ParsedWarmup): Promise<WarmupCost> {
  const { enabled: cacheEnabled } = await readCacheSettings(model.orgId);
  let inputTokens = 0;
  let maxOutputTokens = 0;
  for (const item of parsed.items) {
    const request = { ...item.request, model: model.name };
    inputTokens += await countPromptTokens(request);
    maxOutputTokens += reservedOutputTokens(request, model);
  }
  const noCache = { cachedTokens: 0 };
  const inputCost = costOfCall({ inputTokens, outputTokens: 0, ...noCache }, model.price);
  const maxCostMicros = costOfCall({ inputTokens, outputTokens: maxOutputTokens, ...noCache }, model.price);
  return {
    maxCostMicros,
    estimate: {
      model: model.name,
      total: parsed.items.length,
      inputTokens,
      maxOutputTokens,
      inputCost: microsToDollars(inputCost),
      maxCost: microsToDollars(maxCostMicros),
      errors: parsed.errors.slice(0, LISTED_ERRORS),
      errorCount: parsed.errors.length,
      cacheEnabled,
    },
  };
}
