// The enabled rules the evaluator works through, cached briefly so a 15-second evaluation loop does
// not re-read the table every tick. Mutations on this replica drop the cache at once; other
// replicas pick changes up within the TTL. Kept on globalThis so both copies of lib/ in the server
// process (Next bundle and the fast path) share one cache.
import { db } from "../db";
import type { AlertRuleRow } from "./rule-queries";

const RULE_CACHE_TTL_MS = 10_000;

const slot = globalThis as unknown as { tollgateAlertRuleCache?: { rows: AlertRuleRow[]; loadedAt: number } };

export async function enabledAlertRules(now = Date.now()): Promise<AlertRuleRow[]> {
  const cached = slot.tollgateAlertRuleCache;
  if (cached && now - cached.loadedAt < RULE_CACHE_TTL_MS) return cached.rows;
  const rows = await db().alertRule.findMany({ where: { enabled: true }, orderBy: { createdAt: "asc" } });
  slot.tollgateAlertRuleCache = { rows, loadedAt: now };
  return rows;
}

export function forgetCachedAlertRules(): void {
  slot.tollgateAlertRuleCache = undefined;
}
