// What planned quota counters have used so far, for the readers of quota usage (quota status, the
// effective limits, quota alerts, /v1/me). A counter that does not exist yet is seeded from the
// usage ledger once, exactly as admission would seed it on the scope's next call, so the ledger (an
// aggregate over the period's usage records: a whole month of an organization's calls, or all of
// them for a "total" quota) is read once per counter and period instead of on every status request.
// While the store is unreachable the ledger answers alone.
import { sharedStore, type Amounts } from "../store";
import type { PlannedCounter } from "./governance-plan";
import { seedMissingCounters } from "./seed-counters";
import { warnThrottled } from "./throttled-warning";
import { ledgerUsage } from "./usage-ledger";

function fromLedger(counter: PlannedCounter, orgId: string): Promise<Amounts> {
  return ledgerUsage({ orgId, scope: counter.scope, scopeId: counter.scopeId, window: counter.window });
}

/** `reader` names the caller in the throttled warning logged while the store is down. */
export async function counterUsage(counters: readonly PlannedCounter[], orgId: string, now: number, reader: string): Promise<Amounts[]> {
  if (counters.length === 0) return [];
  const keys = counters.map((c) => c.spec.key);
  try {
    const store = sharedStore();
    let states = await store.readCounters(keys, now);
    const missing = keys.filter((_key, i) => states[i] === null);
    if (missing.length > 0) {
      await seedMissingCounters(counters, missing, orgId, now);
      states = await store.readCounters(keys, now);
    }
    // A counter can expire between the seed and the read (a period ending right then): the ledger's word.
    return await Promise.all(states.map((state, i) => (state ? state.used : fromLedger(counters[i], orgId))));
  } catch (error) {
    warnThrottled(reader, error, `quota store unreachable; ${reader} reads quota usage from the usage ledger`);
    return Promise.all(counters.map((c) => fromLedger(c, orgId)));
  }
}
