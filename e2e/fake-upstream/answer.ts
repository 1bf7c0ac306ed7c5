// Deterministic answers, token counts and embeddings: tests and benchmarks need the same output for the
// same input, and the fake must stay cheap enough to be a benchmark baseline.

/** A rough token count (4 characters a token), cheap and stable. */
export function countTokens(text: string): number {
  return text.length === 0 ? 0 : Math.ceil(text.length / 4);
}

export function answerFor(prompt: string): string {
  return `Echo: ${prompt}`;
}

/** "Echo: a b" → ["Echo:", " a", " b"]: one word per stream chunk. */
export function splitIntoChunks(text: string): string[] {
  return text.split(/(?= )/).filter((piece) => piece.length > 0);
}

/** Tool call arguments derived from the prompt, split in two fragments for streaming. */
export function toolArguments(prompt: string): { full: string; fragments: string[] } {
  const full = JSON.stringify({ text: prompt });
  const middle = Math.floor(full.length / 2);
  return { full, fragments: [full.slice(0, middle), full.slice(middle)] };
}

function hashWord(word: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/**
 * Bag-of-words hashed into `dimensions` buckets, L2-normalised: the same text gives the same vector and
 * texts sharing words give close vectors, which is what a semantic cache test needs.
 */
export function embeddingFor(text: string, dimensions: number): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  const words = text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  for (const word of words) {
    const hash = hashWord(word);
    vector[hash % dimensions] += hash & 0x80000000 ? -1 : 1;
  }
  const norm = Math.hypot(...vector);
  if (norm === 0) {
    vector[0] = 1;
    return vector;
  }
  return vector.map((value) => value / norm);
}

export function embeddingToBase64(vector: number[]): string {
  return Buffer.from(new Float32Array(vector).buffer).toString("base64");
}

/** The text of OpenAI/Anthropic content: a string or an array of parts with `text`. */
export function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  let text = "";
  for (const part of content) {
    const value = (part as { text?: unknown; content?: unknown } | null)?.text ?? (part as { content?: unknown } | null)?.content;
    if (typeof value === "string") text += (text ? " " : "") + value;
  }
  return text;
}
