// A key's name and prefix for GET /v1/me, kept in memory like the key cache keeps principals (the
// principal carries neither): one database read per key per GATEWAY_KEY_CACHE_TTL_MS.
import { LRUCache } from "lru-cache";
import { db } from "../db";
import { env } from "../env";

export interface KeyInfo {
  id: string;
  name: string;
  prefix: string;
}

const globalForKeyInfo = globalThis as unknown as { tollgateKeyInfo?: LRUCache<string, KeyInfo> };

function cache(): LRUCache<string, KeyInfo> {
  globalForKeyInfo.tollgateKeyInfo ??= new LRUCache<string, KeyInfo>({ max: 10_000, ttl: Math.max(1, env().GATEWAY_KEY_CACHE_TTL_MS) });
  return globalForKeyInfo.tollgateKeyInfo;
}

export async function keyInfo(keyId: string): Promise<KeyInfo> {
  const cached = cache().get(keyId);
  if (cached) return cached;
  const row = await db().apiKey.findUnique({ where: { id: keyId }, select: { id: true, name: true, prefix: true } });
  // The key authenticated a moment ago; a row gone since (deleted) still has its id to show.
  const info = row ?? { id: keyId, name: "", prefix: "" };
  cache().set(keyId, info);
  return info;
}
