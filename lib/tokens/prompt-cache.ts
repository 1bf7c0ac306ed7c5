// Exact token counts of texts already counted, keyed by the text itself, and a small memory of the
// texts seen once, so that only what repeats takes an entry (chat-tokens.ts decides what to ask).
//
// The key is the whole text, not a hash of it: a hit is the count of exactly that text, so a
// reservation made from it is as exact as counting again. A lookup costs V8's string hash (native,
// computed once per string) and, on a hit, one comparison with the stored text: ~0.1 µs for a chat
// call's messages, against ~7 µs to count them.
import { LRUCache } from "lru-cache";

/** what an entry costs beyond its text, in characters (lru-cache's bookkeeping and the map's slot) */
const ENTRY_OVERHEAD_CHARS = 64;

/** at most ~16 MB of text (two bytes a character at worst) and this many entries */
const counts = new LRUCache<string, number>({
  max: 50_000,
  maxSize: 8_000_000,
  sizeCalculation: (_count, text) => text.length + ENTRY_OVERHEAD_CHARS,
});

/** The exact count of `text` if it was counted and kept, else undefined. */
export function cachedCount(text: string): number | undefined {
  return counts.get(text);
}

/** Keeps an exact count (never an approximate one or an upper bound). */
export function cacheCount(text: string, tokens: number): void {
  counts.set(text, tokens);
}

/**
 * Texts longer than this are not remembered by `seenBefore`: a repeated multi-megabyte prompt is rare,
 * and keeping one would hold megabytes for one entry.
 */
export const REPEAT_CACHED_MAX_CHARS = 64 * 1024;

// The texts seen once: one slot per fingerprint's low bits holding the whole fingerprint (64 KB,
// 16,384 slots; a newer text takes the slot of an older one). A false "seen before" (two texts with
// one fingerprint) only caches a text on its first sight: the cache stays exact, since its key is the
// text. So the fingerprint may sample a long text instead of reading all of it.
const SEEN_SLOTS = 1 << 14;
const seen = new Int32Array(SEEN_SLOTS);
/** characters read for a fingerprint at most: all of a short text, evenly spaced ones of a longer one */
const FINGERPRINT_SAMPLES = 512;

function fingerprint(text: string): number {
  const length = text.length;
  const step = length <= FINGERPRINT_SAMPLES ? 1 : Math.floor(length / FINGERPRINT_SAMPLES);
  // FNV-1a over the length and the sampled code units
  let hash = Math.imul(0x811c9dc5 ^ length, 0x01000193);
  for (let i = 0; i < length; i += step) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  hash = Math.imul(hash ^ text.charCodeAt(length - 1), 0x01000193);
  // never 0, the empty slot
  return hash | 1;
}

/**
 * Whether `text` was passed here before (recently: slots are shared and overwritten), remembering it
 * otherwise. Always false for a text longer than REPEAT_CACHED_MAX_CHARS.
 */
export function seenBefore(text: string): boolean {
  if (text.length > REPEAT_CACHED_MAX_CHARS) return false;
  const print = fingerprint(text);
  const slot = print >>> 18;
  if (seen[slot] === print) return true;
  seen[slot] = print;
  return false;
}

/** For tests: forgets every count and every text seen. */
export function clearPromptCache(): void {
  counts.clear();
  seen.fill(0);
}
