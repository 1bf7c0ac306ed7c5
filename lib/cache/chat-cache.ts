// The cache's side of a chat completion. `lookupChat` runs after the model is resolved: it answers
// bypass (cache off, the key opted out, no-store, no-cache), a hit, a semantic hit, or a miss that
// carries a ticket to store the answer with; `storeChatAnswer` stores a complete answer off the
// request path. With the cache off this costs one settings read from memory; on a miss, hashing
// the canonical request and one in-memory index lookup (answer-lookup.ts).
import type { Principal } from "../principal/principal";
import type { ChatCompletion, ChatCompletionRequest } from "../openai-format/types";
import { newCacheEntryId } from "./cache-entry-id";
import { type CachedAnswer, type CacheEntrySource, sizeOfEntry, slimAnswer, type StoredEntry } from "./cache-entry";
import { chatCacheKey, chatContextKey, lastUserMessageIndex, plainText, type CacheScope } from "./cache-key";
import { cacheRuntime } from "./cache-runtime";
import { cacheSettings, wantsSemantic, type CacheSettings } from "./cache-settings";
import { ensureCacheLoaded } from "./cache-sync";
import type { CacheDirectives } from "./cache-directives";
import { namespaceOf } from "./cache-namespace";
import { embedderFor, type ModelEmbedderFactory } from "./embedders";
import { entryWriter } from "./entry-writer";
import { findAnswer } from "./answer-lookup";
import { admissionDoorkeeper } from "./admission-doorkeeper";
import { hitTouches } from "./hit-touches";
import { indexedOf } from "./entry-rows";
import { hasSharedTier, writeShared } from "./redis-tier";
import { shadowRecorder } from "./shadow-recorder";
import { cacheMetrics } from "./cache-metrics";

/** What a miss needs to store its answer later. */
export interface StoreTicket {
  scope: CacheScope;
  key: string;
  settings: CacheSettings;
  ttlSeconds: number;
  principal: Principal;
  request: ChatCompletionRequest;
  /** set when a semantic lookup embedded the last user message: stored with the entry */
  contextKey: string | null;
  vector: Float32Array | null;
  embedder: string | null;
  source: CacheEntrySource;
}

export type ChatCacheResult =
  | { status: "hit" | "semantic-hit"; answer: CachedAnswer; similarity: number | null; ageSeconds: number; ticket: null }
  | { status: "miss" | "shadow" | "bypass"; ticket: StoreTicket | null };

/** Top-level request fields that are not part of the key (nor shown with the entry). */
const NOT_SHOWN = new Set(["stream", "stream_options", "user"]);

const BYPASS: ChatCacheResult = Object.freeze({ status: "bypass", ticket: null });

export interface ChatLookupInput {
  requestId: string;
  principal: Principal & { cacheOptOut?: boolean };
  model: string;
  request: ChatCompletionRequest;
  directives: CacheDirectives;
  /** warm-up jobs mark their entries */
  source?: CacheEntrySource;
  /** how a catalog embedding model embeds the prompt for a semantic lookup (the gateway's) */
  modelEmbedder: ModelEmbedderFactory;
}

function lastUserText(request: ChatCompletionRequest): string {
  const last = lastUserMessageIndex(request);
  return last < 0 ? "" : (plainText(request.messages[last]) ?? "");
}

/** Without an await when the organization's cache is off (the settings are in memory once loaded). */
export function lookupChat(input: ChatLookupInput): ChatCacheResult | Promise<ChatCacheResult> {
  const settings = cacheSettings().ofNow(input.principal.orgId);
  if (settings === null) return cacheSettings().of(input.principal.orgId).then((loaded) => lookupWith(input, loaded));
  return lookupWith(input, settings);
}

function lookupWith(input: ChatLookupInput, settings: CacheSettings): ChatCacheResult | Promise<ChatCacheResult> {
  const { principal, directives } = input;
  if (!settings.enabled || principal.cacheOptOut || directives.noStore) {
    if (settings.enabled) cacheMetrics().bypass(input.model);
    return BYPASS;
  }
  return lookupEnabled(input, settings);
}

