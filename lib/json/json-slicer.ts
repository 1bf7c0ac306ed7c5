// JSON.stringify's exact output, produced a piece at a time, so that serializing a multi-megabyte
// body never holds the event loop for long (docs/decisions/016-upstream-bodies-serialized-in-slices.md).
// One JSON.stringify of a 4 MB prompt took 10 ms; here each call of next() does about `budget`
// characters of work. The walk is JSON.stringify's own algorithm (SerializeJSONProperty) kept on an
// explicit stack: small subtrees still go to JSON.stringify whole (native, and exactly the same text),
// long strings are escaped in slices (the escaped slices, without their quotes, concatenate to the
// escaped string as long as no slice ends between the two halves of a surrogate pair), and anything
// that is not plain data (a toJSON method, a boxed primitive, a BigInt, a function) is handed to
// JSON.stringify with its own key, so it comes out as JSON.stringify would write it, or throws the same.
//
// A value that carries the JSON text it was parsed from (raw-json-source.ts) has its long strings
// copied from that text, a piece at a time, each piece checked to decode to exactly the string's next
// characters; a piece that does not is escaped as above from there on. The output is then the same
// JSON value as JSON.stringify's, with the client's own choice of escapes in those strings.
import { escapeSafeEnd, isHighSurrogate } from "./escape-safe-end";
import { joinShortRuns } from "./join-short-runs";
import { jsonSizeUpTo } from "./json-size";
import { rawJsonSourceOf } from "./raw-json-source";

export interface SlicerLimits {
  /** A long string (value or key) is escaped this many UTF-16 units at a time (at least 2). */
  sliceChars: number;
  /** An array, object or run of array elements whose JSON is about this short or shorter is one JSON.stringify call. */
  wholeChars: number;
}

/** About 0.05–0.2 ms per call of JSON.stringify each (docs/decisions/016-upstream-bodies-serialized-in-slices.md). */
export const DEFAULT_SLICER_LIMITS: SlicerLimits = { sliceChars: 16_384, wholeChars: 16_384 };
/** What visiting one value counts towards the budget on top of its text: bounds the work for arrays of tiny values. */
const VALUE_COST = 8;

const enum FrameKind {
  Object,
  Array,
  String,
  Value,
}

type Frame =
  | { kind: FrameKind.Object; container: Record<string, unknown>; keys: string[]; index: number; wrote: boolean }
  | { kind: FrameKind.Array; container: unknown[]; index: number }
  /** `raw`: where this string's next characters are written in the source text, while they are copied from it */
  | { kind: FrameKind.String; text: string; position: number; raw: RawCursor | null }
  /** a value still to write once the frames above it are done (an object member's value after a long key) */
  | { kind: FrameKind.Value; value: unknown };

interface RawCursor {
  source: string;
  position: number;
}

/** How many characters of a long string are looked up in the source text to find where it is written. */
const RAW_NEEDLE_CHARS = 64;

/** Already serialized text of a value that is not plain data. */
class RawText {
  constructor(readonly text: string) {}
}

/** An object member or array element that JSON.stringify leaves out (undefined, a function, a symbol). */
const SKIP = Symbol("skip");

/** String.prototype.isWellFormed (ES2024; Node 20): immediate for a one-byte string. */
function isWellFormed(text: string): boolean {
  return (text as unknown as { isWellFormed(): boolean }).isWellFormed();
}

/** JSON.stringify calls toJSON(key) on objects (functions included) and BigInts that have one. */
function hasToJson(value: unknown): boolean {
  if (value === null) return false;
  const type = typeof value;
  return (type === "object" || type === "function" || type === "bigint") && typeof (value as { toJSON?: unknown }).toJSON === "function";
}

export class JsonSlicer {
  private readonly stack: Frame[] = [];
  private parts: string[] = [];
  private size = 0;
  private started = false;

  private readonly sliceChars: number;
  private readonly wholeChars: number;
  /** the JSON text the value was parsed from (raw-json-source.ts), and where the last copied string ended in it */
  private readonly rawSource: string | undefined;
  private rawSearchFrom = 0;

  /** `value`: what would be passed to JSON.stringify; it must not change until the last piece is out. */
  constructor(
    private readonly value: unknown,
    limits: SlicerLimits = DEFAULT_SLICER_LIMITS,
  ) {
    this.sliceChars = Math.max(2, limits.sliceChars);
    this.wholeChars = limits.wholeChars;
    this.rawSource = rawJsonSourceOf(value);
  }

