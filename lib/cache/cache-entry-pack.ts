// A batch of new cache entries packed for the SQLite cache writer's thread (sqlite-cache-thread.ts):
// the text fields of the batch in one flat array, the numbers in a transferred Float64Array and the
// few vectors as bytes; the thread builds the rows (dates formatted there). Measured on the main
// thread (serializing a 500-entry batch, scripts/bench/diag/cache-handoff.ts): 0.5–0.7 µs of CPU per
// entry against 4.2–4.8 µs for the 22-value rows with three ISO dates each that it replaces. One
// concatenated string was far worse (V8 clones a long string slowly) and deduplicating the strings
// gained nothing (docs/decisions/013-response-cache-tiers-and-keys.md). Every field of StoredEntry
// must be listed below: tsc checks it.
import type { StoredEntry } from "./cache-entry";

/** text fields, null allowed where the type allows it */
export const PACKED_TEXT_FIELDS = ["id", "orgId", "key", "namespace", "teamId", "keyId", "model", "kind", "contextKey", "prompt", "request", "answer", "embedder", "source"] as const satisfies readonly (keyof StoredEntry)[];
export const PACKED_NUMBER_FIELDS = ["inputTokens", "outputTokens", "bytes", "createdAt", "expiresAt"] as const satisfies readonly (keyof StoredEntry)[];

type Covered = (typeof PACKED_TEXT_FIELDS)[number] | (typeof PACKED_NUMBER_FIELDS)[number] | "vector";
/** A field added to StoredEntry and not to the lists above fails to compile here. */
const EVERY_FIELD_PACKED: [Exclude<keyof StoredEntry, Covered>] extends [never] ? true : never = true;
void EVERY_FIELD_PACKED;

export interface PackedCacheEntries {
  count: number;
  /** count × PACKED_TEXT_FIELDS.length values, entry by entry */
  texts: (string | null)[];
  /** count × PACKED_NUMBER_FIELDS.length */
  numbers: Float64Array<ArrayBuffer>;
  /** [entry index, the vector's bytes] of the entries that have one (semantic entries only) */
  vectors: [number, Uint8Array<ArrayBuffer>][];
}

export function packCacheEntries(entries: readonly StoredEntry[], vectorBytes: (vector: Float32Array) => Uint8Array<ArrayBuffer>): PackedCacheEntries {
  const count = entries.length;
  const texts: (string | null)[] = [];
  const numbers = new Float64Array(count * PACKED_NUMBER_FIELDS.length);
  const vectors: [number, Uint8Array<ArrayBuffer>][] = [];
  let n = 0;
  for (let i = 0; i < count; i++) {
    const entry = entries[i];
    for (const field of PACKED_TEXT_FIELDS) texts.push(entry[field]);
    for (const field of PACKED_NUMBER_FIELDS) numbers[n++] = entry[field];
    if (entry.vector) vectors.push([i, vectorBytes(entry.vector)]);
  }
  return { count, texts, numbers, vectors };
}

/** The typed arrays whose buffers can be transferred instead of copied. */
export function packTransferables(packed: PackedCacheEntries): ArrayBuffer[] {
  return [packed.numbers.buffer, ...packed.vectors.map(([, bytes]) => bytes.buffer)];
}

/** The entries back, without their vectors' Float32Arrays: `vector` holds the bytes as stored. */
export type UnpackedCacheEntry = Omit<StoredEntry, "vector"> & { vector: Uint8Array | null };

export function unpackCacheEntries(packed: PackedCacheEntries): UnpackedCacheEntry[] {
  const { count, texts, numbers } = packed;
  const vectors = new Map(packed.vectors);
  const entries: UnpackedCacheEntry[] = [];
  let t = 0;
  let n = 0;
  for (let i = 0; i < count; i++) {
    const entry: Record<string, unknown> = {};
    for (const field of PACKED_TEXT_FIELDS) entry[field] = texts[t++];
    for (const field of PACKED_NUMBER_FIELDS) entry[field] = numbers[n++];
    entry.vector = vectors.get(i) ?? null;
    entries.push(entry as unknown as UnpackedCacheEntry);
  }
  return entries;
}
