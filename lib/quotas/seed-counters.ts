// Creates the counters a reservation found missing (a new period, a fresh Redis, a restarted
// in-memory process) from the usage ledger. Set-if-absent in the store, so replicas racing to seed
// the same counter keep the first seed; within a process, one database read per counter at a time.
import { sharedStore } from "../store";
import type { PlannedCounter } from "./governance-plan";
import { ledgerUsage } from "./usage-ledger";

const slot = globalThis as unknown as { tollgateCounterSeeds?: Map<string, Promise<void>> };

function seedOne(counter: PlannedCounter, orgId: string, now: number): Promise<void> {
  slot.tollgateCounterSeeds ??= new Map();
  const inflight = slot.tollgateCounterSeeds;
  const key = counter.spec.key;
  let pending = inflight.get(key);
  if (!pending) {
    pending = (async () => {
      const used = await ledgerUsage({ orgId, scope: counter.scope, scopeId: counter.scopeId, window: counter.window });
      await sharedStore().seedCounters([{ key, used, expireAt: counter.spec.expireAt }], now);
    })().finally(() => inflight.delete(key));
    inflight.set(key, pending);
  }
  return pending;
}

export async function seedMissingCounters(counters: readonly PlannedCounter[], missing: readonly string[], orgId: string, now: number): Promise<void> {
  const wanted = new Set(missing);
  await Promise.all(counters.filter((c) => wanted.has(c.spec.key)).map((c) => seedOne(c, orgId, now)));
}
