import { hostBridge } from "../boot/host-bridge";
import { env } from "../env";
import { HostStore } from "./host-store";
import { MemoryStore } from "./memory-store";
import { RedisStore } from "./redis-store";
import type { SharedStore } from "./shared-store";

export type { SharedStore } from "./shared-store";
export type {
  AdmitRequest,
  AdmitResult,
  Amounts,
  AmountKind,
  CounterSeed,
  CounterState,
  GovernanceStore,
  QuotaCounterSpec,
  RateWindowSpec,
  SettleRequest,
  SyncGovernance,
  WindowState,
} from "./governance";

const globalForStore = globalThis as unknown as { tollgateStore?: SharedStore };

/**
 * The process-wide store: Redis when REDIS_URL is set, in-process otherwise. In the console's worker
 * thread, "in-process" is the main thread's store, reached through the host bridge.
 */
export function sharedStore(): SharedStore {
  if (!globalForStore.tollgateStore) {
    const url = env().REDIS_URL;
    const bridge = hostBridge();
    globalForStore.tollgateStore = url ? new RedisStore(url) : bridge ? new HostStore(bridge) : new MemoryStore();
  }
  return globalForStore.tollgateStore;
}

export async function closeSharedStore(): Promise<void> {
  const store = globalForStore.tollgateStore;
  globalForStore.tollgateStore = undefined;
  await store?.close();
}
