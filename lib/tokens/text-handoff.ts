// Large texts handed to a counting thread through memory reused from call to call.
//
// A structured clone of a 4 MB string makes the proxy's thread serialize it into a buffer that keeps
// growing into fresh pages: on this VM a first touch costs ~13 µs per 4 KB page, and 25–40 % of the
// hand-offs took 12–25 ms with 1,000–2,000 page faults (decision 015). Writing the text as UTF-8 into
// a SharedArrayBuffer whose pages were touched once, when it was made, costs a copy and no faults;
// the thread decodes it a block at a time as it counts (textBlocks below).
//
// A buffer belongs to one count from the moment its texts are written until the thread has answered:
// two large prompts in flight hold two buffers, and a buffer still being read is never written. When
// no buffer is free, or a text does not fit, or the text holds a lone surrogate (UTF-8 cannot carry
// it, and the count must be the string's own), the text is cloned as before.

/** A text written into a shared buffer: the thread reads `byteLength` UTF-8 bytes from `offset`. */
export interface SharedText {
  buffer: SharedArrayBuffer;
  offset: number;
  byteLength: number;
}

export type HandedText = string | SharedText;

export interface HandOffOptions {
  /** texts shorter than this are cloned (cheap: the serializer's buffer is small and reused) */
  minChars: number;
  /** bytes of one buffer */
  bufferBytes: number;
  /** buffers kept, at most (made on first need, or by prepare()) */
  buffers: number;
}

/** The texts as handed over, and the buffer they occupy (null: all cloned). */
export interface HandOff {
  texts: HandedText[];
  buffer: SharedArrayBuffer | null;
}

const encoder = new TextEncoder();
const wellFormed = (text: string): boolean => (text as unknown as { isWellFormed(): boolean }).isWellFormed();

export class HandOffBuffers {
  private readonly free: SharedArrayBuffer[] = [];
  private made = 0;

  constructor(private readonly options: HandOffOptions) {}

  /** Makes (and touches) every buffer now, so the first large prompts find them ready. */
  prepare(): void {
    while (this.made < this.options.buffers) this.free.push(this.make());
  }

  /** buffers not held by a count */
  get available(): number {
    return this.free.length + (this.options.buffers - this.made);
  }

  /** Writes the large texts into a free buffer; the caller must release() it once the thread answered. */
  handOff(texts: readonly string[]): HandOff {
    if (!texts.some((text) => text.length >= this.options.minChars)) return { texts: [...texts], buffer: null };
    const buffer = this.take();
    if (!buffer) return { texts: [...texts], buffer: null };
    const bytes = new Uint8Array(buffer);
    let offset = 0;
    const handed = texts.map((text): HandedText => {
      if (text.length < this.options.minChars || !wellFormed(text)) return text;
      const { read, written } = encoder.encodeInto(text, bytes.subarray(offset));
      if (read !== text.length) return text; // does not fit in what is left: cloned
      const shared = { buffer, offset, byteLength: written };
      offset += written;
      return shared;
    });
    if (offset === 0) {
      this.release(buffer);
      return { texts: handed, buffer: null };
    }
    return { texts: handed, buffer };
  }

  /** The thread has answered: the buffer may be written again. */
  release(buffer: SharedArrayBuffer): void {
    this.free.push(buffer);
  }

  /** The thread may still read it (it was stopped, not answered): never written again, a new one is made when needed. */
  discard(_buffer: SharedArrayBuffer): void {
    this.made -= 1;
  }

  private take(): SharedArrayBuffer | null {
    if (this.free.length > 0) return this.free.pop()!;
    if (this.made >= this.options.buffers) return null;
    return this.make();
  }

  private make(): SharedArrayBuffer {
    this.made += 1;
    const buffer = new SharedArrayBuffer(this.options.bufferBytes);
    // Touch every page now: a fresh page's first write is what the buffer is here to avoid.
    new Uint8Array(buffer).fill(1);
    return buffer;
  }
}

/**
 * On the thread: a handed text read a block at a time, never cut inside a character. A text in a
 * shared buffer is decoded BLOCK_BYTES at a time, as the count reaches it: decoding all 4 MB at once
 * made a fresh 4 MB string, ~1,000 first touches of fresh pages on the counting thread per large
 * prompt (~10 ms of a core the proxy shares), where blocks this size are young-generation strings
 * (under V8's large-object size even as two-byte strings), whose pages are reused from one to the
 * next. A cloned string is one block. The pool writes a buffer again only once the thread has
 * answered, so the blocks may be read across the task's yields.
 */
export interface TextBlocks {
  /** the next block, or null once the text is read */
  next(): string | null;
  /** UTF-8 bytes of the text not returned yet */
  readonly bytesLeft: number;
}

export const BLOCK_BYTES = 32 * 1024;

class StringBlocks implements TextBlocks {
  constructor(private text: string | null) {}

  next(): string | null {
    const text = this.text;
    this.text = null;
    return text;
  }

  get bytesLeft(): number {
    return this.text === null ? 0 : Buffer.byteLength(this.text, "utf8");
  }
}

const isContinuationByte = (byte: number): boolean => (byte & 0xc0) === 0x80;

class SharedTextBlocks implements TextBlocks {
  private readonly bytes: Buffer;
  private position = 0;

  constructor(text: SharedText, private readonly blockBytes: number) {
    this.bytes = Buffer.from(text.buffer, text.offset, text.byteLength);
  }

  next(): string | null {
    const { bytes, position } = this;
    if (position >= bytes.length) return null;
    let cut = Math.min(position + this.blockBytes, bytes.length);
    // A cut inside a character moves back to its first byte (or past its end, if the block is shorter than it).
    while (cut > position && cut < bytes.length && isContinuationByte(bytes[cut])) cut--;
    if (cut === position) {
      cut += 1;
      while (cut < bytes.length && isContinuationByte(bytes[cut])) cut++;
    }
    this.position = cut;
    return bytes.toString("utf8", position, cut);
  }

  get bytesLeft(): number {
    return this.bytes.length - this.position;
  }
}

/** `blockBytes`: how many bytes of a shared text are decoded at a time (tests make it tiny). */
export function textBlocks(text: HandedText, blockBytes = BLOCK_BYTES): TextBlocks {
  return typeof text === "string" ? new StringBlocks(text) : new SharedTextBlocks(text, blockBytes);
}
