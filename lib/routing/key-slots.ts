// A key's maxConcurrency: calls of one API key in flight at once in this process. Over it a call waits
// in a bounded queue for ROUTING_QUEUE_TIMEOUT_MS, then gets a 429 with retry-after. A key without a
// limit costs nothing here. Per process, like a deployment's limit (docs/routing.md says why).
import { routingMetrics } from "./routing-metrics";
import { concurrencyLimited } from "./routing-error";
import { SlotWaiters } from "./slot-waiters";
import type { SignalLike } from "./types";

interface KeyState {
  inFlight: number;
  waiters: SlotWaiters;
}

export class KeySlots {
  private readonly keys = new Map<string, KeyState>();

  inFlight(keyId: string): number {
    return this.keys.get(keyId)?.inFlight ?? 0;
  }

  /** Resolves with the slot's release function, or throws the 429 when none frees in time. */
  async acquire(keyId: string, max: number, options: { queueTimeoutMs: number; queueMax: number; signal: SignalLike }): Promise<() => void> {
    let state = this.keys.get(keyId);
    if (!state) {
      state = { inFlight: 0, waiters: new SlotWaiters() };
      this.keys.set(keyId, state);
    }
    const deadline = performance.now() + options.queueTimeoutMs;
    while (state.inFlight >= max) {
      const outcome = await state.waiters.wait({ timeoutMs: deadline - performance.now(), max: options.queueMax, signal: options.signal });
      if (outcome === "aborted") throw options.signal.reason;
      if (outcome !== "woken") {
        routingMetrics().queued("key", outcome === "full" ? "full" : "timeout");
        throw concurrencyLimited({ what: "this API key", queueTimeoutMs: options.queueTimeoutMs, full: outcome === "full" });
      }
      routingMetrics().queued("key", "admitted");
    }
    state.inFlight += 1;
    let released = false;
    const slot = state;
    return () => {
      if (released) return;
      released = true;
      slot.inFlight -= 1;
      if (slot.waiters.size > 0) slot.waiters.wake(keyId);
      else if (slot.inFlight === 0) this.keys.delete(keyId);
    };
  }
}

const slot = globalThis as unknown as { tollgateKeySlots?: KeySlots };

export function keySlots(): KeySlots {
  return (slot.tollgateKeySlots ??= new KeySlots());
}
