// The built-in embedder: lexical similarity, not meaning. Words, word pairs and character
// trigrams of the lower-cased text are hashed (FNV-1a) into 1,024 signed buckets, weighted
// 1 + ln(count), and scaled to unit length. Two texts are similar when they share words and
// spellings: "How do I reset my password?" and "how can I reset my password" are close; "I forgot
// my login" and "password reset" are not, although they mean the same. No network, no model
// download, a few microseconds for a sentence. For meaning, choose an embedding model of the catalog.
import type { Embedder } from "./embedder";
import { normalize } from "../vector-group";

export const LEXICAL_DIMS = 1024;

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function count(counts: Map<string, number>, feature: string): void {
  counts.set(feature, (counts.get(feature) ?? 0) + 1);
}

export function lexicalVector(text: string): Float32Array {
  const vector = new Float32Array(LEXICAL_DIMS);
  const words = text.toLowerCase().normalize("NFKC").match(/[\p{L}\p{N}]+/gu) ?? [];
  const counts = new Map<string, number>();
  for (let i = 0; i < words.length; i++) {
    count(counts, `w:${words[i]}`);
    if (i > 0) count(counts, `b:${words[i - 1]} ${words[i]}`);
    const padded = ` ${words[i]} `;
    for (let c = 0; c + 3 <= padded.length; c++) count(counts, `c:${padded.slice(c, c + 3)}`);
  }
  for (const [feature, count] of counts) {
    const hash = fnv1a(feature);
    // Whole words weigh more than fragments; the top bit picks the sign (fewer collisions add up).
    const weight = (feature.startsWith("c:") ? 0.5 : 1) * (1 + Math.log(count));
    vector[hash % LEXICAL_DIMS] += hash & 0x80000000 ? -weight : weight;
  }
  return normalize(vector);
}

export const lexicalEmbedder: Embedder = {
  id: "builtin",
  async embed(text) {
    return lexicalVector(text);
  },
};
