// Parses a large JSON text without JSON.parse copying its long plain strings into fresh memory.
//
// Why: JSON.parse of a 4 MB prompt makes a new 4 MB string, which V8 puts in a large-object page of
// its own, mapped fresh for it. Every 4 KB of fresh memory costs a page fault on first touch, and on
// the reference VM a fault costs ~12 µs: ~1,000 faults and 12–20 ms of the proxy's thread per large
// call, in one turn of its event loop (docs/decisions/026-long-strings-parsed-without-a-copy.md).
//
// How: the text is scanned for string literals of at least LONG_STRING_CHARS characters (quote to
// quote, with `indexOf`; bounded: past MAX_QUOTES quotes the scan gives up). Each such literal that
// is a value (not an object key) is read on its own:
// - written without escapes (base64, code or text without line breaks, anything a client escaped
//   nothing in): its value is a slice of the text itself, a view that copies nothing, once checked
//   a piece at a time for the raw control characters JSON does not allow in a string;
// - with escapes (prose with line breaks): decoded a piece at a time, each piece by JSON.parse of
//   the piece alone (native, and it refuses what JSON.parse would refuse), into a scratch buffer
//   reused from call to call, then read back as one Latin-1 string. Node makes a string that size
//   external, in memory malloc reuses once a previous one was freed: no fresh pages, where
//   JSON.parse of the whole literal made a 4 MB string in a large-object page mapped for it alone
//   (~1,000 faults, 12–20 ms in one turn). A literal with a character past U+00FF (no Latin-1 for
//   it) is given to JSON.parse alone, in a turn of its own, as before.
// The rest of the text, with each long literal replaced by a short placeholder string, is parsed by
// JSON.parse (a few hundred bytes for a chat call), and the placeholders are swapped for the values.
//
// The result is the value JSON.parse would give, or the text is given to JSON.parse after all: a
// literal with a control character, or one whose own JSON.parse throws, sends the whole text to
// JSON.parse, which throws as it would have without this.
import { randomBytes } from "node:crypto";
import { escapeSafeEnd } from "./escape-safe-end";
import { releaseScratch, takeScratch } from "./scratch-buffers";

/** A string literal at least this long (characters between its quotes) is not copied by JSON.parse. */
export const LONG_STRING_CHARS = 64 * 1024;
/** The scan gives up past this many quotes: a body of many short strings gains nothing from it. */
export const MAX_QUOTES = 20_000;
/** A literal without escapes is checked for control characters this many characters at a time. */
const PIECE_CHARS = 64 * 1024;
const BACKSLASH = 92;

export interface LongLiteral {
  /** index of the opening quote */
  open: number;
  /** index of the closing quote */
  close: number;
  /** whether the literal holds a backslash (its value is not the text between the quotes) */
  escaped: boolean;
}

function isJsonWhitespace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9;
}

/**
 * The string literals of `text` with at least `minChars` characters between their quotes that are
 * values, not object keys, in order; null when the scan gives up (more than `maxQuotes` quotes, a run
 * of backslashes as long as a literal, a quote never closed: JSON.parse decides those).
 */
export function findLongLiterals(text: string, minChars = LONG_STRING_CHARS, maxQuotes = MAX_QUOTES): LongLiteral[] | null {
  const found: LongLiteral[] = [];
  let quotes = 0;
  let position = 0;
  for (;;) {
    const open = text.indexOf('"', position);
    if (open === -1) return found;
    let close = open;
    for (;;) {
      close = text.indexOf('"', close + 1);
      if (close === -1 || ++quotes > maxQuotes) return null;
      // A quote after an odd run of backslashes is escaped: part of the string.
      let before = close - 1;
      while (text.charCodeAt(before) === BACKSLASH) before--;
      const run = close - 1 - before;
      if (run >= minChars) return null;
      if (run % 2 === 0) break;
    }
    if (close - open - 1 >= minChars) {
      let next = close + 1;
      while (isJsonWhitespace(text.charCodeAt(next))) next++;
      if (text.charCodeAt(next) !== 58 /* : */) {
        // Searched within the literal only (a slice is a view): text.indexOf would read on past its
        // end, to the end of the body, for every long literal without a backslash.
        found.push({ open, close, escaped: text.slice(open + 1, close).includes("\\") });
      }
    }
    position = close + 1;
    if (++quotes > maxQuotes) return null;
  }
}

