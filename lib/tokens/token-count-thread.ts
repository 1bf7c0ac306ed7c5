// The token-counting thread: a piscina worker (started by token-count-pool.ts) that counts texts too
// large or too costly for the proxy's event loop with gpt-tokenizer (o200k_base). Compiled by
// scripts/build-threads.mjs to node_modules/.cache/tollgate/threads/token-count-thread.cjs (on every
// start, build and vitest run), which piscina loads; its default export is the task.
//
// The work per task is bounded, whatever the text:
// - Byte-pair merging is quadratic in the length of one pre-tokenizer piece, and a text without
//   spaces or punctuation (a run of one letter, CJK without punctuation, random bytes) is one piece:
//   4 MB of it would take hours. So a text is counted in segments of at most SEGMENT_CHARS, cut where
//   o200k always starts a new piece (an ASCII space followed by an ASCII letter: no piece pattern
//   crosses it), which keeps the sum exact. Where no such cut exists the segment is cut at
//   HARD_CUT_CHARS (a surrogate pair kept whole): that count is an approximation (a token or so per
//   cut) and is reported as one.
// - The task carries a deadline (epoch ms). Past it, what is left of each text is counted as its
//   UTF-8 length, an upper bound (a byte-level BPE token is at least one byte), and reported so.
// - Between segments the task yields to the event loop about every YIELD_AFTER_MS, so the other
//   tasks this thread runs at the same time (piscina's concurrentTasksPerWorker) keep moving: a small
//   count never waits behind a large one.
//
// Text that looks like a special token ("<|endoftext|>") is counted as ordinary text, as providers do
// with user content.
import { countTokens } from "gpt-tokenizer";
import type { TextCount } from "./token-count-pool";
import { textBlocks, type HandedText } from "./text-handoff";

export const SEGMENT_CHARS = 2048;
export const HARD_CUT_CHARS = 512;
const YIELD_AFTER_MS = 2;
const AS_TEXT = { disallowedSpecial: new Set<string>() };

export interface CountTask {
  /** large ones arrive in a shared buffer (text-handoff.ts), decoded a block at a time as they are counted */
  texts: HandedText[];
  /** epoch ms */
  deadlineAt: number;
}

function isAsciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** Where the segment that starts at `start` ends, and whether the cut keeps the count exact. */
export function segmentEnd(text: string, start: number): { end: number; exact: boolean } {
  const limit = start + SEGMENT_CHARS;
  if (limit >= text.length) return { end: text.length, exact: true };
  for (let i = limit; i > start; i--) {
    if (text.charCodeAt(i) === 32 && isAsciiLetter(text.charCodeAt(i + 1))) return { end: i, exact: true };
  }
  let end = start + HARD_CUT_CHARS;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return { end, exact: false };
}

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * One text's count: "exact", "approximate" (cut inside a piece) or "bound" (the deadline passed; the
 * rest counted as UTF-8 bytes). `clock.sliceStart` is shared by the texts of one task, so yields
 * happen on time across them. A text from a shared buffer is decoded a block at a time as the count
 * reaches it (textBlocks; `blockBytes` for tests); its segments are cut exactly where they would be
 * in the whole string.
 */
export async function countText(text: HandedText, deadlineAt: number, clock: { sliceStart: number }, blockBytes?: number): Promise<TextCount> {
  const blocks = textBlocks(text, blockBytes);
  let window = blocks.next() ?? "";
  let tokens = 0;
  let quality: TextCount["quality"] = "exact";
  let start = 0;
  for (;;) {
    // segmentEnd reads up to SEGMENT_CHARS + 1 characters past a segment's start: with that many
    // decoded (or the whole rest of the text), the cut is the one the whole text would get.
    while (blocks.bytesLeft > 0 && window.length - start < SEGMENT_CHARS + 2) {
      window = window.slice(start) + blocks.next()!;
      start = 0;
    }
    if (start >= window.length) return { tokens, quality };
    if (Date.now() >= deadlineAt) {
      return { tokens: tokens + Buffer.byteLength(window.slice(start), "utf8") + blocks.bytesLeft, quality: "bound" };
    }
    const segment = segmentEnd(window, start);
    tokens += countTokens(start === 0 && segment.end === window.length ? window : window.slice(start, segment.end), AS_TEXT);
    if (!segment.exact) quality = "approximate";
    start = segment.end;
    if (performance.now() - clock.sliceStart >= YIELD_AFTER_MS) {
      await yieldToLoop();
      clock.sliceStart = performance.now();
    }
  }
}

/** The task: every text's count, in order. */
export default async function countTexts({ texts, deadlineAt }: CountTask): Promise<TextCount[]> {
  // Texts in a shared buffer are read as they are counted: the pool writes a buffer again only once this task has answered.
  const clock = { sliceStart: performance.now() };
  const results: TextCount[] = [];
  for (const text of texts) results.push(await countText(text, deadlineAt, clock));
  return results;
}
