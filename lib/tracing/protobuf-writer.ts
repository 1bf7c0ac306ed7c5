// Writes protobuf wire format (https://protobuf.dev/programming-guides/encoding/) straight into one
// reused Buffer on the export thread, for the fixed subset of OTLP that otlp-protobuf.ts writes:
// varints, fixed64 times, doubles, byte strings, and nested messages. A nested message's length is
// not known before its fields are written: begin() reserves room for it and end() writes it there,
// moving the message's bytes when the length needs another number of bytes than was reserved (a
// span's two bytes fit every span from 128 bytes to 16 KB, so spans are almost never moved).
import { wholeMsAndNanos } from "./epoch-nanos";

const TWO_32 = 4294967296;

/** A field's tag: its number and wire type (0 varint, 1 fixed64, 2 length-delimited, 5 fixed32). */
export function tag(field: number, wireType: 0 | 1 | 2 | 5): number {
  return (field << 3) | wireType;
}

/** The bytes of a length-delimited field whose content is constant (a key, a name), encoded once. */
export function delimited(field: number, content: Uint8Array): Buffer {
  const out = new ProtobufWriter(content.length + 6);
  out.bytesField(field, content);
  return Buffer.from(out.body());
}

/** How many bytes `value`'s varint takes (0 <= value < 2^53). */
export function varintSize(value: number): number {
  let size = 1;
  while (value >= 128) {
    value = Math.floor(value / 128);
    size += 1;
  }
  return size;
}

export class ProtobufWriter {
  private buffer: Buffer;
  length = 0;

  constructor(size = 1 << 16) {
    this.buffer = Buffer.allocUnsafe(size);
  }

  /** Starts a new body (the previous one's bytes are reused: take `body()` only once it is sent). */
  reset(): void {
    this.length = 0;
  }

  /** The bytes written since reset(), not copied. */
  body(): Buffer {
    return this.buffer.subarray(0, this.length);
  }

  /** Pre-encoded bytes (a constant field, a table string). */
  raw(piece: Uint8Array): void {
    const n = piece.length;
    this.room(n);
    const b = this.buffer;
    const at = this.length;
    if (n > 32) b.set(piece, at);
    else for (let i = 0; i < n; i += 1) b[at + i] = piece[i];
    this.length = at + n;
  }

  /** A non-negative integer below 2^53 as a varint. */
  varint(value: number): void {
    this.room(8);
    const b = this.buffer;
    let at = this.length;
    // 32-bit arithmetic while it fits, division above.
    while (value >= 0x80000000) {
      b[at++] = (value % 128) | 0x80;
      value = Math.floor(value / 128);
    }
    while (value >= 128) {
      b[at++] = (value & 0x7f) | 0x80;
      value >>>= 7;
    }
    b[at++] = value;
    this.length = at;
  }

  /** An int64 varint: a negative one as its 64-bit two's complement (ten bytes), as protobuf writes it. */
  int64(value: number): void {
    if (value >= 0) {
      this.varint(value);
      return;
    }
    let rest = BigInt.asUintN(64, BigInt(value));
    this.room(10);
    while (rest >= 128n) {
      this.buffer[this.length++] = Number(rest & 0x7fn) | 0x80;
      rest >>= 7n;
    }
    this.buffer[this.length++] = Number(rest);
  }

  /** A byte, for tags below 128 and booleans. */
  byte(value: number): void {
    this.room(1);
    this.buffer[this.length++] = value;
  }

  double(value: number): void {
    this.room(8);
    this.buffer.writeDoubleLE(value, this.length);
    this.length += 8;
  }

  /** Epoch milliseconds (with a fraction) as a fixed64 of nanoseconds, exact without BigInt. */
  unixNanos(ms: number): void {
    const [whole, nanos] = wholeMsAndNanos(ms);
    // whole * 1e6 + nanos passes 2^53: split whole at 2^24 so every product stays exact.
    const high = Math.floor(whole / 16777216) * 1e6;
    const low = (whole % 16777216) * 1e6 + nanos;
    const sum = (high % 256) * 16777216 + (low % TWO_32);
    const lo = sum % TWO_32;
    const hi = Math.floor(high / 256) + Math.floor(low / TWO_32) + Math.floor(sum / TWO_32);
    this.room(8);
    const b = this.buffer;
    const at = this.length;
    b[at] = lo & 0xff;
    b[at + 1] = (lo >>> 8) & 0xff;
    b[at + 2] = (lo >>> 16) & 0xff;
    b[at + 3] = lo >>> 24;
    b[at + 4] = hi & 0xff;
    b[at + 5] = (hi >>> 8) & 0xff;
    b[at + 6] = (hi >>> 16) & 0xff;
    b[at + 7] = (hi >>> 24) & 0xff;
    this.length = at + 8;
  }

  /** `count` 32-bit words of `numbers` from `at` as big-endian bytes (a trace or span id's raw bytes). */
  words(numbers: Float64Array, at: number, count: number): void {
    this.room(count * 4);
    const b = this.buffer;
    let out = this.length;
    for (let i = at; i < at + count; i += 1) {
      const word = numbers[i];
      b[out++] = word >>> 24;
      b[out++] = (word >>> 16) & 0xff;
      b[out++] = (word >>> 8) & 0xff;
      b[out++] = word & 0xff;
    }
    this.length = out;
  }

  /** `count` 32-bit words of `numbers` from `at` as lower-case hex characters, most significant first. */
  hex(numbers: Float64Array, at: number, count: number): void {
    this.room(count * 8);
    const b = this.buffer;
    let out = this.length;
    for (let i = at; i < at + count; i += 1) {
      const word = numbers[i];
      for (let shift = 28; shift >= 0; shift -= 4) {
        const digit = (word >>> shift) & 0xf;
        b[out++] = digit < 10 ? 0x30 + digit : 0x57 + digit;
      }
    }
    this.length = out;
  }

  /** A string's UTF-8 bytes (no length: see utf8Length). */
  utf8(value: string): void {
    const n = value.length;
    this.room(n * 3);
    const b = this.buffer;
    let at = this.length;
    for (let i = 0; i < n; i += 1) {
      const c = value.charCodeAt(i);
      if (c >= 0x80) {
        // Not ASCII: the whole string the slow way.
        this.length += b.write(value, this.length, "utf8");
        return;
      }
      b[at++] = c;
    }
    this.length = at;
  }

  /** A length-delimited field of bytes. */
  bytesField(field: number, content: Uint8Array): void {
    this.varint(tag(field, 2));
    this.varint(content.length);
    this.raw(content);
  }

  /** Starts a nested message field: writes its tag and reserves `reserve` bytes for its length; returns the mark for end(). */
  begin(field: number, reserve: number): number {
    this.varint(tag(field, 2));
    this.room(reserve);
    this.length += reserve;
    return this.length - reserve;
  }

  /** Ends the nested message begun at `mark` with `reserve` bytes reserved: writes its length. */
  end(mark: number, reserve: number): void {
    const start = mark + reserve;
    const size = this.length - start;
    const needed = varintSize(size);
    if (needed !== reserve) {
      this.room(needed - reserve);
      this.buffer.copyWithin(mark + needed, start, this.length);
      this.length += needed - reserve;
    }
    const b = this.buffer;
    let at = mark;
    let value = size;
    while (value >= 128) {
      b[at++] = (value & 0x7f) | 0x80;
      value >>>= 7;
    }
    b[at] = value;
  }

  private room(needed: number): void {
    if (this.length + needed <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + needed));
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
  }
}
