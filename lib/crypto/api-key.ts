// Virtual keys: "tg-" + 40 base62 characters. Only the SHA-256 hash and a display prefix are stored.
import { hash, randomBytes } from "node:crypto";

export const KEY_PREFIX = "tg-";
const BODY_LENGTH = 40;
const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const KEY_PATTERN = new RegExp(`^${KEY_PREFIX}[0-9A-Za-z]{${BODY_LENGTH}}$`);

export function generateApiKey(): { key: string; hash: string; prefix: string } {
  const bytes = randomBytes(BODY_LENGTH);
  let body = "";
  // 256 % 62 bias is negligible for a 238-bit secret, but reject-sample anyway: it is cheap.
  for (let i = 0; body.length < BODY_LENGTH; i++) {
    const byte = i < bytes.length ? bytes[i] : randomBytes(1)[0];
    if (byte < 248) body += ALPHABET[byte % 62];
  }
  const key = KEY_PREFIX + body;
  return { key, hash: hashApiKey(key), prefix: displayPrefix(key) };
}

/** Cheap format check done before any hashing or lookup, so garbage never reaches the cache or DB. */
export function looksLikeApiKey(candidate: string): boolean {
  return KEY_PATTERN.test(candidate);
}

export function hashApiKey(key: string): string {
  return hash("sha256", key, "hex");
}

export function displayPrefix(key: string): string {
  return key.slice(0, KEY_PREFIX.length + 6);
}
