// Lets a background job see the usage record of a call it made in-process (lib/batches: a batch
// line's tokens and cost are exactly what the ledger books). The job watches the call's request id
// before it runs the call; recordUsage hands it the event (other calls pay one size check while no
// job watches). On globalThis: Next.js bundles its own copy of lib/.
import type { UsageEvent } from "./usage-event";

const slot = globalThis as unknown as { tollgateUsageTaps?: Map<string, (event: UsageEvent) => void> };

function taps(): Map<string, (event: UsageEvent) => void> {
  return (slot.tollgateUsageTaps ??= new Map());
}

export interface UsageWatch {
  /** the call's usage event, or null when none came within `timeoutMs` */
  event(timeoutMs: number): Promise<UsageEvent | null>;
  cancel(): void;
}

export function watchUsage(requestId: string): UsageWatch {
  let received: UsageEvent | null = null;
  let wake: (() => void) | null = null;
  taps().set(requestId, (event) => {
    received = event;
    wake?.();
  });
  const cancel = () => {
    taps().delete(requestId);
  };
  return {
    async event(timeoutMs) {
      if (!received) {
        let timer: NodeJS.Timeout | undefined;
        await new Promise<void>((resolve) => {
          wake = resolve;
          timer = setTimeout(resolve, timeoutMs);
        });
        clearTimeout(timer);
      }
      cancel();
      return received;
    },
    cancel,
  };
}

/** Called by recordUsage for every call: one size check when no job watches. */
export function tapUsage(event: UsageEvent): void {
  const watched = slot.tollgateUsageTaps;
  if (!watched || watched.size === 0) return;
  const tap = watched.get(event.requestId);
  if (!tap) return;
  watched.delete(event.requestId);
  tap(event);
}
