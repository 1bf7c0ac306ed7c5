// Writes OTLP/HTTP JSON (https://opentelemetry.io/docs/specs/otlp/#json-protobuf-encoding) straight
// into bytes on the export thread: constant pieces copied from pre-encoded bytes, strings escaped
// character by character (ASCII; anything else through JSON.stringify), ids as hex from 32-bit words,
// times as decimal nanoseconds. Building the same body as JavaScript strings (a template and a
// JSON.stringify per attribute, then the UTF-8 encoding of the whole) cost several times more CPU
// (docs/decisions/022-traces-exported-off-thread.md).
import { wholeMsAndNanos } from "./epoch-nanos";

const HEX_DIGITS = Buffer.from("0123456789abcdef");
const OPEN_BRACKET = Buffer.from("[");
const CLOSE_BRACKET = Buffer.from("]");

/** A constant piece of JSON, encoded once. */
export function bytes(text: string): Buffer {
  return Buffer.from(text, "utf8");
}

export class JsonWriter {
  private buffer = Buffer.allocUnsafe(1 << 16);
  length = 0;

  /** Starts a new body (the previous one's bytes are reused: take `body()` only once it is sent). */
  reset(): void {
    this.length = 0;
  }

  /** The bytes written since reset(), not copied. */
  body(): Buffer {
    return this.buffer.subarray(0, this.length);
  }

  /** Pre-encoded bytes (from `from` on). */
  raw(piece: Uint8Array, from = 0): void {
    const n = piece.length - from;
    this.room(n);
    const b = this.buffer;
    const at = this.length;
    if (n > 32) b.set(from === 0 ? piece : piece.subarray(from), at);
    else for (let i = 0; i < n; i += 1) b[at + i] = piece[from + i];
    this.length = at + n;
  }

  /** `value` as a JSON string literal. */
  string(value: string): void {
    this.room(1);
    this.buffer[this.length++] = 0x22;
    this.chars(value);
    this.room(1);
    this.buffer[this.length++] = 0x22;
  }

  /** `value`'s characters as they are written inside a JSON string literal. */
  chars(value: string): void {
    const n = value.length;
    this.room(n * 6);
    const b = this.buffer;
    const start = this.length;
    let at = start;
    for (let i = 0; i < n; i += 1) {
      const c = value.charCodeAt(i);
      if (c >= 0x20 && c < 0x7f && c !== 0x22 && c !== 0x5c) b[at++] = c;
      else if (c < 0x80) {
        // ", \ and control characters: JSON.stringify's escapes
        const escaped = JSON.stringify(value[i]);
        for (let j = 1; j < escaped.length - 1; j += 1) b[at++] = escaped.charCodeAt(j);
      } else {
        // Not ASCII: the whole string the slow way.
        this.length = start + b.write(JSON.stringify(value).slice(1, -1), start, "utf8");
        return;
      }
    }
    this.length = at;
  }

  /** An ASCII text known to need no escaping (a number's digits). */
  ascii(text: string): void {
    const n = text.length;
    this.room(n);
    const b = this.buffer;
    let at = this.length;
    for (let i = 0; i < n; i += 1) b[at++] = text.charCodeAt(i);
    this.length = at;
  }

  /** A number as JSON (finite numbers only). */
  number(value: number): void {
    if (Number.isSafeInteger(value) && value >= 0) this.digits(value, 0);
    else this.ascii(String(value));
  }

  /** A non-negative integer's decimal digits, left-padded with zeros to `width`, without a string. */
  private digits(value: number, width: number): void {
    let count = 1;
    for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) count += 1;
    if (count < width) count = width;
    this.room(count);
    const b = this.buffer;
    let at = this.length + count;
    this.length = at;
    for (let i = 0; i < count; i += 1) {
      const rest = Math.floor(value / 10);
      b[--at] = 0x30 + (value - rest * 10);
      value = rest;
    }
  }

  /** `count` 32-bit words of `numbers` from `at` as lower-case hex, most significant first, in quotes (or after `prefix`, e.g. `"req_`). */
  hex(numbers: Float64Array, at: number, count: number, prefix?: Uint8Array): void {
    if (prefix) this.raw(prefix);
    this.room(count * 8 + 2);
    const b = this.buffer;
    let out = this.length;
    if (!prefix) b[out++] = 0x22;
    for (let i = at; i < at + count; i += 1) {
      const word = numbers[i];
      for (let shift = 28; shift >= 0; shift -= 4) b[out++] = HEX_DIGITS[(word >>> shift) & 0xf];
    }
    b[out++] = 0x22;
    this.length = out;
  }

  /** Epoch milliseconds (with a fraction) as OTLP's decimal string of nanoseconds, in quotes. */
  unixNanos(ms: number): void {
    const [whole, nanos] = wholeMsAndNanos(ms);
    this.room(1);
    this.buffer[this.length++] = 0x22;
    if (whole === 0) this.digits(nanos, 0);
    else {
      this.digits(whole, 0);
      this.digits(nanos, 6);
    }
    this.room(1);
    this.buffer[this.length++] = 0x22;
  }

  /**
   * A list whose items are written each with a leading comma: listStart() before them, listEnd() with
   * its mark after (the first item's comma becomes the "[").
   */
  listStart(): number {
    return this.length;
  }

  listEnd(mark: number): void {
    if (this.length === mark) this.raw(OPEN_BRACKET);
    else this.buffer[mark] = 0x5b;
    this.raw(CLOSE_BRACKET);
  }

  private room(needed: number): void {
    if (this.length + needed <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + needed));
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
  }
}
