// What a text will cost to count, read in one cheap pass (about a nanosecond a character, stopping
// early), so the proxy can decide whether to count it on its own event loop or hand it to the
// counting thread.
//
// Counting costs about 0.05–0.1 µs a character for prose, up to ~0.8 µs for random ASCII and ~2 µs for
// CJK or emoji whose pieces were never seen (docs/decisions/015-token-counting-off-the-event-loop.md),
// so a non-ASCII code unit weighs as much as four ASCII ones. And byte-pair merging is quadratic in
// the length of one pre-tokenizer piece: a piece never spans more than one leading character, one run
// of non-whitespace and the whitespace after it, so the longest run bounds it.

export const NON_ASCII_WEIGHT = 4;

/**
 * ASCII code units + 4 × the others; Infinity when that passes `limit` or a run of ASCII whitespace,
 * or of anything else, is longer than `maxRun` (Unicode spaces count as "anything else": that makes
 * a run longer, never shorter). Reads at most `limit` characters.
 */
export function countingWeight(text: string, limit: number, maxRun: number): number {
  const length = text.length;
  if (length > limit) return Infinity;
  let weight = length;
  let runStart = 0;
  let inWhitespace = false;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    let whitespace = false;
    if (code < 128) whitespace = code === 32 || (code >= 9 && code <= 13);
    else weight += NON_ASCII_WEIGHT - 1;
    if (whitespace !== inWhitespace) {
      runStart = i;
      inWhitespace = whitespace;
    } else if (i - runStart >= maxRun) return Infinity;
  }
  return weight > limit ? Infinity : weight;
}

/** An upper bound of any byte-level BPE count (o200k's tokens are at least one byte each). */
export function utf8Length(text: string): number {
  return Buffer.byteLength(text, "utf8");
}
