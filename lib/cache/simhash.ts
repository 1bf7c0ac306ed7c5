// Random-hyperplane signatures (SimHash) for the semantic index: 128 sign bits per vector. The
// Hamming distance between two signatures estimates the angle between the vectors
// (E[distance] = 128 · angle / π), so a few XOR-and-count passes over 16 bytes per entry find the
// handful of candidates worth an exact cosine. At the similarities a cache serves (cosine ≥ 0.5,
// i.e. an expected distance ≤ 43 of 128, against 64 ± 6 for unrelated vectors) the true neighbour
// is among the first candidates; docs/decisions/012-semantic-cache-index.md has the measurements.

import { mulberry32 } from "../random/mulberry32";

export const SIGNATURE_WORDS = 4; // 128 bits

/** Bits set in every 16-bit value: two lookups count a 32-bit word. */
export const POPCOUNT16 = (() => {
  const table = new Uint8Array(65536);
  for (let i = 1; i < 65536; i++) table[i] = (i & 1) + table[i >>> 1];
  return table;
})();

export function hamming(a: Uint32Array, aBase: number, b: Uint32Array, bBase: number): number {
  let distance = 0;
  for (let w = 0; w < SIGNATURE_WORDS; w++) {
    const x = (a[aBase + w] ^ b[bBase + w]) >>> 0;
    distance += POPCOUNT16[x & 0xffff] + POPCOUNT16[x >>> 16];
  }
  return distance;
}

const planesByDims = new Map<number, Float32Array>();

/** 128 Gaussian hyperplanes of `dims` dimensions, row after row. */
function hyperplanes(dims: number): Float32Array {
  let planes = planesByDims.get(dims);
  if (!planes) {
    const random = mulberry32(0x7011 + dims);
    planes = new Float32Array(SIGNATURE_WORDS * 32 * dims);
    for (let i = 0; i < planes.length; i += 2) {
      // Box–Muller: two normal deviates per pair of uniforms.
      const u = Math.max(random(), 1e-12);
      const v = random();
      const r = Math.sqrt(-2 * Math.log(u));
      planes[i] = r * Math.cos(2 * Math.PI * v);
      if (i + 1 < planes.length) planes[i + 1] = r * Math.sin(2 * Math.PI * v);
    }
    planesByDims.set(dims, planes);
  }
  return planes;
}

/** Writes the signature of `vector` into `out` at `outBase`. */
export function signatureOf(vector: Float32Array, out: Uint32Array, outBase: number): void {
  const dims = vector.length;
  const planes = hyperplanes(dims);
  for (let w = 0; w < SIGNATURE_WORDS; w++) {
    let word = 0;
    for (let bit = 0; bit < 32; bit++) {
      const base = (w * 32 + bit) * dims;
      let d0 = 0, d1 = 0, d2 = 0, d3 = 0;
      let i = 0;
      for (; i + 3 < dims; i += 4) {
        d0 += planes[base + i] * vector[i];
        d1 += planes[base + i + 1] * vector[i + 1];
        d2 += planes[base + i + 2] * vector[i + 2];
        d3 += planes[base + i + 3] * vector[i + 3];
      }
      for (; i < dims; i++) d0 += planes[base + i] * vector[i];
      if (d0 + d1 + d2 + d3 >= 0) word |= 1 << bit;
    }
    out[outBase + w] = word >>> 0;
  }
}
