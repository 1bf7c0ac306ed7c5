// What a key spent this calendar month (TOLLGATE_TIME_ZONE, the quotas' calendar), in micro-dollars:
// the live counter of a monthly key quota when there is one (settled calls, not yet in the
// database), otherwise the usage ledger, read at most once per key every few seconds.
import { LRUCache } from "lru-cache";
import { quotaCalendar } from "../quotas/governance-plan";
import { ledgerUsage } from "../quotas/usage-ledger";

/** The ledger is behind by up to a usage flush interval anyway; a few seconds more spare the database a read per call. */
const LEDGER_SPEND_TTL_MS = 5_000;

const globalForSpend = globalThis as unknown as { tollgateMonthSpend?: LRUCache<string, Promise<number>> };

function cache(): LRUCache<string, Promise<number>> {
  globalForSpend.tollgateMonthSpend ??= new LRUCache<string, Promise<number>>({ max: 10_000, ttl: LEDGER_SPEND_TTL_MS });
  return globalForSpend.tollgateMonthSpend;
}

export function ledgerMonthSpend(orgId: string, keyId: string, now: number): Promise<number> {
  const window = quotaCalendar().windowAt("monthly", now);
  const key = `${keyId}\u0000${window.key}`;
  let pending = cache().get(key);
  if (!pending) {
    // single flight: callers in the same few seconds share one read
    pending = ledgerUsage({ orgId, scope: "key", scopeId: keyId, window }).then((used) => used.cost);
    pending.catch(() => cache().delete(key));
    cache().set(key, pending);
  }
  return pending;
}
