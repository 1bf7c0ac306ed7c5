// What a token count is priced and measured against: the model asked for, or for an auto router the
// worst case over its candidates (any of them may serve the call: the largest context window, the
// highest prices and output limit), as the quota reservation of a routed call holds it.
import { ForbiddenError } from "../http/errors";
import type { CatalogModel } from "../gateway/catalog-types";
import { catalog } from "../gateway/catalog";
import { mayUseModel, type Principal } from "../principal/principal";
import { resolveModel } from "../gateway/resolve-model";
import type { RoutePrice } from "../routing/types";

export type CountTarget = Pick<CatalogModel, "name" | "contextWindow" | "maxOutputTokens" | "price">;

const max = (a: bigint, b: bigint) => (a > b ? a : b);

function worstOf(name: string, candidates: readonly CatalogModel[]): CountTarget {
  const price: RoutePrice = { inputPerMTok: 0n, outputPerMTok: 0n, cachedPerMTok: null, cacheWritePerMTok: null };
  let contextWindow: number | null = 0;
  let maxOutputTokens: number | null = 0;
  for (const model of candidates) {
    price.inputPerMTok = max(price.inputPerMTok, model.worstPrice.inputPerMTok);
    price.outputPerMTok = max(price.outputPerMTok, model.worstPrice.outputPerMTok);
    const write = model.worstPrice.cacheWritePerMTok;
    if (write != null) price.cacheWritePerMTok = max(price.cacheWritePerMTok ?? 0n, write);
    contextWindow = contextWindow === null || model.contextWindow === null ? null : Math.max(contextWindow, model.contextWindow);
    maxOutputTokens = maxOutputTokens === null || model.maxOutputTokens === null ? null : Math.max(maxOutputTokens, model.maxOutputTokens);
  }
  return { name, price, contextWindow: candidates.length ? contextWindow : null, maxOutputTokens: candidates.length ? maxOutputTokens : null };
}

/** 404 for an unknown name and 403 for one the caller may not use, as a call would get (not recorded: counting is not a call). */
export async function countTarget(principal: Principal, name: string): Promise<CountTarget> {
  const router = await catalog().router(principal.orgId, name);
  if (!router) return resolveModel(principal, name);
  if (!mayUseModel(principal, router.name)) throw new ForbiddenError(`This API key is not allowed to use the model \`${router.name}\`.`, "model_not_allowed");
  const candidates = router.router.candidates.map((candidate) => catalog().loaded(principal.orgId, candidate)).filter((m): m is CatalogModel => m !== undefined);
  return worstOf(router.name, candidates);
}
