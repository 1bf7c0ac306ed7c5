// The SharedStore of the console's worker thread when the process keeps its store in memory: every
// operation runs on the main thread's MemoryStore through the host bridge (lib/boot/host-bridge.ts),
// so the console reads and resets the very counters the proxy books, and its publications
// (revoked keys, changed routing or quota rules) reach the proxy's caches before the call returns.
import { EventEmitter } from "node:events";
import type { HostBridge } from "../boot/host-bridge";
import type { EmitToGuest, ForwardedStoreMethod, HostHandlers } from "../boot/host-methods";
import type { AdmitRequest, AdmitResult, CounterSeed, CounterState, SettleRequest } from "./governance";
import type { SharedStore } from "./shared-store";

export class HostStore implements SharedStore {
  readonly kind = "memory" as const;
  private readonly bus = new EventEmitter();
  private readonly subscribed = new Map<string, Promise<void>>();

  constructor(private readonly bridge: HostBridge) {
    this.bus.setMaxListeners(0);
    bridge.on("store.message", ({ channel, message }) => this.bus.emit(channel, message));
  }

  incrementWindow(key: string, ttlMs: number): Promise<{ count: number; resetInMs: number }> {
    return this.bridge.call("store.incrementWindow", key, ttlMs);
  }
  get(key: string): Promise<string | null> {
    return this.bridge.call("store.get", key);
  }
  set(key: string, value: string, ttlMs?: number): Promise<void> {
    return this.bridge.call("store.set", key, value, ttlMs);
  }
  delete(key: string): Promise<void> {
    return this.bridge.call("store.delete", key);
  }
  publish(channel: string, message: string): Promise<void> {
    return this.bridge.call("store.publish", channel, message);
  }
  admit(request: AdmitRequest): Promise<AdmitResult> {
    return this.bridge.call("store.admit", request);
  }
  seedCounters(seeds: CounterSeed[], now: number): Promise<void> {
    return this.bridge.call("store.seedCounters", seeds, now);
  }
  settle(request: SettleRequest): Promise<void> {
    return this.bridge.call("store.settle", request);
  }
  renewReservation(id: string, keys: readonly string[], now: number, holdMs: number): Promise<void> {
    return this.bridge.call("store.renewReservation", id, keys, now, holdMs);
  }
  readCounters(keys: string[], now: number): Promise<(CounterState | null)[]> {
    return this.bridge.call("store.readCounters", keys, now);
  }
  deleteCounters(keys: string[]): Promise<void> {
    return this.bridge.call("store.deleteCounters", keys);
  }

  /**
   * Asks the host once per channel; messages then arrive as bridge events, before the publisher's
   * call resolves. The port between two threads of one process loses nothing, so there is never
   * anything to resynchronize (`onResync` is not called).
   */
  async subscribe(channel: string, onMessage: (message: string) => void, _onResync?: () => void): Promise<void> {
    this.bus.on(channel, onMessage);
    let ready = this.subscribed.get(channel);
    if (!ready) this.subscribed.set(channel, (ready = this.bridge.call("store.subscribe", channel)));
    await ready;
  }

  deliveredThrough(): number {
    return Infinity;
  }

  /** The host owns the store and closes it; this thread only stops listening. */
  async close(): Promise<void> {
    this.bus.removeAllListeners();
  }
}

type StoreHandlers = Pick<HostHandlers, `store.${ForwardedStoreMethod}` | "store.subscribe">;

/** The host's side: `store` answers the console thread's calls; its messages are forwarded as events. */
export function storeHostHandlers(store: SharedStore, emit: EmitToGuest): StoreHandlers {
  const forwarding = new Set<string>();
  return {
    "store.incrementWindow": (key, ttlMs) => store.incrementWindow(key, ttlMs),
    "store.get": (key) => store.get(key),
    "store.set": (key, value, ttlMs) => store.set(key, value, ttlMs),
    "store.delete": (key) => store.delete(key),
    "store.publish": (channel, message) => store.publish(channel, message),
    "store.admit": (request) => store.admit(request),
    "store.seedCounters": (seeds, now) => store.seedCounters(seeds, now),
    "store.settle": (request) => store.settle(request),
    "store.renewReservation": (id, keys, now, holdMs) => store.renewReservation(id, keys, now, holdMs),
    "store.readCounters": (keys, now) => store.readCounters(keys, now),
    "store.deleteCounters": (keys) => store.deleteCounters(keys),
    "store.subscribe": async (channel) => {
      if (forwarding.has(channel)) return;
      forwarding.add(channel);
      // The host's store is in-process here (with Redis each thread subscribes itself): nothing to resync.
      await store.subscribe(channel, (message) => emit("store.message", { channel, message }), () => {});
    },
  };
}