  /**
   * The next piece of the JSON text: at least about `budget` characters of work unless it is the
   * last one, a little more when a step ends past it. null once everything was returned.
   */
  next(budget: number): string | null {
    const parts = this.nextParts(budget);
    return parts === null ? null : parts.length === 1 ? parts[0] : parts.join("");
  }

  /**
   * The next piece as the strings it is made of, not joined: a string copied from the source text is
   * a slice of it (a view), and joining it with its neighbours would copy it. Neighbouring short
   * parts (punctuation, keys, short values) are joined, so a piece is a few long strings and the
   * short runs between them. null once everything was returned.
   */
  nextParts(budget: number): string[] | null {
    if (!this.started) {
      this.started = true;
      const root = this.prepare(this.value, "");
      if (root === SKIP) throw new TypeError(`${typeof this.value} has no JSON text`);
      this.write(root);
    }
    // A step may write nothing (a member JSON.stringify leaves out): a piece is never empty.
    while (this.stack.length > 0 && (this.size < budget || this.parts.length === 0)) this.step();
    if (this.parts.length === 0) return null;
    const parts = this.parts.length === 1 ? this.parts : joinShortRuns(this.parts);
    this.parts = [];
    this.size = 0;
    return parts;
  }

  private emit(text: string): void {
    this.parts.push(text);
    this.size += text.length;
  }

  private step(): void {
    const frame = this.stack[this.stack.length - 1];
    switch (frame.kind) {
      case FrameKind.String: {
        if (frame.raw !== null && this.copyRaw(frame, frame.raw)) return;
        frame.raw = null;
        const { text } = frame;
        let end = Math.min(frame.position + this.sliceChars, text.length);
        if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
        const escaped = JSON.stringify(text.slice(frame.position, end));
        this.emit(escaped.slice(1, -1));
        frame.position = end;
        if (end === text.length) {
          this.stack.pop();
          this.emit('"');
        }
        return;
      }
      case FrameKind.Value:
        this.stack.pop();
        this.emit(":");
        this.write(frame.value);
        return;
      case FrameKind.Array: {
        const { container } = frame;
        if (frame.index === container.length) {
          this.stack.pop();
          this.emit("]");
          return;
        }
        const index = frame.index;
        if (index > 0) this.emit(",");
        // A run of short elements (numbers, short strings, small objects) is one JSON.stringify call.
        const end = this.shortRunEnd(container, index);
        if (end - index > 1) {
          const run = JSON.stringify(container.slice(index, end));
          this.emit(run.slice(1, -1));
          frame.index = end;
          return;
        }
        frame.index = index + 1;
        this.size += VALUE_COST;
        const element = this.prepare(container[index], String(index));
        if (element === SKIP) this.emit("null");
        else this.write(element);
        return;
      }
      case FrameKind.Object: {
        if (frame.index === frame.keys.length) {
          this.stack.pop();
          this.emit("}");
          return;
        }
        const key = frame.keys[frame.index++];
        this.size += VALUE_COST;
        const member = this.prepare(frame.container[key], key);
        if (member === SKIP) return;
        if (frame.wrote) this.emit(",");
        frame.wrote = true;
        if (key.length <= this.sliceChars) {
          this.emit(JSON.stringify(key));
          this.emit(":");
          this.write(member);
        } else {
          // The value waits under the key's slices.
          this.stack.push({ kind: FrameKind.Value, value: member });
          this.emit('"');
          this.stack.push({ kind: FrameKind.String, text: key, position: 0, raw: null });
        }
        return;
      }
    }
  }

  /**
   * Where the long string `text` is written in the source text (just after its opening quote), found
   * by its first characters as JSON.stringify escapes them; null when there is no source or it is not
   * found there (the client escaped them otherwise). Only a hint: copyRaw checks every piece.
   */
  private findRaw(text: string): RawCursor | null {
    const source = this.rawSource;
    if (source === undefined) return null;
    let prefixEnd = RAW_NEEDLE_CHARS;
    if (isHighSurrogate(text.charCodeAt(prefixEnd - 1))) prefixEnd -= 1;
    const needle = JSON.stringify(text.slice(0, prefixEnd)).slice(0, -1);
    let at = source.indexOf(needle, this.rawSearchFrom);
    if (at === -1 && this.rawSearchFrom > 0) at = source.indexOf(needle);
    return at === -1 ? null : { source, position: at + 1 };
  }

