// The cache's side of /v1/embeddings: every input item is an entry of its own, keyed by the
// namespace, the model, the request's options (dimensions, encoding_format, vendor fields) and the
// item's text (or token ids). A batch with some hits sends only the missing items upstream.
import type { Principal } from "../principal/principal";
import type { EmbeddingsRequest } from "../openai-format/types";
import { newCacheEntryId } from "./cache-entry-id";
import { findAnswer } from "./answer-lookup";
import { type CachedAnswer, sizeOfEntry, type StoredEntry } from "./cache-entry";
import type { CacheDirectives } from "./cache-directives";
import { embeddingItemKey, embeddingOptionsText, type CacheScope } from "./cache-key";
import { cacheMetrics } from "./cache-metrics";
import { namespaceOf } from "./cache-namespace";
import { cacheRuntime } from "./cache-runtime";
import { cacheSettings, type CacheSettings } from "./cache-settings";
import { ensureCacheLoaded } from "./cache-sync";
import { remember } from "./chat-cache";
import { hitTouches } from "./hit-touches";

export type EmbeddingItem = string | number[];

/** The request's input as a list of items (a single string or token array is one item). */
export function embeddingItems(input: EmbeddingsRequest["input"]): EmbeddingItem[] {
  if (typeof input === "string") return [input];
  if (input.length > 0 && typeof input[0] === "number") return [input as number[]];
  return input as EmbeddingItem[];
}

export interface EmbeddingTicket {
  scope: CacheScope;
  settings: CacheSettings;
  ttlSeconds: number;
  principal: Principal;
  options: string;
  keys: string[];
  items: EmbeddingItem[];
}

export type EmbeddingsLookup =
  | { status: "bypass"; hits: null; ticket: EmbeddingTicket | null }
  | { status: "lookup"; hits: (CachedAnswer | null)[]; ticket: EmbeddingTicket };

export async function lookupEmbeddings(input: {
  principal: Principal & { cacheOptOut?: boolean };
  model: string;
  request: EmbeddingsRequest;
  directives: CacheDirectives;
}): Promise<EmbeddingsLookup> {
  const { principal, directives } = input;
  const settings = await cacheSettings().of(principal.orgId);
  if (!settings.enabled || principal.cacheOptOut || directives.noStore) return { status: "bypass", hits: null, ticket: null };
  if (!cacheRuntime().ready) await ensureCacheLoaded();
  const scope: CacheScope = { orgId: principal.orgId, namespace: namespaceOf(settings.namespace, principal), model: input.model };
  const options = embeddingOptionsText(input.request);
  const items = embeddingItems(input.request.input);
  const keys = items.map((item) => embeddingItemKey(scope, options, item));
  const ticket: EmbeddingTicket = { scope, settings, ttlSeconds: directives.ttlSeconds ?? settings.ttlSeconds, principal, options, keys, items };
  if (directives.noCache) return { status: "bypass", hits: null, ticket };
  const now = Date.now();
  const hits = await Promise.all(keys.map((key) => findAnswer(principal.orgId, key, settings, now)));
  for (const hit of hits) {
    if (hit) hitTouches().record(hit.id, now);
    if (hit) cacheMetrics().hit(input.model, "hit");
    else cacheMetrics().miss(input.model);
  }
  return { status: "lookup", hits, ticket };
}

/** Splits a batch's token count over its items by length (exact for a single item). */
export function shareTokens(total: number, items: readonly EmbeddingItem[]): number[] {
  const weights = items.map((item) => Math.max(1, item.length));
  const sum = weights.reduce((a, b) => a + b, 0);
  const shares = weights.map((w) => Math.floor((total * w) / sum));
  const rest = total - shares.reduce((a, b) => a + b, 0);
  if (shares.length > 0) shares[shares.length - 1] += rest;
  return shares;
}

/** Stores the items the upstream just embedded (`indexes` into the ticket's items). */
export function storeEmbeddings(ticket: EmbeddingTicket, indexes: readonly number[], embeddings: readonly (number[] | string)[], totalTokens: number): void {
  const tokens = shareTokens(totalTokens, indexes.map((i) => ticket.items[i]));
  const now = Date.now();
  indexes.forEach((itemIndex, n) => {
    const embedding = embeddings[n];
    if (embedding === undefined) return;
    const item = ticket.items[itemIndex];
    const answer = JSON.stringify(embedding);
    const prompt = typeof item === "string" ? item : `[${item.length} tokens]`;
    const entry: StoredEntry = {
      id: newCacheEntryId(),
      orgId: ticket.scope.orgId, key: ticket.keys[itemIndex], kind: "embedding", model: ticket.scope.model, answer,
      inputTokens: tokens[n], outputTokens: 0,
      bytes: sizeOfEntry({ answer, request: ticket.options, prompt, vector: null }),
      createdAt: now, expiresAt: now + ticket.ttlSeconds * 1000,
      namespace: ticket.scope.namespace, teamId: ticket.principal.teamId, keyId: ticket.principal.keyId,
      contextKey: null, prompt, request: ticket.options, vector: null, embedder: null, source: "call",
    };
    remember(entry);
  });
}
