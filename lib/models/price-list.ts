// List prices (USD per 1M tokens), context windows and output limits of widely used models, seeded
// into an empty catalog so cost tracking works before an admin enters prices. Seeded rows have no
// provider; an admin attaches one in the console. Sources: the providers' public pricing pages
// (OpenAI, Anthropic, Google AI for Developers), standard tier; Gemini 2.5 Pro uses the
// ≤200k-token prompt rate. `cached` is the cache-read price, `cacheWrite` the price of writing the
// prompt cache where it costs more than input (Anthropic: 1.25× input for 5-minute writes).
import type { ProviderKindName } from "../providers/schemas";

export interface PriceListEntry {
  name: string;
  /** Which kind of provider serves it, so the console can suggest a match when attaching one. */
  kind: ProviderKindName;
  upstreamModel: string;
  input: number;
  output: number;
  cached: number | null;
  cacheWrite?: number;
  contextWindow: number;
  maxOutputTokens: number | null;
}

export const PRICE_LIST: readonly PriceListEntry[] = [
  // OpenAI
  { name: "gpt-4o", kind: "openai", upstreamModel: "gpt-4o", input: 2.5, output: 10, cached: 1.25, contextWindow: 128_000, maxOutputTokens: 16_384 },
  { name: "gpt-4o-mini", kind: "openai", upstreamModel: "gpt-4o-mini", input: 0.15, output: 0.6, cached: 0.075, contextWindow: 128_000, maxOutputTokens: 16_384 },
  { name: "gpt-4.1", kind: "openai", upstreamModel: "gpt-4.1", input: 2, output: 8, cached: 0.5, contextWindow: 1_047_576, maxOutputTokens: 32_768 },
  { name: "gpt-4.1-mini", kind: "openai", upstreamModel: "gpt-4.1-mini", input: 0.4, output: 1.6, cached: 0.1, contextWindow: 1_047_576, maxOutputTokens: 32_768 },
  { name: "gpt-4.1-nano", kind: "openai", upstreamModel: "gpt-4.1-nano", input: 0.1, output: 0.4, cached: 0.025, contextWindow: 1_047_576, maxOutputTokens: 32_768 },
  { name: "o3", kind: "openai", upstreamModel: "o3", input: 2, output: 8, cached: 0.5, contextWindow: 200_000, maxOutputTokens: 100_000 },
  { name: "o4-mini", kind: "openai", upstreamModel: "o4-mini", input: 1.1, output: 4.4, cached: 0.275, contextWindow: 200_000, maxOutputTokens: 100_000 },
  { name: "text-embedding-3-small", kind: "openai", upstreamModel: "text-embedding-3-small", input: 0.02, output: 0, cached: null, contextWindow: 8_191, maxOutputTokens: null },
  { name: "text-embedding-3-large", kind: "openai", upstreamModel: "text-embedding-3-large", input: 0.13, output: 0, cached: null, contextWindow: 8_191, maxOutputTokens: null },
  // Anthropic (aliases resolve to the latest snapshot of each model)
  { name: "claude-opus-4-1", kind: "anthropic", upstreamModel: "claude-opus-4-1", input: 15, output: 75, cached: 1.5, cacheWrite: 18.75, contextWindow: 200_000, maxOutputTokens: 32_000 },
  { name: "claude-sonnet-4-5", kind: "anthropic", upstreamModel: "claude-sonnet-4-5", input: 3, output: 15, cached: 0.3, cacheWrite: 3.75, contextWindow: 200_000, maxOutputTokens: 64_000 },
  { name: "claude-haiku-4-5", kind: "anthropic", upstreamModel: "claude-haiku-4-5", input: 1, output: 5, cached: 0.1, cacheWrite: 1.25, contextWindow: 200_000, maxOutputTokens: 64_000 },
  { name: "claude-3-5-haiku", kind: "anthropic", upstreamModel: "claude-3-5-haiku-latest", input: 0.8, output: 4, cached: 0.08, cacheWrite: 1, contextWindow: 200_000, maxOutputTokens: 8_192 },
  // Google
  { name: "gemini-2.5-pro", kind: "gemini", upstreamModel: "gemini-2.5-pro", input: 1.25, output: 10, cached: 0.125, contextWindow: 1_048_576, maxOutputTokens: 65_536 },
  { name: "gemini-2.5-flash", kind: "gemini", upstreamModel: "gemini-2.5-flash", input: 0.3, output: 2.5, cached: 0.03, contextWindow: 1_048_576, maxOutputTokens: 65_536 },
  { name: "gemini-2.0-flash", kind: "gemini", upstreamModel: "gemini-2.0-flash", input: 0.1, output: 0.4, cached: 0.025, contextWindow: 1_048_576, maxOutputTokens: 8_192 },
];
