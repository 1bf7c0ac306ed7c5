// Console passwords: scrypt (memory-hard, built into Node, no native addon) at OWASP's current
// minimum for scrypt, N=2^17 (128 MiB), r=8, p=1. A stored hash names its own parameters
// (`scrypt$N$r$p$salt$key`), so hashes made with older, cheaper parameters still verify, and
// `needsRehash` tells the sign-in to store a new one. Node runs scrypt on libuv's thread pool, never
// on the event loop; at most HASH_CONCURRENCY run at once per thread, which bounds the memory
// (128 MiB each) and leaves pool threads free for the DNS lookups and file reads that share it.
import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from "node:crypto";

export const SCRYPT_PARAMS = { N: 1 << 17, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const HASH_CONCURRENCY = 2;
// scrypt needs 128 * N * r bytes; the limit stops a forged hash from asking for gigabytes.
const MAX_MEMORY = 2 * 128 * SCRYPT_PARAMS.N * SCRYPT_PARAMS.r;

let running = 0;
const waiting: (() => void)[] = [];

async function withHashSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= HASH_CONCURRENCY) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

function scrypt(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return withHashSlot(
    () =>
      new Promise<Buffer>((resolve, reject) =>
        scryptCallback(password, salt, KEY_LENGTH, { N: n, r, p, maxmem: MAX_MEMORY }, (err, key) => (err ? reject(err) : resolve(key))),
      ),
  );
}

interface StoredHash {
  n: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

function parseStored(stored: string): StoredHash | null {
  const [scheme, n, r, p, salt, key] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !key) return null;
  const params = [Number(n), Number(r), Number(p)];
  if (!params.every((value) => Number.isSafeInteger(value) && value > 0)) return null;
  return { n: params[0], r: params[1], p: params[2], salt: Buffer.from(salt, "base64url"), key: Buffer.from(key, "base64url") };
}

export async function hashPassword(password: string): Promise<string> {
  const { N, r, p } = SCRYPT_PARAMS;
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, N, r, p);
  return `scrypt$${N}$${r}$${p}$${salt.toString("base64url")}$${key.toString("base64url")}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseStored(stored);
  if (!parsed) return false;
  const actual = await scrypt(password, parsed.salt, parsed.n, parsed.r, parsed.p);
  return actual.length === parsed.key.length && timingSafeEqual(actual, parsed.key);
}

/** True when the hash was made with weaker parameters than today's (re-hash it at the next sign-in). */
export function needsRehash(stored: string): boolean {
  const parsed = parseStored(stored);
  if (!parsed) return false;
  return parsed.n < SCRYPT_PARAMS.N || parsed.r < SCRYPT_PARAMS.r || parsed.p < SCRYPT_PARAMS.p;
}
