// What the cache holds. A StoredEntry is a row of CacheEntry as written; a CachedAnswer is the slim
// copy the in-process and Redis tiers keep (no request text, no vector: a hit needs only the answer).

export type CacheEntryKind = "chat" | "embedding";
export type CacheEntrySource = "call" | "import" | "warmup";

export interface CachedAnswer {
  id: string;
  orgId: string;
  key: string;
  kind: CacheEntryKind;
  model: string;
  /** chat: the chat completion's JSON text; embedding: the embedding's JSON (a number array or a base64 string) */
  answer: string;
  inputTokens: number;
  outputTokens: number;
  /** what the entry counts against maxBytes (its row: answer, request, prompt and vector) */
  bytes: number;
  /** epoch ms */
  createdAt: number;
  expiresAt: number;
}

export interface StoredEntry extends CachedAnswer {
  /** "org", "team:<id>", "key:<id>" or "user:<id>" */
  namespace: string;
  teamId: string | null;
  keyId: string | null;
  contextKey: string | null;
  prompt: string;
  /** JSON of the request's messages and parameters (chat) or the embedding options */
  request: string;
  vector: Float32Array | null;
  embedder: string | null;
  source: CacheEntrySource;
}

/** The entry's facts every process keeps for all live entries (cache-index.ts): no answer text. */
export interface IndexedEntry {
  id: string;
  orgId: string;
  key: string;
  model: string;
  namespace: string;
  teamId: string | null;
  expiresAt: number;
}

export function slimAnswer(entry: StoredEntry): CachedAnswer {
  const { id, orgId, key, kind, model, answer, inputTokens, outputTokens, bytes, createdAt, expiresAt } = entry;
  return { id, orgId, key, kind, model, answer, inputTokens, outputTokens, bytes, createdAt, expiresAt };
}

export function sizeOfEntry(parts: { answer: string; request: string; prompt: string; vector: Float32Array | null }): number {
  return Buffer.byteLength(parts.answer) + Buffer.byteLength(parts.request) + Buffer.byteLength(parts.prompt) + (parts.vector?.byteLength ?? 0);
}
