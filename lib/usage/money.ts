// Money is integer micro-dollars inside Tollgate (1 USD = 1_000_000) and dollars at the API edge.
export const MICROS_PER_DOLLAR = 1_000_000;

export function dollarsToMicros(dollars: number): bigint {
  return BigInt(Math.round(dollars * MICROS_PER_DOLLAR));
}

export function microsToDollars(micros: bigint | number): number {
  return Number(micros) / MICROS_PER_DOLLAR;
}

/**
 * Cost of a call in micro-dollars. Prices are micro-dollars per 1M tokens. Cached input tokens (read
 * from the provider's prompt cache) are billed at the cached price when the model has one, and
 * cache-write tokens (written to it: Anthropic bills them above the input price) at the cache-write
 * price when it has one; both are part of inputTokens, the rest of which is billed at the input price.
 */
export function costOfCall(
  usage: { inputTokens: number; outputTokens: number; cachedTokens: number; cacheWriteTokens?: number },
  price: { inputPerMTok: bigint; outputPerMTok: bigint; cachedPerMTok: bigint | null; cacheWritePerMTok?: bigint | null },
): bigint {
  const cached = price.cachedPerMTok === null ? 0 : Math.min(usage.cachedTokens, usage.inputTokens);
  const written = price.cacheWritePerMTok == null ? 0 : Math.min(usage.cacheWriteTokens ?? 0, usage.inputTokens - cached);
  const uncached = usage.inputTokens - cached - written;
  const numerator =
    BigInt(uncached) * price.inputPerMTok +
    BigInt(cached) * (price.cachedPerMTok ?? 0n) +
    BigInt(written) * (price.cacheWritePerMTok ?? 0n) +
    BigInt(usage.outputTokens) * price.outputPerMTok;
  // Round half up to the nearest micro-dollar.
  return (numerator + 500_000n) / 1_000_000n;
}
