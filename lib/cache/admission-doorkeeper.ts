// Which exact keys this process has already seen miss. With admission "repeated" (the default) an
// answer is stored on its request's second miss, not its first: a workload of one-off prompts then
// writes nothing to the database, and one-off answers do not push repeated ones out of the bounded
// cache (the doorkeeper of TinyLFU; docs/decisions/025-cache-admission-on-repeat.md).
//
// Two Bloom filters, the current one and the one before it: a key is "seen" when either holds it,
// and when the current one has taken GENERATION_KEYS new keys it becomes the previous one and a
// cleared one takes its place. So a sighting is remembered for at least the last GENERATION_KEYS
// first sightings, in 256 KB and no garbage. A false positive (about 1 % at the fullest) stores a
// first-time answer, which is what admission "always" does anyway; there are no false negatives.
//
// The keys are SHA-256 digests in base64url (cache-key.ts), so their characters are already
// uniformly random: the filter's positions are read from them instead of hashing again.

const BITS_LOG2 = 20;
const BITS = 1 << BITS_LOG2;
const MASK = BITS - 1;
const HASHES = 7;
/** New keys per generation: 100,000 in 2^20 bits with 7 positions each is ~0.8 % false positives per filter. */
export const GENERATION_KEYS = 100_000;

/** 6 bits per base64url character; any other character still contributes its low 6 bits. */
function sixBits(code: number): number {
  if (code >= 65 && code <= 90) return code - 65; // A-Z
  if (code >= 97 && code <= 122) return code - 71; // a-z
  if (code >= 48 && code <= 57) return code + 4; // 0-9
  if (code === 45) return 62; // -
  if (code === 95) return 63; // _
  return code & 63;
}

/** 30 bits from five characters starting at `from`. */
function thirtyBits(key: string, from: number): number {
  let value = 0;
  for (let i = from; i < from + 5; i++) value = (value << 6) | sixBits(key.charCodeAt(i % key.length));
  return value;
}

export class AdmissionDoorkeeper {
  private current = new Uint32Array(BITS / 32);
  private previous = new Uint32Array(BITS / 32);
  private added = 0;
  private readonly positions = new Uint32Array(HASHES);

  /**
   * Whether `key` was seen before; a key not seen is remembered now. So the first call for a key
   * answers false and the next ones true (until the key has aged out of both generations).
   */
  seenBefore(key: string): boolean {
    if (key.length === 0) return false;
    // Double hashing (Kirsch–Mitzenmacher): position i = h1 + i·h2, h2 odd so the steps cover the filter.
    const h1 = thirtyBits(key, 0);
    const h2 = thirtyBits(key, 5) | 1;
    let inCurrent = true;
    let inPrevious = true;
    for (let i = 0; i < HASHES; i++) {
      const position = (h1 + i * h2) & MASK;
      this.positions[i] = position;
      const word = position >>> 5;
      const bit = 1 << (position & 31);
      if ((this.current[word] & bit) === 0) inCurrent = false;
      if ((this.previous[word] & bit) === 0) inPrevious = false;
    }
    if (inCurrent) return true;
    this.remember();
    return inPrevious;
  }

  private remember(): void {
    if (this.added >= GENERATION_KEYS) {
      const cleared = this.previous;
      cleared.fill(0);
      this.previous = this.current;
      this.current = cleared;
      this.added = 0;
    }
    for (let i = 0; i < HASHES; i++) {
      const position = this.positions[i];
      this.current[position >>> 5] |= 1 << (position & 31);
    }
    this.added++;
  }
}

const slot = globalThis as unknown as { tollgateAdmissionDoorkeeper?: AdmissionDoorkeeper };

/** This thread's doorkeeper (one per process's proxy thread: sightings are not shared between replicas). */
export function admissionDoorkeeper(): AdmissionDoorkeeper {
  return (slot.tollgateAdmissionDoorkeeper ??= new AdmissionDoorkeeper());
}
