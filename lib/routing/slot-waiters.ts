// Calls waiting for a free slot (a deployment's or a key's maxConcurrency), first come first served.
// A waiter is woken when a slot it can use frees up, gives up at its deadline, or leaves when its
// client goes away. Bounded: past `max` waiters a call is refused at once instead of queued.
import type { SignalLike } from "./types";

interface Waiter {
  accepts: ((slotId: string) => boolean) | null;
  wake: () => void;
}

export type WaitOutcome = "woken" | "timeout" | "full" | "aborted";

export class SlotWaiters {
  private readonly waiters: Waiter[] = [];

  get size(): number {
    return this.waiters.length;
  }

  /** Waits until `wake` names a slot this waiter accepts (null = any), the deadline, or the abort. */
  wait(options: { timeoutMs: number; max: number; signal: SignalLike; accepts?: (slotId: string) => boolean }): Promise<WaitOutcome> {
    if (this.waiters.length >= options.max) return Promise.resolve("full");
    if (options.timeoutMs <= 0) return Promise.resolve("timeout");
    if (options.signal.aborted) return Promise.resolve("aborted");
    return new Promise<WaitOutcome>((resolve) => {
      const settle = (outcome: WaitOutcome) => {
        clearTimeout(timer);
        options.signal.removeEventListener("abort", onAbort);
        const index = this.waiters.indexOf(waiter);
        if (index !== -1) this.waiters.splice(index, 1);
        resolve(outcome);
      };
      const waiter: Waiter = { accepts: options.accepts ?? null, wake: () => settle("woken") };
      const onAbort = () => settle("aborted");
      const timer = setTimeout(() => settle("timeout"), options.timeoutMs);
      options.signal.addEventListener("abort", onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  /** A slot of `slotId` freed up: the first waiter that can use it is woken. */
  wake(slotId: string): void {
    for (const waiter of this.waiters) {
      if (waiter.accepts === null || waiter.accepts(slotId)) {
        waiter.wake();
        return;
      }
    }
  }
}