/**
 * Without a promise once the index is loaded, when the exact lookup needs no I/O (a miss, or an
 * answer held in memory or queued) and no semantic lookup follows: the all-miss path stays as
 * cheap as it can be (docs/decisions/023-warm-request-path-without-promises.md).
 */
function lookupEnabled(input: ChatLookupInput, settings: CacheSettings): ChatCacheResult | Promise<ChatCacheResult> {
  if (!cacheRuntime().ready) return ensureCacheLoaded().then(() => lookupLoaded(input, settings));
  return lookupLoaded(input, settings);
}

function lookupLoaded(input: ChatLookupInput, settings: CacheSettings): ChatCacheResult | Promise<ChatCacheResult> {
  const { principal, directives } = input;
  const scope: CacheScope = { orgId: principal.orgId, namespace: namespaceOf(settings.namespace, principal), model: input.model };
  const ticket: StoreTicket = {
    scope, key: chatCacheKey(scope, input.request), settings, ttlSeconds: directives.ttlSeconds ?? settings.ttlSeconds,
    principal, request: input.request, contextKey: null, vector: null, embedder: null, source: input.source ?? "call",
  };
  if (directives.noCache) {
    cacheMetrics().bypass(input.model);
    return { status: "bypass", ticket };
  }
  const now = Date.now();
  const found = findAnswer(principal.orgId, ticket.key, settings, now);
  if (found instanceof Promise) return found.then((answer) => afterExactLookup(input, ticket, answer, now));
  return afterExactLookup(input, ticket, found, now);
}

function afterExactLookup(input: ChatLookupInput, ticket: StoreTicket, answer: CachedAnswer | null, now: number): ChatCacheResult | Promise<ChatCacheResult> {
  if (answer) return hit("hit", answer, null, now);
  if (wantsSemantic(ticket.settings)) return semanticOrMiss(input, ticket, now);
  cacheMetrics().miss(input.model);
  return { status: "miss", ticket: admitted(ticket) ? ticket : null };
}

/**
 * Whether an exact-mode miss stores its answer. With admission "repeated" only a request this
 * process has seen miss before does: a one-off prompt costs a hash and a Bloom filter's bits, and
 * nothing is captured, written or evicted for it. Warm-up jobs always store (that is what they are
 * for), and so do `cache-control: no-cache` (which bypasses before this) and semantic lookups (a
 * paraphrase can only match an answer stored the first time).
 */
function admitted(ticket: StoreTicket): boolean {
  if (ticket.settings.admission === "always" || ticket.source !== "call") return true;
  return admissionDoorkeeper().seenBefore(ticket.key);
}

async function semanticOrMiss(input: ChatLookupInput, ticket: StoreTicket, now: number): Promise<ChatCacheResult> {
  const semantic = await semanticLookup(input, ticket, now);
  if (semantic?.status === "semantic-hit") return semantic;
  cacheMetrics().miss(input.model);
  return { status: semantic?.status === "shadow" ? "shadow" : "miss", ticket };
}

function hit(status: "hit" | "semantic-hit", answer: CachedAnswer, similarity: number | null, now: number): ChatCacheResult {
  hitTouches().record(answer.id, now);
  cacheMetrics().hit(answer.model, status);
  return { status, answer, similarity, ageSeconds: Math.max(0, Math.floor((now - answer.createdAt) / 1000)), ticket: null };
}

