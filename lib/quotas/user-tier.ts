// The tier of a caller whose principal does not carry one (the console playground signs in with a
// session, not a key). Read once per user per GATEWAY_KEY_CACHE_TTL_MS, like a cached key.
import { db } from "../db";
import { env } from "../env";

interface Entry {
  tier: string | null;
  at: number;
}

const globalForTiers = globalThis as unknown as { tollgateUserTiers?: Map<string, Entry> };

function cache(): Map<string, Entry> {
  globalForTiers.tollgateUserTiers ??= new Map();
  return globalForTiers.tollgateUserTiers;
}

export async function userTier(userId: string): Promise<string | null> {
  const entries = cache();
  const cached = entries.get(userId);
  const now = Date.now();
  if (cached && now - cached.at < env().GATEWAY_KEY_CACHE_TTL_MS) return cached.tier;
  const user = await db().user.findUnique({ where: { id: userId }, select: { tier: true } });
  const tier = user?.tier ?? null;
  // Bounded like an LRU would be: the playground has few users, so a reset is cheap and rare.
  if (entries.size > 10_000) entries.clear();
  entries.set(userId, { tier, at: now });
  return tier;
}
