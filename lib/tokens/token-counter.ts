// Counts tokens (gpt-tokenizer, o200k_base) without ever holding the calling thread's event loop for
// more than a couple of milliseconds:
// - texts that are cheap to count (their counting weight, text-shape.ts, fits `inlineMaxWeight`, and
//   no run is long enough to make byte-pair merging slow) are counted right here: cheaper than a hop
//   to another thread, and that is nearly every chat call;
// - anything else goes to the counting threads (token-count-pool.ts), bounded in time by `deadlineMs`;
// - when there are no threads, the queue is full, the deadline passed or a thread failed, each text
//   counts as its UTF-8 length: an upper bound (a token is at least one byte), so a reservation made
//   with it is never too small. Settling books the real usage afterwards.
import { countingWeight, utf8Length } from "./text-shape";
import type { CountQuality, CountSignal, PoolRefusal, TokenCountPool } from "./token-count-pool";

/** Longest run (text-shape.ts) counted inline: a piece of at most ~2 × this is merged in well under a millisecond. */
export const MAX_INLINE_RUN = 256;

export type CountPath = "inline" | "thread" | "bound";

export interface CountReport {
  /** one count per text, in order */
  tokens: number[];
  /** the worst of the texts' qualities: "exact", "approximate" (a run was cut) or "bound" (UTF-8 length for some or all of it) */
  quality: CountQuality;
  path: CountPath;
  /** why the threads gave no count (path "bound") */
  refusal?: PoolRefusal | "no_threads";
}

export interface TokenCounterOptions {
  inlineMaxWeight: number;
  /** longest run counted inline (MAX_INLINE_RUN unless a measurement wants otherwise) */
  inlineMaxRun?: number;
  deadlineMs: number;
  /** null: no counting threads */
  pool: TokenCountPool | null;
}

type Encoder = { countTokens: (text: string, options: { disallowedSpecial: Set<string> }) => number };

// Text that looks like a special token ("<|endoftext|>") is ordinary text in a prompt, as providers
// count it; gpt-tokenizer's default would throw on it.
const AS_TEXT = { disallowedSpecial: new Set<string>() };
const QUALITY_RANK: Record<CountQuality, number> = { exact: 0, approximate: 1, bound: 2 };

let encoder: Encoder | undefined;

/** Loads the encoding tables (megabytes of JavaScript, ~0.5 s): at start-up, or on the first count. */
export async function loadEncoder(): Promise<Encoder> {
  encoder ??= (await import("gpt-tokenizer")) as unknown as Encoder;
  return encoder;
}

export function upperBounds(texts: readonly string[], refusal: CountReport["refusal"]): CountReport {
  return { tokens: texts.map(utf8Length), quality: "bound", path: "bound", refusal };
}

export class TokenCounter {
  constructor(private readonly options: TokenCounterOptions) {}

  /** Whether these texts are counted on the calling thread (what `count` would do with them). */
  fitsInline(texts: readonly string[]): boolean {
    let left = this.options.inlineMaxWeight;
    for (const text of texts) {
      left -= countingWeight(text, left, this.options.inlineMaxRun ?? MAX_INLINE_RUN);
      if (!(left >= 0)) return false;
    }
    return true;
  }

  /**
   * The inline count, synchronously, when the texts fit it and the tokenizer is loaded; null
   * otherwise. The hot path: a governed chat call's count costs no promise of its own.
   */
  countInline(texts: readonly string[]): CountReport | null {
    if (!encoder || !this.fitsInline(texts)) return null;
    const tokens: number[] = [];
    for (const text of texts) tokens.push(encoder.countTokens(text, AS_TEXT));
    return { tokens, quality: "exact", path: "inline" };
  }

  /** Never rejects. `signal`: the client's; a count still queued when it aborts is dropped ("aborted"). */
  async count(texts: readonly string[], signal?: CountSignal): Promise<CountReport> {
    if (this.fitsInline(texts)) {
      const { countTokens } = encoder ?? (await loadEncoder());
      return { tokens: texts.map((text) => countTokens(text, AS_TEXT)), quality: "exact", path: "inline" };
    }
    const { pool } = this.options;
    if (!pool) return upperBounds(texts, "no_threads");
    const outcome = await pool.count(texts as string[], Date.now() + this.options.deadlineMs, signal);
    if (!outcome.counts) return upperBounds(texts, outcome.refusal);
    let quality: CountQuality = "exact";
    for (const count of outcome.counts) if (QUALITY_RANK[count.quality] > QUALITY_RANK[quality]) quality = count.quality;
    return { tokens: outcome.counts.map((count) => count.tokens), quality, path: "thread" };
  }
}
