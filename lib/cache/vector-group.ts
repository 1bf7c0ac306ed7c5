// The vectors of one semantic group (entries with the same context key and embedder): one
// contiguous Float32Array of unit vectors (cosine = dot product). A small group is scanned exactly;
// past EXACT_SCAN_MAX entries an exact scan is too slow (about 75 ms at 50,000 × 1,536 floats), so
// 128-bit SimHash signatures (simhash.ts) pick the CANDIDATES nearest by Hamming distance and only
// those are compared exactly (docs/decisions/012-semantic-cache-index.md has the measurements).
import { POPCOUNT16, SIGNATURE_WORDS, signatureOf } from "./simhash";

/** Up to this many live vectors, the exact scan is both exact and fast enough. */
export const EXACT_SCAN_MAX = 2048;
/** How many signature-nearest entries get an exact cosine. */
const CANDIDATES = 48;

export interface VectorMatch {
  key: string;
  id: string;
  prompt: string;
  similarity: number;
}

export class VectorGroup {
  private data: Float32Array;
  private signatures: Uint32Array;
  private capacity: number;
  private count = 0;
  private readonly keys: string[] = [];
  private readonly ids: string[] = [];
  private readonly prompts: string[] = [];
  private readonly expiresAt: number[] = [];
  private readonly slotOf = new Map<string, number>();

  constructor(readonly dims: number, initialCapacity = 16) {
    this.capacity = initialCapacity;
    this.data = new Float32Array(initialCapacity * dims);
    this.signatures = new Uint32Array(initialCapacity * SIGNATURE_WORDS);
  }

  get size(): number {
    return this.count;
  }

  add(key: string, id: string, prompt: string, vector: Float32Array, expiresAt: number): void {
    if (vector.length !== this.dims) return;
    const existing = this.slotOf.get(key);
    const slot = existing ?? this.count;
    if (existing === undefined) {
      if (this.count === this.capacity) this.grow();
      this.count++;
    }
    this.data.set(vector, slot * this.dims);
    signatureOf(vector, this.signatures, slot * SIGNATURE_WORDS);
    this.keys[slot] = key;
    this.ids[slot] = id;
    this.prompts[slot] = prompt;
    this.expiresAt[slot] = expiresAt;
    this.slotOf.set(key, slot);
  }

  private grow(): void {
    this.capacity *= 2;
    const data = new Float32Array(this.capacity * this.dims);
    data.set(this.data.subarray(0, this.count * this.dims));
    this.data = data;
    const signatures = new Uint32Array(this.capacity * SIGNATURE_WORDS);
    signatures.set(this.signatures.subarray(0, this.count * SIGNATURE_WORDS));
    this.signatures = signatures;
  }

  /** Removes by moving the last vector into the freed slot. */
  delete(key: string): boolean {
    const slot = this.slotOf.get(key);
    if (slot === undefined) return false;
    const last = this.count - 1;
    if (slot !== last) {
      this.data.copyWithin(slot * this.dims, last * this.dims, (last + 1) * this.dims);
      this.signatures.copyWithin(slot * SIGNATURE_WORDS, last * SIGNATURE_WORDS, (last + 1) * SIGNATURE_WORDS);
      this.keys[slot] = this.keys[last];
      this.ids[slot] = this.ids[last];
      this.prompts[slot] = this.prompts[last];
      this.expiresAt[slot] = this.expiresAt[last];
      this.slotOf.set(this.keys[slot], slot);
    }
    this.keys.length = this.ids.length = this.prompts.length = this.expiresAt.length = last;
    this.slotOf.delete(key);
    this.count = last;
    return true;
  }

  private cosine(slot: number, query: Float32Array): number {
    const dims = this.dims;
    const data = this.data;
    const base = slot * dims;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    let i = 0;
    for (; i + 3 < dims; i += 4) {
      s0 += data[base + i] * query[i];
      s1 += data[base + i + 1] * query[i + 1];
      s2 += data[base + i + 2] * query[i + 2];
      s3 += data[base + i + 3] * query[i + 3];
    }
    for (; i < dims; i++) s0 += data[base + i] * query[i];
    return s0 + s1 + s2 + s3;
  }

  /** The slots worth an exact comparison: all of a small group, else the signature-nearest. */
  private candidates(query: Float32Array, now: number, exact: boolean): number[] {
    const slots: number[] = [];
    if (exact || this.count <= EXACT_SCAN_MAX) {
      for (let slot = 0; slot < this.count; slot++) if (this.expiresAt[slot] > now) slots.push(slot);
      return slots;
    }
    const signature = new Uint32Array(SIGNATURE_WORDS);
    signatureOf(query, signature, 0);
    // The CANDIDATES smallest distances, kept sorted; most entries are rejected by one comparison.
    const distances: number[] = [];
    const signatures = this.signatures;
    const [q0, q1, q2, q3] = signature;
    // A local: an imported binding can compile to a property read (a getter in esbuild's CommonJS
    // output) on every use, which made this loop 20 times slower.
    const POPCOUNT = POPCOUNT16;
    let worst = SIGNATURE_WORDS * 32 + 1;
    for (let slot = 0, base = 0; slot < this.count; slot++, base += SIGNATURE_WORDS) {
      // hamming() unrolled for four words: this loop is the whole cost of a large group's lookup.
      const x0 = (signatures[base] ^ q0) >>> 0;
      const x1 = (signatures[base + 1] ^ q1) >>> 0;
      const x2 = (signatures[base + 2] ^ q2) >>> 0;
      const x3 = (signatures[base + 3] ^ q3) >>> 0;
      const distance =
        POPCOUNT[x0 & 0xffff] + POPCOUNT[x0 >>> 16] + POPCOUNT[x1 & 0xffff] + POPCOUNT[x1 >>> 16] +
        POPCOUNT[x2 & 0xffff] + POPCOUNT[x2 >>> 16] + POPCOUNT[x3 & 0xffff] + POPCOUNT[x3 >>> 16];
      if (distance >= worst) continue;
      if (this.expiresAt[slot] <= now) continue;
      let at = distances.length === CANDIDATES ? CANDIDATES - 1 : distances.length;
      while (at > 0 && distances[at - 1] > distance) {
        distances[at] = distances[at - 1];
        slots[at] = slots[at - 1];
        at--;
      }
      distances[at] = distance;
      slots[at] = slot;
      if (distances.length === CANDIDATES) worst = distances[CANDIDATES - 1];
    }
    return slots;
  }

  /** The most similar live vector (both sides unit length), or null for an empty group. `exact`: scan all (measurements). */
  nearest(query: Float32Array, now: number, exact = false): VectorMatch | null {
    if (query.length !== this.dims) return null;
    let best = -1;
    let bestScore = -Infinity;
    for (const slot of this.candidates(query, now, exact)) {
      const score = this.cosine(slot, query);
      if (score > bestScore) {
        bestScore = score;
        best = slot;
      }
    }
    if (best < 0) return null;
    return { key: this.keys[best], id: this.ids[best], prompt: this.prompts[best], similarity: Math.min(1, bestScore) };
  }
}

/** Scales a vector to unit length in place (a zero vector stays zero: it matches nothing). */
export function normalize(vector: Float32Array): Float32Array {
  let sum = 0;
  for (let i = 0; i < vector.length; i++) sum += vector[i] * vector[i];
  if (sum === 0) return vector;
  const scale = 1 / Math.sqrt(sum);
  for (let i = 0; i < vector.length; i++) vector[i] *= scale;
  return vector;
}
