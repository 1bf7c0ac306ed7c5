// Buffers reused from call to call for decoding a large body's long escaped strings
// (long-string-json.ts). Memory touched once stays mapped: decoding a 4 MB prompt into a fresh
// buffer would cost a page fault per 4 KB on first touch (~12 µs each on the reference VM).
//
// A buffer belongs to one decode from takeScratch() to releaseScratch(). At most KEPT buffers are
// kept between decodes (two large prompts in flight at once is the bench's case), and none larger
// than KEPT_MAX_BYTES: a rare larger body gets a buffer of its own that the GC frees.

const KEPT = 2;
export const KEPT_MAX_BYTES = 16 * 1024 * 1024;

const free: Buffer[] = [];

/** A buffer of at least `bytes` bytes, reused if one is free. Its contents are garbage. */
export function takeScratch(bytes: number): Buffer {
  const index = free.findIndex((buffer) => buffer.length >= bytes);
  if (index !== -1) return free.splice(index, 1)[0];
  // Not from Node's shared pool (allocUnsafe's slab): a buffer of its own, rounded up to a MB so
  // that bodies of about the same size reuse it.
  return Buffer.allocUnsafeSlow(Math.ceil(Math.max(bytes, 1) / 1048576) * 1048576);
}

/** Gives `buffer` back for the next decode (or lets it go, when enough are kept or it is too large). */
export function releaseScratch(buffer: Buffer): void {
  if (buffer.length > KEPT_MAX_BYTES) return;
  if (free.length < KEPT) {
    free.push(buffer);
    return;
  }
  // Keep the larger ones: a smaller kept buffer would be replaced by a fresh one on the next large body.
  const smallest = free.reduce((at, candidate, index) => (candidate.length < free[at].length ? index : at), 0);
  if (free[smallest].length < buffer.length) free[smallest] = buffer;
}

/** Buffers kept for reuse (tests). */
export function keptScratchCount(): number {
  return free.length;
}
