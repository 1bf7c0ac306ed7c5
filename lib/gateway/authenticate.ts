// Virtual-key authentication for the proxy: format check -> SHA-256 -> cache -> DB on miss.
// Revocations reach every replica through the SharedStore's "key-invalidated" channel (and while
// that channel is down, cached keys are read again every second: key-cache.ts), and expiry is
// checked on every request, so a dead key is refused on its very next call.
import { hashApiKey, looksLikeApiKey } from "../crypto/api-key";
import { db } from "../db";
import { env } from "../env";
import { UnauthorizedError } from "../http/errors";
import { effectiveKeyExpiry, effectiveKeyModels, userKeyLimits } from "../keys/key-limits";
import { parseModelList } from "../keys/key-status";
import { KEY_INVALIDATED_CHANNEL } from "../keys/key-invalidation";
import { sharedStore } from "../store";
import { countUnauthenticated } from "../usage/unauthenticated-tally";
import { KeyCache } from "./key-cache";
import type { Principal } from "../principal/principal";
import type { HeaderReader } from "./transport/gateway-request";

async function loadPrincipal(hash: string): Promise<Principal | null> {
  const key = await db().apiKey.findUnique({
    where: { keyHash: hash },
    select: {
      id: true,
      orgId: true,
      userId: true,
      teamId: true,
      models: true,
      expiresAt: true,
      revokedAt: true,
      createdAt: true,
      cacheOptOut: true,
      maxConcurrency: true,
      name: true,
      user: { select: { disabled: true, tier: true, keyModels: true, keyMaxDays: true, name: true, email: true } },
      team: { select: { name: true } },
    },
  });
  if (!key || key.revokedAt || key.user.disabled) return null;
  // The limits an admin set on the owner hold for every key, whenever it was made (lib/keys/key-limits.ts).
  const limits = userKeyLimits(key.user);
  const models = effectiveKeyModels(parseModelList(key.models), limits);
  const expiresAt = effectiveKeyExpiry(key, limits);
  return {
    orgId: key.orgId,
    keyId: key.id,
    userId: key.userId,
    teamId: key.teamId,
    allowedModels: models === null ? null : new Set(models),
    expiresAt: expiresAt ? expiresAt.getTime() : null,
    tier: key.user.tier,
    cacheOptOut: key.cacheOptOut,
    maxConcurrency: key.maxConcurrency,
    names: { key: key.name, user: key.user.name || key.user.email, team: key.team?.name },
  };
}

const globalForKeys = globalThis as unknown as { tollgateKeyCache?: KeyCache };

export function keyCache(): KeyCache {
  if (!globalForKeys.tollgateKeyCache) {
    const store = sharedStore();
    const cache = new KeyCache(loadPrincipal, env().GATEWAY_KEY_CACHE_TTL_MS, {
      deliveredThrough: () => store.deliveredThrough(KEY_INVALIDATED_CHANNEL),
    });
    globalForKeys.tollgateKeyCache = cache;
    void store.subscribe(
      KEY_INVALIDATED_CHANNEL,
      (keyId) => cache.invalidateKeyId(keyId),
      () => cache.clear(),
    );
  }
  return globalForKeys.tollgateKeyCache;
}

/** The bearer token from `Authorization: Bearer …` or `x-api-key` (Anthropic-style clients). */
export function extractApiKey(headers: HeaderReader): string | null {
  const authorization = headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(.+)$/i.exec(authorization.trim());
    return match ? match[1].trim() : null;
  }
  return headers.get("x-api-key")?.trim() || null;
}

/**
 * The key's principal, or a 401. A cached key is answered without an await (almost every call);
 * otherwise the promise of its load from the database.
 */
export function authenticate(headers: HeaderReader): Principal | Promise<Principal> {
  const presented = extractApiKey(headers);
  // Every 401 is counted (metrics and a per-day figure), never stored one by one: unauthenticated-tally.ts.
  if (!presented) {
    countUnauthenticated("missing_api_key");
    throw new UnauthorizedError("Missing API key. Send it as `Authorization: Bearer <key>`.", "missing_api_key");
  }
  if (!looksLikeApiKey(presented)) {
    countUnauthenticated("invalid_api_key");
    throw new UnauthorizedError("Invalid API key.");
  }
  const hash = hashApiKey(presented);
  const cache = keyCache();
  const cached = cache.lookupNow(hash);
  return cached === undefined ? cache.lookup(hash).then(admitPrincipal) : admitPrincipal(cached);
}

function admitPrincipal(principal: Principal | null): Principal {
  if (!principal) {
    countUnauthenticated("invalid_api_key");
    throw new UnauthorizedError("Invalid API key.");
  }
  if (principal.expiresAt !== null && principal.expiresAt <= Date.now()) {
    countUnauthenticated("expired_api_key");
    throw new UnauthorizedError("This API key has expired.", "expired_api_key");
  }
  return principal;
}
