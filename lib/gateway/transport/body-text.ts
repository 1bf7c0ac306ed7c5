// A request body's text, decoded with as few multi-megabyte copies as the bytes allow.
//
// - ASCII, which is every JSON body of English text and every body from a client that escapes the
//   rest (`\u00e9`): the pieces are kept as they arrive (each checked with simdutf's `isAscii`, a few
//   microseconds per 64 KB), copied into a reused buffer at the end and read from it as one string
//   (Latin-1 decoding is a copy for ASCII bytes). Every fresh multi-megabyte object the main thread writes costs a page
//   fault per 4 KB on first touch (~1,000 for 4 MB: 10–15 ms of CPU on the busy reference machine,
//   more than the copy itself), so the fewer the better: decoding in batches and joining them made two
//   more (docs/decisions/016-upstream-bodies-serialized-in-slices.md, "The request body").
// - Anything else is decoded a batch of pieces at a time as it arrives: decoding 4 MB of CJK text in
//   one go held the event loop for 14 ms (three bytes a character), a 256 KB batch takes at most
//   about 1 ms. Batches that size also decode to strings V8 keeps in its large-object space, which a
//   scavenge promotes without copying.
// A body that arrives in one piece (every ordinary call) is decoded once at the end, as before.
import { isAscii } from "node:buffer";
import { StringDecoder } from "node:string_decoder";

const DECODE_BATCH_BYTES = 256 * 1024;

// The bytes of an ASCII body are copied here to be read as one string: a buffer reused from body to
// body, whose pages are touched once, where a fresh one (Buffer.concat) faulted every 4 KB again. It
// is only used inside text(), synchronously, so one is enough for every body in flight. Kept up to
// this size (4 × the default body limit); a larger body gets a buffer of its own.
const STAGING_KEPT_MAX_BYTES = 16 * 1024 * 1024;
let staging: Buffer | null = null;

function asciiText(pieces: readonly Uint8Array[], bytes: number): string {
  if (bytes > STAGING_KEPT_MAX_BYTES) return Buffer.concat(pieces, bytes).toString("latin1");
  if (staging === null || staging.length < bytes) staging = Buffer.allocUnsafeSlow(Math.max(bytes, 2 * DECODE_BATCH_BYTES));
  let offset = 0;
  for (const piece of pieces) {
    staging.set(piece, offset);
    offset += piece.byteLength;
  }
  return staging.toString("latin1", 0, bytes);
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export class BodyText {
  private first: Uint8Array | null = null;
  /** from the second piece on: the pieces not decoded yet (all of them while they are ASCII) */
  private pending: Uint8Array[] | null = null;
  private pendingBytes = 0;
  /** every piece so far was ASCII: nothing decoded yet */
  private ascii = true;
  private decoder: StringDecoder | null = null;
  private decoded: string[] | null = null;

  /** `batchBytes`: how many bytes of a non-ASCII body are decoded at a time (tests make it tiny). */
  constructor(private readonly batchBytes = DECODE_BATCH_BYTES) {}

  add(chunk: Uint8Array): void {
    if (this.pending === null) {
      if (this.first === null) {
        this.first = chunk;
        return;
      }
      this.pending = [this.first];
      this.pendingBytes = this.first.byteLength;
      this.ascii = isAscii(this.first);
      this.first = null;
    }
    this.pending.push(chunk);
    this.pendingBytes += chunk.byteLength;
    if (this.ascii && isAscii(chunk)) return;
    this.ascii = false;
    if (this.pendingBytes >= this.batchBytes) this.decodePending();
  }

  text(): string {
    if (this.pending === null) return this.first === null ? "" : asBuffer(this.first).toString("utf8");
    if (this.ascii) return asciiText(this.pending, this.pendingBytes);
    this.decodePending();
    this.decoded!.push(this.decoder!.end());
    return this.decoded!.join("");
  }

  private decodePending(): void {
    // A character cut between two batches is kept by the decoder until its end arrives.
    this.decoder ??= new StringDecoder("utf8");
    (this.decoded ??= []).push(this.decoder.write(Buffer.concat(this.pending!, this.pendingBytes)));
    this.pending!.length = 0;
    this.pendingBytes = 0;
  }
}