async function semanticLookup(input: ChatLookupInput, ticket: StoreTicket, now: number): Promise<ChatCacheResult | null> {
  const { settings } = ticket;
  const contextKey = chatContextKey(ticket.scope, input.request);
  const embedder = embedderFor(settings.embeddingModel, input.modelEmbedder);
  if (!contextKey || !embedder) return null;
  const text = lastUserText(input.request);
  const startedAt = performance.now();
  const vector = await embedder.embed(text, { requestId: input.requestId, principal: input.principal });
  if (!vector) return null;
  Object.assign(ticket, { contextKey, vector, embedder: embedder.id });
  const match = cacheRuntime().index.nearest(contextKey, embedder.id, vector, now);
  cacheMetrics().semanticLookup(performance.now() - startedAt);
  if (!match || match.similarity < settings.similarityThreshold) return null;
  if (settings.shadow || settings.mode !== "semantic") {
    shadowRecorder().record({
      orgId: ticket.scope.orgId, requestId: input.requestId, model: input.model, teamId: input.principal.teamId,
      prompt: text, entryId: match.id, cachedPrompt: match.prompt, similarity: match.similarity, createdAt: new Date(now),
    });
    cacheMetrics().shadow(input.model);
    return { status: "shadow", ticket };
  }
  const answer = await findAnswer(ticket.scope.orgId, match.key, settings, now);
  return answer ? hit("semantic-hit", answer, match.similarity, now) : null;
}

/** Only complete answers are stored: every choice finished for a reason other than a content filter. */
export function isCompleteAnswer(completion: ChatCompletion): boolean {
  return completion.choices.length > 0 && completion.choices.every((choice) => choice.finish_reason !== null && choice.finish_reason !== undefined && choice.finish_reason !== "content_filter");
}

export interface AnswerTokens {
  inputTokens: number;
  outputTokens: number;
}

/**
 * Stores a complete answer under the ticket's key: in this thread's tiers at once, in Redis and the
 * database off the request path. `answerJson` is the completion's JSON text (the upstream's own
 * bytes when it passed through unchanged).
 */
export function storeChatAnswer(ticket: StoreTicket, completion: ChatCompletion, answerJson: string, tokens: AnswerTokens): StoredEntry | null {
  if (!isCompleteAnswer(completion)) return null;
  const { scope, principal, request } = ticket;
  // What the entry browser shows: the request without the fields that are not part of the key.
  // Copied without the left-out fields rather than spread and deleted from: a delete turns the copy
  // into a slow dictionary-mode object that JSON.stringify then walks.
  const shown: Record<string, unknown> = {};
  for (const key in request) if (!NOT_SHOWN.has(key)) shown[key] = (request as unknown as Record<string, unknown>)[key];
  const requestJson = JSON.stringify(shown);
  const prompt = lastUserText(request);
  const now = Date.now();
  const entry: StoredEntry = {
    id: newCacheEntryId(),
    orgId: scope.orgId, key: ticket.key, kind: "chat", model: scope.model, answer: answerJson,
    inputTokens: tokens.inputTokens, outputTokens: tokens.outputTokens,
    bytes: sizeOfEntry({ answer: answerJson, request: requestJson, prompt, vector: ticket.vector }),
    createdAt: now, expiresAt: now + ticket.ttlSeconds * 1000,
    namespace: scope.namespace, teamId: principal.teamId, keyId: principal.keyId,
    // The context key only groups entries that have a vector (semantic lookups); an exact-mode entry
    // skips its second canonical serialization and hash.
    contextKey: ticket.contextKey ?? (ticket.vector ? chatContextKey(scope, request) : null), prompt, request: requestJson,
    vector: ticket.vector, embedder: ticket.embedder, source: ticket.source,
  };
  remember(entry);
  return entry;
}

/**
 * Puts a new entry in this thread's index, Redis and the database's write queue. Not in the
 * in-process tier: an entry enters it on its first hit (answer-lookup.ts), so a workload of misses
 * does not fill it with answers that are never asked for again (memory-tier.ts).
 */
export function remember(entry: StoredEntry): void {
  const runtime = cacheRuntime();
  runtime.index.add(indexedOf(entry), entry.vector && entry.contextKey && entry.embedder ? { contextKey: entry.contextKey, embedder: entry.embedder, vector: entry.vector, prompt: entry.prompt } : null);
  if (hasSharedTier()) writeShared(slimAnswer(entry));
  entryWriter().enqueue(entry);
  cacheMetrics().stored(entry.model);
}
