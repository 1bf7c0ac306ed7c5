// The spans that started and have not ended yet, as slots of typed arrays instead of an object per
// span: a span is a number (its handle), its ids are 32-bit words drawn from a pool of random bytes
// refilled a few KB at a time, its start a float. Ending a span copies its slot into the batch
// (span-records.ts) and frees it; a handle whose slot was freed (a span ended twice) is ignored.
import { randomFillSync } from "node:crypto";
import { PARENT_ID, SPAN_ID, START, TRACE_ID } from "./span-records";

/** The handle of a span not recorded (tracing off, the call not sampled). */
export const NO_SPAN = -1;

/** At most this many spans open at once; past it new spans are not recorded (only a span never ended, a bug, keeps its slot). */
export const MAX_OPEN_SPANS = 1 << 16;
const WORDS = 8; // a slot's words: trace id (0-3), span id (4-5), parent span id (6-7; 0 for a root)

const pool = new Uint32Array(2048);
let drawn = pool.length;

/** A random 32-bit word (crypto quality, like the SDK's ids: they must not collide across services). */
function randomWord(): number {
  if (drawn === pool.length) {
    randomFillSync(pool);
    drawn = 0;
  }
  return pool[drawn++];
}

export class OpenSpans {
  private words = new Uint32Array(64 * WORDS);
  private starts = new Float64Array(64);
  /** each slot's generation: bumped when it is freed, so a stale handle no longer matches */
  private generations = new Uint32Array(64);
  /** what the span's record needs at its end besides ids and times (the endpoint, an attempt's deployment…) */
  readonly first: unknown[] = [];
  readonly second: unknown[] = [];
  private free: number[] = [];
  private used = 0;

  /** A root span: a new trace id, or the caller's trace and parent span (traceparent) when given. */
  openRoot(start: number, parent: Uint32Array | null): number {
    const slot = this.slot();
    if (slot < 0) return NO_SPAN;
    const w = this.words;
    const at = slot * WORDS;
    if (parent) {
      for (let i = 0; i < 4; i += 1) w[at + i] = parent[i];
      w[at + 6] = parent[4];
      w[at + 7] = parent[5];
    } else {
      w[at] = randomWord();
      w[at + 1] = randomWord();
      w[at + 2] = randomWord();
      w[at + 3] = randomWord() || 1; // an id of all zeros is invalid
      w[at + 6] = 0;
      w[at + 7] = 0;
    }
    this.newSpanId(at);
    this.starts[slot] = start;
    return this.handle(slot);
  }

  /** A child of the open span `parent`: its trace, a new span id. */
  openChild(parent: number, start: number): number {
    const from = this.slotOf(parent);
    if (from < 0) return NO_SPAN;
    const slot = this.slot();
    if (slot < 0) return NO_SPAN;
    const w = this.words;
    const at = slot * WORDS;
    const source = from * WORDS;
    w[at] = w[source];
    w[at + 1] = w[source + 1];
    w[at + 2] = w[source + 2];
    w[at + 3] = w[source + 3];
    w[at + 6] = w[source + 4];
    w[at + 7] = w[source + 5];
    this.newSpanId(at);
    this.starts[slot] = start;
    return this.handle(slot);
  }

  /** The slot of an open span, or -1 when the handle is NO_SPAN or its span ended. */
  slotOf(handle: number): number {
    if (handle < 0) return -1;
    const slot = handle % MAX_OPEN_SPANS;
    return slot < this.used && this.generations[slot] === (handle - slot) / MAX_OPEN_SPANS ? slot : -1;
  }

  /** Writes the span's ids and start into a record at `at` of `numbers`, and frees its slot. */
  close(slot: number, numbers: Float64Array, at: number): void {
    const w = this.words;
    const from = slot * WORDS;
    numbers[at + TRACE_ID] = w[from];
    numbers[at + TRACE_ID + 1] = w[from + 1];
    numbers[at + TRACE_ID + 2] = w[from + 2];
    numbers[at + TRACE_ID + 3] = w[from + 3];
    numbers[at + SPAN_ID] = w[from + 4];
    numbers[at + SPAN_ID + 1] = w[from + 5];
    numbers[at + PARENT_ID] = w[from + 6];
    numbers[at + PARENT_ID + 1] = w[from + 7];
    numbers[at + START] = this.starts[slot];
    this.first[slot] = undefined;
    this.second[slot] = undefined;
    this.generations[slot] = (this.generations[slot] + 1) % 0x100000;
    this.free.push(slot);
  }

  get openCount(): number {
    return this.used - this.free.length;
  }

  private newSpanId(at: number): void {
    const w = this.words;
    w[at + 4] = randomWord();
    w[at + 5] = randomWord() || 1;
  }

  private handle(slot: number): number {
    return this.generations[slot] * MAX_OPEN_SPANS + slot;
  }

  private slot(): number {
    const reused = this.free.pop();
    if (reused !== undefined) return reused;
    if (this.used === MAX_OPEN_SPANS) return -1;
    if (this.used === this.starts.length) this.grow();
    return this.used++;
  }

  private grow(): void {
    const size = this.starts.length * 2;
    const words = new Uint32Array(size * WORDS);
    words.set(this.words);
    this.words = words;
    const starts = new Float64Array(size);
    starts.set(this.starts);
    this.starts = starts;
    const generations = new Uint32Array(size);
    generations.set(this.generations);
    this.generations = generations;
  }
}
