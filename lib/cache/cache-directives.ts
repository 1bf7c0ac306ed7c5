// What a request asks of the cache: `cache-control: no-cache` (do not look up, store the fresh
// answer), `cache-control: no-store` (neither), `x-tollgate-cache-ttl: <seconds>` (this answer's
// time to live, at most the maximum TTL). A malformed TTL is a 400 naming the header.
import { BadRequestError } from "../http/errors";
import { MAX_CACHE_TTL_SECONDS } from "./schemas";

export interface CacheDirectives {
  noCache: boolean;
  noStore: boolean;
  ttlSeconds: number | null;
}

export const NO_DIRECTIVES: CacheDirectives = Object.freeze({ noCache: false, noStore: false, ttlSeconds: null });

export function parseCacheDirectives(headers: { get(name: string): string | null }): CacheDirectives {
  const control = headers.get("cache-control");
  const ttl = headers.get("x-tollgate-cache-ttl");
  if (control === null && ttl === null) return NO_DIRECTIVES;
  const tokens = control ? control.toLowerCase().split(",").map((token) => token.trim()) : [];
  let ttlSeconds: number | null = null;
  if (ttl !== null) {
    ttlSeconds = /^\d{1,10}$/.test(ttl.trim()) ? Number(ttl.trim()) : NaN;
    if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > MAX_CACHE_TTL_SECONDS) {
      throw new BadRequestError(`The header x-tollgate-cache-ttl must be a whole number of seconds from 1 to ${MAX_CACHE_TTL_SECONDS}.`, "x-tollgate-cache-ttl", "invalid_cache_ttl");
    }
  }
  return { noCache: tokens.includes("no-cache"), noStore: tokens.includes("no-store"), ttlSeconds };
}
