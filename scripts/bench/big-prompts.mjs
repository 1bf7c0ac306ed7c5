// Large prompt texts for the benchmark's large-prompt scenario and scripts/bench/diag/prompt-stall.mjs,
// each about `bytes` long in UTF-8 (what the body limit counts) and the same on every run (seeded).
// The kinds are what a tokenizer finds easy (prose) and what it finds hardest: text without any
// whitespace or punctuation is one pre-tokenizer piece, and byte-pair merging is quadratic in a
// piece's length.

/** A small deterministic PRNG (mulberry32): the same text on every run. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  "the gateway records usage for every call and enforces quotas across replicas with a shared store while " +
  "each team keeps its own keys budgets models prices and limits so that applications reach many providers " +
  "through one endpoint retries fallbacks streaming tokens latency cost invoices alerts audit trail console " +
  "developer playground request response upstream deployment region cache embedding conversation summary"
).split(" ");

function prose(bytes, next) {
  const parts = [];
  let length = 0;
  while (length < bytes) {
    const word = WORDS[Math.floor(next() * WORDS.length)];
    const sep = next() < 0.08 ? ". " : next() < 0.05 ? ",\n" : " ";
    parts.push(word, sep);
    length += word.length + sep.length;
  }
  return parts.join("").slice(0, bytes);
}

/** Printable ASCII without `"` and `\` (so the JSON body stays the size of the text). */
function randomAscii(bytes, next) {
  const codes = new Uint8Array(bytes);
  for (let i = 0; i < bytes; i++) {
    let code = 33 + Math.floor(next() * 94);
    if (code === 34 || code === 92) code = 95;
    codes[i] = code;
  }
  return Buffer.from(codes).toString("latin1");
}

function base64(bytes, next) {
  const raw = Buffer.alloc(Math.ceil((bytes * 3) / 4));
  for (let i = 0; i < raw.length; i++) raw[i] = Math.floor(next() * 256);
  return raw.toString("base64").slice(0, bytes);
}

/** CJK ideographs with no punctuation: one pre-tokenizer piece. 3 bytes each in UTF-8. */
function cjk(bytes, next) {
  const chars = [];
  for (let i = 0; i < Math.floor(bytes / 3); i++) chars.push(0x4e00 + Math.floor(next() * 20_000));
  let text = "";
  for (let i = 0; i < chars.length; i += 8192) text += String.fromCharCode(...chars.slice(i, i + 8192));
  return text;
}

/** Emoji with skin tones, no separators: 4 bytes per code point. */
function emoji(bytes) {
  return "😀🎉👍🏽🚀".repeat(Math.ceil(bytes / 16)).slice(0, Math.floor(bytes / 4) * 2);
}

export const BIG_PROMPT_KINDS = ["english", "random", "base64", "cjk", "same", "emoji"];

/** About `bytes` of UTF-8 text of the given kind. */
export function bigPrompt(kind, bytes) {
  const next = random(0x70ba1);
  switch (kind) {
    case "english":
      return prose(bytes, next);
    case "random":
      return randomAscii(bytes, next);
    case "base64":
      return base64(bytes, next);
    case "cjk":
      return cjk(bytes, next);
    case "same":
      return "a".repeat(bytes);
    case "emoji":
      return emoji(bytes);
    default:
      throw new Error(`unknown prompt kind "${kind}" (one of ${BIG_PROMPT_KINDS.join(", ")})`);
  }
}
