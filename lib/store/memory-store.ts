import { EventEmitter } from "node:events";
import type { AdmitRequest, CounterSeed, SettleRequest } from "./governance";
import { MemoryGovernance } from "./memory-governance";
import type { SharedStore } from "./shared-store";

interface Entry {
  value: string;
  expiresAt: number; // Infinity = never
}

/** Single-process store. Expired entries are dropped on read and by a periodic sweep. */
export class MemoryStore implements SharedStore {
  readonly kind = "memory" as const;
  private readonly entries = new Map<string, Entry>();
  private readonly bus = new EventEmitter();
  private readonly governance = new MemoryGovernance();
  readonly syncGovernance = this.governance;
  private readonly sweeper: NodeJS.Timeout;

  constructor(sweepEveryMs = 60_000) {
    this.bus.setMaxListeners(0);
    this.sweeper = setInterval(() => this.sweep(), sweepEveryMs);
    this.sweeper.unref();
  }

  private live(key: string, now = Date.now()): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private sweep(): void {
    const now = Date.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
    this.governance.sweep();
  }

  async incrementWindow(key: string, ttlMs: number) {
    const now = Date.now();
    const entry = this.live(key, now);
    if (!entry) {
      this.entries.set(key, { value: "1", expiresAt: now + ttlMs });
      return { count: 1, resetInMs: ttlMs };
    }
    entry.value = String(Number(entry.value) + 1);
    return { count: Number(entry.value), resetInMs: entry.expiresAt - now };
  }

  async get(key: string) {
    return this.live(key)?.value ?? null;
  }

  async set(key: string, value: string, ttlMs?: number) {
    this.entries.set(key, { value, expiresAt: ttlMs ? Date.now() + ttlMs : Infinity });
  }

  async delete(key: string) {
    this.entries.delete(key);
  }

  async publish(channel: string, message: string) {
    this.bus.emit(channel, message);
  }

  /** Delivery is a synchronous call in this process: nothing can be missed, so `onResync` never runs. */
  async subscribe(channel: string, onMessage: (message: string) => void, _onResync?: () => void) {
    this.bus.on(channel, onMessage);
  }

  deliveredThrough(): number {
    return Infinity;
  }

  admit(request: AdmitRequest) {
    return this.governance.admit(request);
  }

  seedCounters(seeds: CounterSeed[], now: number) {
    return this.governance.seedCounters(seeds, now);
  }

  settle(request: SettleRequest) {
    return this.governance.settle(request);
  }

  renewReservation(id: string, keys: readonly string[], now: number, holdMs: number) {
    return this.governance.renewReservation(id, keys, now, holdMs);
  }

  readCounters(keys: string[], now: number) {
    return this.governance.readCounters(keys, now);
  }

  deleteCounters(keys: string[]) {
    return this.governance.deleteCounters(keys);
  }

  async close() {
    clearInterval(this.sweeper);
    this.bus.removeAllListeners();
    this.entries.clear();
    this.governance.clear();
  }
}