  /**
   * Copies the string's next piece from the source text if that piece decodes to exactly its next
   * characters; false (nothing written) when it does not, and the caller escapes from there on.
   */
  private copyRaw(frame: { text: string; position: number }, raw: RawCursor): boolean {
    const { text } = frame;
    const { source } = raw;
    const start = raw.position;
    // A piece decodes to at most as many characters as it has, so one no longer than what is left of
    // the string cannot reach past its closing quote (unless the source is not where the string is:
    // then the check below fails). At least 6, for the last characters written as one \uXXXX.
    const end = escapeSafeEnd(source, start, Math.min(source.length, start + Math.max(6, Math.min(this.sliceChars, text.length - frame.position))));
    if (end <= start) return false;
    const piece = source.slice(start, end);
    let decoded: unknown;
    try {
      decoded = JSON.parse('"' + piece + '"');
    } catch {
      return false;
    }
    // Equal strings, compared natively (a slice of a long string is a view, not a copy). A piece with
    // a lone surrogate written as such (no UTF-8 for it) is left to JSON.stringify, which escapes it.
    if (typeof decoded !== "string" || decoded.length === 0 || text.slice(frame.position, frame.position + decoded.length) !== decoded) return false;
    if (!isWellFormed(piece)) return false;
    this.emit(piece);
    frame.position += decoded.length;
    raw.position = end;
    if (frame.position === text.length) {
      this.stack.pop();
      this.emit('"');
      this.rawSearchFrom = end;
    }
    return true;
  }

  /**
   * Where a run of elements from `start` ends whose JSON is at most `wholeChars` long together.
   * JSON.stringify of the run's slice writes each element as it would in the whole array, except
   * for a toJSON method, which is given the element's index: the run stops before such an element.
   */
  private shortRunEnd(container: readonly unknown[], start: number): number {
    let end = start;
    let size = 0;
    while (end < container.length) {
      const element = container[end];
      if (hasToJson(element)) break;
      size += jsonSizeUpTo(element, this.wholeChars - size) + 1;
      if (size > this.wholeChars) break;
      end++;
    }
    return end;
  }

  /** `value` as JSON.stringify sees it under `key`: plain data as it is, anything else already serialized (or SKIP). */
  private prepare(value: unknown, key: string): unknown {
    if (value === null) return value;
    const type = typeof value;
    if (type === "string" || type === "number" || type === "boolean") return value;
    if (type === "undefined" || type === "symbol") return SKIP;
    if (type === "object" && typeof (value as { toJSON?: unknown }).toJSON !== "function") {
      if (Array.isArray(value)) return value;
      const prototype: unknown = Object.getPrototypeOf(value);
      if (prototype === Object.prototype || prototype === null) return value;
    }
    // Not plain data: JSON.stringify writes it (calling toJSON with this key, unboxing, throwing on a BigInt).
    const wrapped = JSON.stringify({ [key]: value });
    if (wrapped === "{}") return SKIP;
    return new RawText(wrapped.slice(JSON.stringify(key).length + 2, -1));
  }

  /** Writes a prepared value: whole when short, otherwise opens a frame for it. */
  private write(value: unknown): void {
    if (typeof value === "string") {
      if (value.length <= this.sliceChars) this.emit(JSON.stringify(value));
      else {
        this.emit('"');
        this.stack.push({ kind: FrameKind.String, text: value, position: 0, raw: this.findRaw(value) });
      }
      return;
    }
    if (value === null || typeof value !== "object") {
      this.emit(JSON.stringify(value));
      return;
    }
    if (value instanceof RawText) {
      this.emit(value.text);
      return;
    }
    if (jsonSizeUpTo(value, this.wholeChars) <= this.wholeChars) {
      this.emit(JSON.stringify(value));
      return;
    }
    for (const frame of this.stack) {
      if ((frame.kind === FrameKind.Object || frame.kind === FrameKind.Array) && frame.container === value) {
        throw new TypeError("Converting circular structure to JSON");
      }
    }
    if (Array.isArray(value)) {
      this.emit("[");
      this.stack.push({ kind: FrameKind.Array, container: value, index: 0 });
    } else {
      this.emit("{");
      this.stack.push({ kind: FrameKind.Object, container: value as Record<string, unknown>, keys: Object.keys(value), index: 0, wrote: false });
    }
  }
}
