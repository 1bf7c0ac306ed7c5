// CacheEntry rows <-> the cache's in-memory shapes.
import type { CachedAnswer, CacheEntryKind, CacheEntrySource, IndexedEntry, StoredEntry } from "./cache-entry";
import type { SemanticFacts } from "./cache-index";

export function vectorToBytes(vector: Float32Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(vector.buffer.slice(vector.byteOffset, vector.byteOffset + vector.byteLength)) as Uint8Array<ArrayBuffer>;
}

/** Copies into a fresh buffer: a row's bytes need not be aligned for a Float32Array view. */
export function vectorFromBytes(bytes: Uint8Array | null): Float32Array | null {
  if (!bytes || bytes.byteLength === 0 || bytes.byteLength % 4 !== 0) return null;
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Float32Array(copy.buffer);
}

export interface AnswerRow {
  id: string;
  orgId: string;
  key: string;
  kind: string;
  model: string;
  answer: string;
  inputTokens: number;
  outputTokens: number;
  bytes: number;
  createdAt: Date;
  expiresAt: Date;
}

export const ANSWER_COLUMNS = {
  id: true, orgId: true, key: true, kind: true, model: true, answer: true, inputTokens: true, outputTokens: true, bytes: true, createdAt: true, expiresAt: true,
} as const;

export function answerFromRow(row: AnswerRow): CachedAnswer {
  return {
    id: row.id,
    orgId: row.orgId,
    key: row.key,
    kind: row.kind as CacheEntryKind,
    model: row.model,
    answer: row.answer,
    inputTokens: row.inputTokens,
    outputTokens: row.outputTokens,
    bytes: row.bytes,
    createdAt: row.createdAt.getTime(),
    expiresAt: row.expiresAt.getTime(),
  };
}

export interface IndexRow {
  id: string;
  orgId: string;
  key: string;
  model: string;
  namespace: string;
  teamId: string | null;
  expiresAt: Date;
  contextKey: string | null;
  embedder: string | null;
  vector: Uint8Array | null;
  prompt: string;
}

export const INDEX_COLUMNS = {
  id: true, orgId: true, key: true, model: true, namespace: true, teamId: true, expiresAt: true, contextKey: true, embedder: true, vector: true, prompt: true,
} as const;

export function indexedFromRow(row: IndexRow): { entry: IndexedEntry; semantic: SemanticFacts | null } {
  const vector = vectorFromBytes(row.vector);
  return {
    entry: { id: row.id, orgId: row.orgId, key: row.key, model: row.model, namespace: row.namespace, teamId: row.teamId, expiresAt: row.expiresAt.getTime() },
    semantic: vector && row.contextKey && row.embedder ? { contextKey: row.contextKey, embedder: row.embedder, vector, prompt: row.prompt } : null,
  };
}

export function indexedOf(entry: StoredEntry): IndexedEntry {
  return { id: entry.id, orgId: entry.orgId, key: entry.key, model: entry.model, namespace: entry.namespace, teamId: entry.teamId, expiresAt: entry.expiresAt };
}

export function sourceOf(value: string): CacheEntrySource {
  return value === "import" || value === "warmup" ? value : "call";
}