/** Thrown when a literal cannot be read this way: the text goes to JSON.parse whole. */
class NotApplicable extends Error {}

// A raw control character is not allowed in a JSON string: JSON.parse would refuse the text.
const CONTROL_CHARACTER = /[\x00-\x1f]/;

// A character JSON.parse decoded that Latin-1 cannot hold.
const BEYOND_LATIN1 = /[^\x00-\xff]/;

/**
 * One long literal's value, read in steps: `step` works until `budgetMs` has passed and says whether
 * it is done (throws NotApplicable when the text must go to JSON.parse whole). Without escapes, the
 * text between the quotes, checked for control characters a piece at a time. With escapes, decoded a
 * piece at a time into a scratch buffer and read back as one string in a step of its own; or, with a
 * character past U+00FF, JSON.parse of the literal in a step of its own. `release()` gives the
 * scratch buffer back, whatever happened.
 */
export class LongLiteralReader {
  private position: number;
  private value: string | null = null;
  private scratch: Buffer | null = null;
  private written = 0;
  /** the literal holds a character past U+00FF: JSON.parse of it whole */
  private wide = false;

  constructor(
    private readonly text: string,
    private readonly literal: LongLiteral,
    private readonly pieceChars = PIECE_CHARS,
  ) {
    this.position = literal.open + 1;
  }

  get done(): boolean {
    return this.value !== null;
  }

  step(budgetMs: number): boolean {
    const { text, literal } = this;
    if (literal.escaped) return this.decodeStep(budgetMs);
    const started = performance.now();
    while (this.position < literal.close) {
      const end = Math.min(literal.close, this.position + this.pieceChars);
      if (CONTROL_CHARACTER.test(text.slice(this.position, end))) throw new NotApplicable();
      this.position = end;
      if (performance.now() - started >= budgetMs) break;
    }
    if (this.position >= literal.close) this.value = text.slice(literal.open + 1, literal.close);
    return this.done;
  }

  private decodeStep(budgetMs: number): boolean {
    const { text, literal } = this;
    if (this.wide) {
      this.value = parseLiteral(text.slice(literal.open, literal.close + 1));
      return true;
    }
    if (this.position >= literal.close) {
      // The whole value decoded: one copy out of the scratch buffer, in a step of its own.
      this.value = (this.scratch as Buffer).toString("latin1", 0, this.written);
      this.release();
      return true;
    }
    // Decoded text is never longer than its JSON.
    const scratch = (this.scratch ??= takeScratch(literal.close - literal.open - 1));
    const started = performance.now();
    do {
      // A piece never cuts an escape sequence (or a raw surrogate pair) in two.
      const end = escapeSafeEnd(text, this.position, Math.min(literal.close, this.position + this.pieceChars));
      if (end <= this.position) throw new NotApplicable();
      const piece = parseLiteral('"' + text.slice(this.position, end) + '"');
      if (BEYOND_LATIN1.test(piece)) {
        this.release();
        this.wide = true;
        return false;
      }
      this.written += scratch.write(piece, this.written, "latin1");
      this.position = end;
    } while (this.position < literal.close && performance.now() - started < budgetMs);
    return false;
  }

  /** Gives the scratch buffer back (idempotent). */
  release(): void {
    if (this.scratch === null) return;
    releaseScratch(this.scratch);
    this.scratch = null;
  }

  /** The value, once `step` said it is done. */
  finish(): string {
    if (this.value === null) throw new Error("the literal is not read yet");
    return this.value;
  }
}

function parseLiteral(literal: string): string {
  try {
    return JSON.parse(literal) as string;
  } catch {
    throw new NotApplicable();
  }
}

// The placeholders' prefix: a NUL and 16 random bytes, unknown to any client, so no string of a
// request is ever taken for one.
const PLACEHOLDER_PREFIX = `\u0000tollgate-long-string:${randomBytes(16).toString("hex")}:`;
const PLACEHOLDER_JSON_PREFIX = JSON.stringify(PLACEHOLDER_PREFIX).slice(0, -1);

/** `text` with each literal replaced by a placeholder string, parsed, and the placeholders swapped for `values`. */
export function parseWithValues(text: string, literals: readonly LongLiteral[], values: readonly string[]): unknown {
  let rest = "";
  let from = 0;
  literals.forEach((literal, index) => {
    rest += text.slice(from, literal.open) + PLACEHOLDER_JSON_PREFIX + index + '"';
    from = literal.close + 1;
  });
  rest += text.slice(from);
  const parsed = JSON.parse(rest) as unknown;
  if (typeof parsed === "string") return valueFor(parsed, values) ?? parsed;
  swapPlaceholders(parsed, values, literals.length);
  return parsed;
}

function valueFor(candidate: string, values: readonly string[]): string | undefined {
  if (!candidate.startsWith(PLACEHOLDER_PREFIX)) return undefined;
  return values[Number(candidate.slice(PLACEHOLDER_PREFIX.length))];
}

/**
 * Replaces every placeholder under `root` with its value. A walk on an explicit stack: the body is
 * only checked for depth after this (lib/gateway/json-depth.ts), and may nest thousands deep. Stops
 * once `count` placeholders were swapped (a duplicate key may have dropped some: then it walks all).
 */
function swapPlaceholders(root: unknown, values: readonly string[], count: number): void {
  const stack: unknown[] = [root];
  while (stack.length > 0 && count > 0) {
    const container = stack.pop();
    if (container === null || typeof container !== "object") continue;
    const record = container as Record<string, unknown>;
    for (const key of Array.isArray(container) ? container.keys() : Object.keys(record)) {
      const item = record[key];
      if (typeof item === "object") {
        if (item !== null) stack.push(item);
        continue;
      }
      if (typeof item !== "string") continue;
      const value = valueFor(item, values);
      if (value === undefined) continue;
      // JSON.parse makes "__proto__" an own property; an assignment would call the setter instead.
      Object.defineProperty(container, key, { value, writable: true, enumerable: true, configurable: true });
      count--;
    }
  }
}

export interface LongStringOptions {
  /** about how long each slice of work between two `yieldTurn`s is */
  budgetMs?: number;
  /** shortest literal read this way (tests make it small) */
  minChars?: number;
  /** characters checked per piece (tests make it small) */
  pieceChars?: number;
}

/**
 * Parses `text` as JSON.parse does, its long plain strings without a copy, calling `yieldTurn`
 * between slices of about `budgetMs` of work. Throws what JSON.parse throws for an invalid text.
 */
export async function parseJsonWithLongStrings(text: string, yieldTurn: () => Promise<void>, options: LongStringOptions = {}): Promise<unknown> {
  const { budgetMs = 1, minChars = LONG_STRING_CHARS, pieceChars = PIECE_CHARS } = options;
  const literals = findLongLiterals(text, minChars);
  if (literals === null || literals.length === 0) return JSON.parse(text) as unknown;
  const readers = literals.map((literal) => new LongLiteralReader(text, literal, pieceChars));
  try {
    for (const reader of readers) {
      while (!reader.step(budgetMs)) await yieldTurn();
      // A literal's last step (its copy out of the scratch buffer, or its JSON.parse) ends a turn.
      await yieldTurn();
    }
  } catch (error) {
    if (!(error instanceof NotApplicable)) throw error;
    await yieldTurn();
    return JSON.parse(text) as unknown;
  } finally {
    for (const reader of readers) reader.release();
  }
  return parseWithValues(text, literals, readers.map((reader) => reader.finish()));
}
